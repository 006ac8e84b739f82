/**
 * The catalogue copy could not be confirmed current within the staleness bound (the database is
 * unreachable): answering from it could show a price or stock that is no longer true, so nothing answers.
 */
export class CatalogueStaleError extends Error {
  readonly code = 'catalogue_stale';
  readonly isRetryable = true;

  /** Milliseconds since the copy was last confirmed current. */
  readonly ageMs: number;

  constructor(ageMs: number, options?: ErrorOptions) {
    super(`The catalogue was last confirmed current ${ageMs} ms ago, beyond the staleness bound`, options);
    this.name = 'CatalogueStaleError';
    this.ageMs = ageMs;
  }
}
