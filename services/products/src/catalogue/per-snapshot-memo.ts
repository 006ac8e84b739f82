import { LRUCache } from 'lru-cache';
import type { CatalogueSnapshot } from './catalogue-snapshot.ts';

/**
 * Values computed from one catalogue snapshot, remembered while that snapshot is the current one. A
 * snapshot is immutable and a newer read replaces it whole, so a value remembered for it is what computing
 * it again would give (or newer: a computation may read a snapshot that replaced it meanwhile); the first
 * call that finds a newer snapshot forgets them all. Freshness is the snapshot's: the caller asks
 * `LiveCatalogue.current()` for it on every call (staleness bound, 2 s), so a remembered value is never
 * older than the copy a fresh computation would read.
 */
export class PerSnapshotMemo<Value extends object> {
  readonly #max: number;
  #snapshot: CatalogueSnapshot | undefined;
  #values: LRUCache<string, Value>;

  /** `max`: distinct keys remembered per snapshot, least recently used out first. */
  constructor(max: number) {
    this.#max = max;
    this.#values = new LRUCache({ max });
  }

  /**
   * The value remembered for `key` at `snapshot`, else `compute()`'s, deep-frozen (callers share it) and
   * remembered when `snapshot` is still the newest seen. A failed computation is not remembered.
   */
  async get(snapshot: CatalogueSnapshot, key: string, compute: () => Promise<Value>): Promise<Value> {
    if (snapshot !== this.#snapshot) {
      // An older snapshot (a call that started before a reload) computes without touching the newer memo.
      if (this.#snapshot && snapshot.version < this.#snapshot.version) return compute();
      this.#snapshot = snapshot;
      this.#values = new LRUCache({ max: this.#max });
    }
    const values = this.#values;
    const known = values.get(key);
    if (known) return known;
    const value = deepFreeze(await compute());
    // A reload during the computation replaced the memo: the value belongs to the old one only.
    values.set(key, value);
    return value;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
