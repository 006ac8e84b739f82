import type { RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { ChatApiError } from '../chat/chat-api-error.ts';
import { clientKeyOf } from './client-key.ts';

export interface RateLimitOptions {
  /** Requests per minute for one customer, or one IP address for anonymous visitors. */
  perMinute: number;
  /** What is counted, for the 429 message: "messages", "reads". */
  what: string;
  /**
   * Where the counts live: express-rate-limit's `Store` interface, in this process's memory by default; a
   * Redis store (`rate-limit-redis`) makes the limit hold across API replicas. One store per limiter.
   */
  store?: Store;
}

export interface TurnRateLimitOptions {
  /** Chat turns (POST /api/chat) per minute for one customer, or one IP address for anonymous visitors. */
  turnsPerMinute: number;
  store?: Store;
}

const WINDOW_MS = 60_000;

/**
 * Limits requests per customer, else per IP ({@link clientKeyOf}). Over the limit: 429 `rate_limited` with
 * `Retry-After`. Must run after `identifyCaller`.
 */
export function createRateLimit(options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: options.perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(options.store ? { store: options.store } : {}),
    keyGenerator: clientKeyOf,
    handler: (_req, res, next) => {
      const retryAfter = res.getHeader('retry-after');
      next(
        new ChatApiError(
          'rate_limited',
          `Too many ${options.what}: at most ${options.perMinute} a minute. Try again in ${retryAfter ?? 'a few'} seconds.`,
        ),
      );
    },
  });
}

/** The chat turn limit (POST /api/chat). */
export function createTurnRateLimit(options: TurnRateLimitOptions): RequestHandler {
  return createRateLimit({
    perMinute: options.turnsPerMinute,
    what: 'messages',
    ...(options.store ? { store: options.store } : {}),
  });
}
