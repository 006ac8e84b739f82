/** The two bounds of a retry schedule: the first delay, doubled each try, never above the cap. */
export interface BackoffBounds {
  retryBaseMs: number;
  retryMaxMs: number;
}

/** The delay before try `failures + 1` after `failures` failed tries: `retryBaseMs` doubling, capped at `retryMaxMs`. */
export function cappedBackoffMs(failures: number, bounds: BackoffBounds): number {
  return Math.min(bounds.retryMaxMs, bounds.retryBaseMs * 2 ** Math.max(0, failures - 1));
}
