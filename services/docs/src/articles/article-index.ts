import type { Logger } from 'pino';
import { SearchIndex } from '../search/search-index.ts';
import { articleSearchDocument } from './article-search-document.ts';
import type { ArticleStore } from './article-store.ts';
import type { Article } from './parse-article.ts';

/** How often a replica looks for changes made through any replica: the "within seconds" of the design. */
export const DEFAULT_INDEX_REFRESH_MS = 1_000;

export interface ArticleIndexOptions {
  store: ArticleStore;
  log: Logger;
  refreshMs?: number;
}

/**
 * This replica's search index and article cache, kept in step with PostgreSQL: built from every article at
 * startup, then following the `article_changes` log. Any replica may have applied a change; all of them
 * see it within one refresh interval.
 */
export class ArticleIndex {
  readonly search = new SearchIndex();
  readonly #articles = new Map<string, Article>();
  readonly #store: ArticleStore;
  readonly #log: Logger;
  readonly #refreshMs: number;
  #seq = 0;
  #timer: NodeJS.Timeout | undefined;
  #refreshing: Promise<void> | undefined;
  #lastError: unknown;

  constructor(options: ArticleIndexOptions) {
    this.#store = options.store;
    this.#log = options.log;
    this.#refreshMs = options.refreshMs ?? DEFAULT_INDEX_REFRESH_MS;
  }

  /** Loads everything, then follows changes until {@link ArticleIndex.stop}. */
  async start(): Promise<void> {
    // Read the log position first: a change committed while loading is then applied again, harmlessly.
    this.#seq = await this.#store.latestSeq();
    for (const article of await this.#store.list()) this.#put(article);
    this.#log.info({ articles: this.#articles.size, passages: this.search.passageCount }, 'help-center index built');
    this.#timer = setInterval(() => void this.refresh(), this.#refreshMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Applies changes made since the last look. Concurrent calls share one run. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#applyChanges().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /** False after a failed refresh (database unreachable): readiness reports it. */
  get healthy(): boolean {
    return this.#lastError === undefined;
  }

  get(slug: string): Article | undefined {
    return this.#articles.get(slug);
  }

  list(): Article[] {
    return [...this.#articles.values()].sort((a, b) => a.slug.localeCompare(b.slug));
  }

  async #applyChanges(): Promise<void> {
    try {
      for (;;) {
        const changes = await this.#store.changesSince(this.#seq);
        if (changes.length === 0) break;
        for (const change of changes) {
          const article = change.change === 'upsert' ? await this.#store.get(change.slug) : null;
          if (article) this.#put(article);
          else this.#drop(change.slug);
          this.#seq = change.seq;
        }
        this.#log.info({ seq: this.#seq, articles: this.#articles.size }, 'help-center index updated');
      }
      this.#lastError = undefined;
    } catch (error) {
      if (this.#lastError === undefined) this.#log.warn({ err: error }, 'help-center index refresh failed; retrying');
      this.#lastError = error;
    }
  }

  #put(article: Article): void {
    this.#articles.set(article.slug, article);
    this.search.upsert(articleSearchDocument(article));
  }

  #drop(slug: string): void {
    this.#articles.delete(slug);
    this.search.remove(slug);
  }
}
