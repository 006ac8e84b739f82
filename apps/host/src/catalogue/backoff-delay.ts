export interface BackoffOptions {
  /** Delay before the first retry, in milliseconds. */
  initialDelayMs: number;
  /** Ceiling of any delay, in milliseconds: a server that comes back is found within this. */
  maxDelayMs: number;
}

/** Each retry waits twice as long as the one before, up to the ceiling. */
const GROWTH_FACTOR = 2;
/** ±20 %: enough that host replicas restarted together do not knock on a recovering server in step. */
const JITTER = 0.2;

/**
 * Capped exponential backoff with jitter: the wait before retry number `attempt` (1-based).
 * `random` is injectable (returns [0, 1)) so tests can pin the jitter.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const base = Math.min(options.maxDelayMs, options.initialDelayMs * GROWTH_FACTOR ** exponent);
  const jittered = base * (1 - JITTER + 2 * JITTER * random());
  return Math.round(Math.min(options.maxDelayMs, jittered));
}
