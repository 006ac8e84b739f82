/**
 * How many indexed units (passages) contain each term. MiniSearch keeps the same numbers privately; the
 * index needs its own copy to tell a query word it has never seen, which may be a typo, from a known one.
 */
export class TermCounts {
  readonly #counts = new Map<string, number>();

  /** Counts each distinct term of one unit once. */
  add(terms: readonly string[]): void {
    for (const term of new Set(terms)) this.#counts.set(term, (this.#counts.get(term) ?? 0) + 1);
  }

  /** Uncounts a unit added earlier with the same terms; a term no unit contains any more is forgotten. */
  remove(terms: readonly string[]): void {
    for (const term of new Set(terms)) {
      const count = (this.#counts.get(term) ?? 0) - 1;
      if (count > 0) this.#counts.set(term, count);
      else this.#counts.delete(term);
    }
  }

  has(term: string): boolean {
    return this.#counts.has(term);
  }
}
