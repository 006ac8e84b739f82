/** Bounds and timings of the Redis turn stream hub, with their reasons (ms unless named otherwise). */
export const REDIS_TURN_STREAM_DEFAULTS = {
  /**
   * Life of the turn lock without renewal. The writer renews it every third of this while the turn runs, so a
   * replica that dies frees its conversations within this time.
   */
  leaseMs: 15_000,
  /**
   * Life of the lock of a turn waiting in the queue for a worker (nobody renews it meanwhile). Readers follow
   * the turn for this long before a worker takes it; a worker that takes it later takes the lock again.
   */
  queuedLeaseMs: 60_000,
  /** How long a finished turn stays readable by its id: the starting request may still be reading it. */
  retainFinishedMs: 30_000,
  /** Chunks kept per turn; later ones are dropped (the turn runner caps itself well below this). */
  maxChunksPerTurn: 50_000,
  /** Longest a follower's XREAD BLOCK waits before checking that the turn's writer still holds the lock. */
  blockMs: 5_000,
  /** Entries one read or one write round trip carries. */
  batchSize: 500,
  /** Tries of one batch of chunks through a connection blip before it is given up (backoff 50 ms → 2 s). */
  maxWriteAttempts: 8,
  /** Failed reads in a row (backoff 50 ms → 2 s) before a follower's stream errors. */
  maxReadFailures: 8,
} as const;

export type RedisTurnStreamLimits = { -readonly [K in keyof typeof REDIS_TURN_STREAM_DEFAULTS]: number };

/** Wait before retry number `attempt` (1-based) after a Redis failure: 50 ms doubling up to 2 s. */
export function waitBeforeRetry(attempt: number): Promise<void> {
  const ms = Math.min(2_000, 50 * 2 ** (attempt - 1));
  return new Promise((resolve) => setTimeout(resolve, ms));
}
