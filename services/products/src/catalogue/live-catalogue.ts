import type { Database, Unlisten } from '@shopchat/postgres';
import type { Logger } from 'pino';
import type { CatalogueSnapshot } from './catalogue-snapshot.ts';
import { CatalogueStaleError } from './catalogue-stale-error.ts';
import { readCatalogueSnapshot, readCatalogueVersion } from './read-catalogue-snapshot.ts';

/** The channel the catalogue triggers NOTIFY on (migrations/0002). */
export const CATALOGUE_CHANNEL = 'products_catalogue';

export interface LiveCatalogueOptions {
  db: Database;
  log: Pick<Logger, 'info' | 'warn'>;
  /**
   * How often the version is compared, in ms: the fallback for a lost notification. Default 250: one
   * one-row read four times a second per replica.
   */
  checkEveryMs?: number;
  /**
   * The staleness bound, in ms: a copy not confirmed current for this long is not answered from (the
   * database is unreachable). Default 2,000: eight missed checks. Every change committed this long
   * before a search is in its answer; with notifications arriving, changes show within milliseconds.
   */
  staleAfterMs?: number;
  /** Clock in ms (injectable for tests). */
  now?: () => number;
}

export const LIVE_CATALOGUE_DEFAULTS = { checkEveryMs: 250, staleAfterMs: 2_000 } as const;

/**
 * The catalogue in memory, kept current: read whole at startup, read again when PostgreSQL notifies a
 * change (LISTEN/NOTIFY; the triggers of migrations/0002 notify on every statement that changes a
 * product, variant or category), and its version compared every `checkEveryMs` in case a notification
 * was lost. Searches never wait for the database; they get the newest copy confirmed within the bound.
 */
export class LiveCatalogue {
  readonly #db: Database;
  readonly #log: LiveCatalogueOptions['log'];
  readonly #staleAfterMs: number;
  readonly #now: () => number;
  #snapshot: CatalogueSnapshot;
  /** When the copy was last known to be current: the start of the read that showed it. */
  #confirmedAt: number;
  #reloading: Promise<void> | undefined;
  /** A change was announced during a reload, which may have read before it committed. */
  #reloadAgain = false;
  #failing = false;
  #timer: NodeJS.Timeout | undefined;
  #unlisten: Unlisten | undefined;

  private constructor(options: LiveCatalogueOptions, snapshot: CatalogueSnapshot, confirmedAt: number) {
    this.#db = options.db;
    this.#log = options.log;
    this.#staleAfterMs = options.staleAfterMs ?? LIVE_CATALOGUE_DEFAULTS.staleAfterMs;
    this.#now = options.now ?? Date.now;
    this.#snapshot = snapshot;
    this.#confirmedAt = confirmedAt;
  }

  /** Reads the catalogue and starts following its changes until {@link LiveCatalogue.close}. */
  static async open(options: LiveCatalogueOptions): Promise<LiveCatalogue> {
    const now = options.now ?? Date.now;
    const started = now();
    const catalogue = new LiveCatalogue(options, await readCatalogueSnapshot(options.db), started);
    catalogue.#unlisten = await options.db.listen(CATALOGUE_CHANNEL, () => void catalogue.reload());
    catalogue.#timer = setInterval(
      () => void catalogue.check(),
      options.checkEveryMs ?? LIVE_CATALOGUE_DEFAULTS.checkEveryMs,
    );
    catalogue.#timer.unref();
    return catalogue;
  }

  /**
   * The current copy. When it was not confirmed within the bound (a busy event loop delayed the checks,
   * or the database is unreachable) the version is checked first, so the answer is at least as new as
   * the moment of asking; {@link CatalogueStaleError} when that check fails.
   */
  async current(): Promise<CatalogueSnapshot> {
    const asked = this.#now();
    if (asked - this.#confirmedAt <= this.#staleAfterMs) return this.#snapshot;
    await this.check();
    if (this.#confirmedAt < asked) throw new CatalogueStaleError(asked - this.#confirmedAt);
    return this.#snapshot;
  }

  /** False while the database cannot be read: readiness reports it. */
  get healthy(): boolean {
    return !this.#failing;
  }

  /** Compares the version and reloads when it moved. */
  async check(): Promise<void> {
    const started = this.#now();
    try {
      const version = await readCatalogueVersion(this.#db);
      if (version === this.#snapshot.version) this.#confirm(started);
      else await this.reload();
    } catch (error) {
      this.#failed(error);
    }
  }

  /** Reads the catalogue again. Calls during a reload make one more reload after it, not one each. */
  reload(): Promise<void> {
    if (this.#reloading) {
      this.#reloadAgain = true;
      return this.#reloading;
    }
    this.#reloading = this.#readAgain().finally(() => {
      this.#reloading = undefined;
      if (this.#reloadAgain) {
        this.#reloadAgain = false;
        void this.reload();
      }
    });
    return this.#reloading;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#unlisten?.();
    await this.#reloading;
  }

  async #readAgain(): Promise<void> {
    const started = this.#now();
    try {
      const snapshot = await readCatalogueSnapshot(this.#db);
      // A slower, older read finishing after a newer one must not replace it.
      if (snapshot.version >= this.#snapshot.version) this.#snapshot = snapshot;
      this.#confirm(started);
    } catch (error) {
      this.#failed(error);
    }
  }

  #confirm(at: number): void {
    this.#confirmedAt = Math.max(this.#confirmedAt, at);
    if (this.#failing) this.#log.info({ version: this.#snapshot.version }, 'catalogue followed again');
    this.#failing = false;
  }

  #failed(error: unknown): void {
    if (!this.#failing) this.#log.warn({ err: error }, 'catalogue cannot be read; retrying');
    this.#failing = true;
  }
}
