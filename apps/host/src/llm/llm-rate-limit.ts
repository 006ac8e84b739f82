import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** The provider's request rate limit that all workers share, with the reasons for the defaults. */
export const LLM_RATE_LIMIT_DEFAULTS = {
  /** Model calls per window across every worker (`LLM_RATE_LIMIT_REQUESTS`); the account's limit. */
  requests: 4_000,
  /** The window, in ms (`LLM_RATE_LIMIT_WINDOW_MS`); whole seconds. */
  windowMs: 60_000,
  /** Longest a 429/529 answer pauses every worker, whatever its `retry-after` says, in seconds. */
  maxPauseSeconds: 60,
} as const;

export interface LlmRateLimitOptions {
  requests: number;
  windowMs: number;
  /** Shared by every worker with it; per process without. */
  redis?: Redis;
  prefix: string;
  log: Pick<Logger, 'warn'>;
}

const KEY = 'messages';

/**
 * The limiter (rate-limiter-flexible): a fixed window counted in Redis by every worker, with a per-process
 * limiter of the same size standing in while Redis is unreachable, so a Redis blip never stops the model.
 */
export function createLlmRateLimiter(options: LlmRateLimitOptions): RateLimiterAbstract {
  if (!(Number.isInteger(options.requests) && options.requests > 0)) {
    throw new RangeError(`LLM rate limit: requests must be a positive integer, got ${options.requests}`);
  }
  if (!(Number.isInteger(options.windowMs / 1000) && options.windowMs >= 1000)) {
    throw new RangeError(`LLM rate limit: the window must be whole seconds, got ${options.windowMs} ms`);
  }
  const shape = {
    points: options.requests,
    duration: options.windowMs / 1000,
    keyPrefix: `${options.prefix}:llm-rate`,
  };
  if (!options.redis) return new RateLimiterMemory(shape);
  return new RateLimiterRedis({
    ...shape,
    storeClient: options.redis,
    insuranceLimiter: new RateLimiterMemory(shape),
  });
}

export interface RateLimitedFetchOptions {
  limiter: RateLimiterAbstract;
  log: Pick<Logger, 'warn'>;
  fetch?: typeof fetch;
  /** Called with the ms a call waited for the limit (metrics). */
  onWait?: (ms: number) => void;
}

/**
 * A `fetch` for the Anthropic client: every HTTP request to the model (the SDK's own retries included)
 * first takes a slot of the shared limit, waiting for the next window when there is none; an answer of 429
 * (rate limited) or 529 (overloaded) pauses every worker for its `retry-after`, so they back off together
 * instead of each hammering the provider.
 */
export function rateLimitedFetch(options: RateLimitedFetchOptions): typeof fetch {
  const { limiter, log } = options;
  const baseFetch = options.fetch ?? fetch;
  return async (input, init) => {
    const started = Date.now();
    for (;;) {
      try {
        await limiter.consume(KEY);
        break;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        // A little jitter, so the waiting callers do not all come back in the same millisecond.
        await sleep(rejection.msBeforeNext + Math.random() * 50, init?.signal ?? undefined);
      }
    }
    const waited = Date.now() - started;
    if (waited > 0) options.onWait?.(waited);
    const response = await baseFetch(input, init);
    if (response.status === 429 || response.status === 529) {
      const seconds = Math.min(LLM_RATE_LIMIT_DEFAULTS.maxPauseSeconds, retryAfterSeconds(response.headers));
      await limiter
        .block(KEY, seconds)
        .catch((error: unknown) => log.warn({ err: error }, 'could not pause the LLM limit'));
      log.warn({ status: response.status, pauseSeconds: seconds }, 'the model provider is busy; every worker pauses');
    }
    return response;
  };
}

function retryAfterSeconds(headers: Headers): number {
  const value = Number(headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : 1;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
