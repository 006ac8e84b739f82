import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { ChatApiError } from '../chat/chat-api-error.ts';
import { callerOf } from './identify-caller.ts';

export interface TurnRateLimitOptions {
  /** Chat turns (POST /api/chat) per minute for one customer, or one IP address for anonymous visitors. */
  turnsPerMinute: number;
  /**
   * Where the counts live: express-rate-limit's `Store` interface, in this process's memory by default; a
   * Redis store (`rate-limit-redis`) makes the limit hold across API replicas.
   */
  store?: Store;
}

const WINDOW_MS = 60_000;

/**
 * Limits chat turns per customer (from the verified token, so it follows them across devices), else per IP
 * (IPv6 by /56 subnet). Over the limit: 429 `rate_limited` with `Retry-After`. Must run after
 * `identifyCaller`.
 */
export function createTurnRateLimit(options: TurnRateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: options.turnsPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(options.store ? { store: options.store } : {}),
    keyGenerator: (req, res) => {
      const caller = callerOf(res);
      return caller.kind === 'customer' ? `customer:${caller.customerId}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (_req, res, next) => {
      const retryAfter = res.getHeader('retry-after');
      next(
        new ChatApiError(
          'rate_limited',
          `Too many messages: at most ${options.turnsPerMinute} a minute. Try again in ${retryAfter ?? 'a few'} seconds.`,
        ),
      );
    },
  });
}
