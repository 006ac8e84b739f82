import type { Database } from '@shopchat/postgres';
import type { Logger } from 'pino';
import type { OrderDetail } from './get-order.ts';
import { readOrder } from './get-order.ts';

/** The channel the order triggers NOTIFY on (migrations/0005). */
export const ORDERS_DATA_CHANNEL = 'orders_data';

export interface OrderReadCacheOptions {
  db: Database;
  log: Pick<Logger, 'info' | 'warn'>;
  /**
   * The staleness bound, in ms: copies are answered from only while the version was confirmed unchanged
   * within this long; otherwise the order is read from the database. Default 1,000.
   */
  staleAfterMs?: number;
  /** A call finding the last confirmation older than this starts a version check (one at a time). Default 250. */
  checkAfterMs?: number;
  /** Orders remembered per replica; the oldest goes first. Default 5,000 (a few KB each). */
  maxEntries?: number;
  /** Clock in ms (injectable for tests). */
  now?: () => number;
}

export const ORDER_READ_CACHE_DEFAULTS = { staleAfterMs: 1_000, checkAfterMs: 250, maxEntries: 5_000 } as const;

/**
 * `get_order`'s reads, remembered while nothing about any order changed. Every statement that changes
 * an order, its lines, parcels or returns bumps `orders_data_version` and NOTIFYs `orders_data`
 * (migrations/0005). A copy is kept only when it was read at the version this replica last confirmed,
 * all copies are forgotten when a notification arrives or the version moves, and copies are answered
 * from only while that version was confirmed within `staleAfterMs`: an answer never misses a change
 * committed longer ago than that, and in practice a change is seen within milliseconds (the NOTIFY).
 * The customer scoping is unchanged: a copy is keyed by customer and order number, and filled only by
 * the customer-scoped read.
 */
export class OrderReadCache {
  readonly #db: Database;
  readonly #log: OrderReadCacheOptions['log'];
  readonly #staleAfterMs: number;
  readonly #checkAfterMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, OrderDetail>();
  /** The version the copies are of, and when it was last confirmed current (the start of that read). */
  #version = -1;
  #confirmedAt = Number.NEGATIVE_INFINITY;
  /** Moves on every forgetting, so a read that began before it does not store what it saw. */
  #epoch = 0;
  #checking: Promise<void> | undefined;
  /** A change was announced during a check, which may have read the version before it committed. */
  #checkAgain = false;
  #failing = false;

  private constructor(options: OrderReadCacheOptions) {
    this.#db = options.db;
    this.#log = options.log;
    this.#staleAfterMs = options.staleAfterMs ?? ORDER_READ_CACHE_DEFAULTS.staleAfterMs;
    this.#checkAfterMs = options.checkAfterMs ?? ORDER_READ_CACHE_DEFAULTS.checkAfterMs;
    this.#maxEntries = options.maxEntries ?? ORDER_READ_CACHE_DEFAULTS.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Starts following changes. Without notifications (LISTEN failing) copies are still exact within the
   * bound, through the version checks alone.
   */
  static async open(options: OrderReadCacheOptions): Promise<OrderReadCache> {
    const cache = new OrderReadCache(options);
    try {
      await options.db.listen(ORDERS_DATA_CHANNEL, () => cache.forget());
    } catch (error) {
      options.log.warn({ err: error }, 'order changes cannot be followed by notification; version checks only');
    }
    await cache.check();
    return cache;
  }

  /** One of the customer's orders: the remembered copy when it is current, else read (and remembered). */
  async getOrder(customerId: string, orderNumber: string): Promise<OrderDetail | null> {
    const key = `${customerId}\u0000${orderNumber}`;
    const asked = this.#now();
    const age = asked - this.#confirmedAt;
    if (age > this.#checkAfterMs) void this.check();
    if (age <= this.#staleAfterMs) {
      const copy = this.#entries.get(key);
      if (copy) return copy;
    }
    const epoch = this.#epoch;
    const read = await readOrder(this.#db, customerId, orderNumber);
    if (!read) return null;
    if (epoch === this.#epoch && read.version === this.#version) this.#remember(key, read.order);
    return read.order;
  }

  /** Forgets every copy: a change was announced, or this replica just changed an order itself. */
  forget(): void {
    this.#epoch++;
    this.#entries.clear();
    // The copies may be re-filled only once the new version is confirmed.
    this.#version = -1;
    void this.check();
  }

  /** Reads the version; a moved version forgets every copy. Calls during a check share it. */
  check(): Promise<void> {
    this.#checking ??= this.#readVersion().finally(() => {
      this.#checking = undefined;
      if (this.#checkAgain) {
        this.#checkAgain = false;
        void this.check();
      }
    });
    return this.#checking;
  }

  async #readVersion(): Promise<void> {
    const started = this.#now();
    const epoch = this.#epoch;
    try {
      const [row] = await this.#db.query<{ version: string }>('SELECT version FROM orders_data_version');
      if (!row) throw new Error('orders_data_version is empty: run the orders migrations');
      const version = Number(row.version);
      // A notification during the read: its change may be newer than what was read; check again.
      if (epoch !== this.#epoch) {
        this.#checkAgain = true;
        return;
      }
      if (version !== this.#version) {
        this.#epoch++;
        this.#entries.clear();
        this.#version = version;
      }
      this.#confirmedAt = Math.max(this.#confirmedAt, started);
      if (this.#failing) this.#log.info({ version }, 'order changes followed again');
      this.#failing = false;
    } catch (error) {
      if (!this.#failing) this.#log.warn({ err: error }, 'orders_data_version cannot be read; orders read directly');
      this.#failing = true;
    }
  }

  #remember(key: string, order: OrderDetail): void {
    deepFreeze(order);
    this.#entries.set(key, order);
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}

/** Copies are handed to every later call: none may change one. */
function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}
