/**
 * Tokens whose signature and claims were already verified, each remembered only until the first instant
 * at which verifying it again could fail for time alone: its `exp`, or its `iat` plus the longest life the
 * verifier allows, whichever comes first (no clock tolerance is granted here; past that instant the full
 * verification runs again and decides). Keyed by the exact token string, so a token differing in any
 * byte is a miss. Bounded: the oldest entry goes first.
 *
 * Why: verifying an EdDSA token was a sixth of a `get_order` call's CPU; a token reused within its minute
 * of life (a retried call, a client calling several tools with one token) now costs one map lookup.
 */
export class VerifiedTokenCache {
  readonly #entries = new Map<string, { customerId: string; validUntilMs: number }>();
  readonly #maxEntries: number;

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  /** The customer a token names, when it was verified and is still inside its validity at `nowMs`. */
  get(token: string, nowMs: number): string | undefined {
    const entry = this.#entries.get(token);
    if (!entry) return undefined;
    if (nowMs < entry.validUntilMs) return entry.customerId;
    this.#entries.delete(token);
    return undefined;
  }

  /** Remembers a verified token until `validUntilMs` (epoch ms); one already past it is not kept. */
  set(token: string, customerId: string, validUntilMs: number, nowMs: number): void {
    if (!(nowMs < validUntilMs)) return;
    this.#entries.delete(token);
    this.#entries.set(token, { customerId, validUntilMs });
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}
