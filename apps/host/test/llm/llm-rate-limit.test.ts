import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@shopchat/product-harness';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLlmRateLimiter, rateLimitedFetch } from '../../src/llm/llm-rate-limit.ts';

const log = { warn: () => {} };
const available = await redisAvailable('the LLM rate limit');

/** A model endpoint that records when each request reached it, answering `status`. */
function recordingFetch(statuses: number[] = []) {
  const times: number[] = [];
  const fetch = (async () => {
    times.push(Date.now());
    const status = statuses.shift() ?? 200;
    return new Response('{}', { status, headers: status === 200 ? {} : { 'retry-after': '1' } });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, times };
}

describe('the LLM rate limit', () => {
  it('refuses a window that is not whole seconds, or no requests', () => {
    expect(() => createLlmRateLimiter({ requests: 5, windowMs: 1_500, prefix: 'p', log })).toThrow(/whole seconds/);
    expect(() => createLlmRateLimiter({ requests: 0, windowMs: 1_000, prefix: 'p', log })).toThrow(/positive/);
  });

  it('makes calls over the limit wait for the next window instead of failing', async () => {
    const limiter = createLlmRateLimiter({ requests: 2, windowMs: 1_000, prefix: uniquePrefix(), log });
    const endpoint = recordingFetch();
    const waits: number[] = [];
    const limited = rateLimitedFetch({ limiter, log, fetch: endpoint.fetch, onWait: (ms) => waits.push(ms) });
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => limited('http://model/v1/messages')));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const [first = 0] = endpoint.times;
    expect(endpoint.times.filter((t) => t - first < 900)).toHaveLength(2);
    expect(waits.length).toBeGreaterThanOrEqual(3);
  });

  it('stops every caller while the provider says it is overloaded', async () => {
    const limiter = createLlmRateLimiter({ requests: 100, windowMs: 1_000, prefix: uniquePrefix(), log });
    const endpoint = recordingFetch([529]);
    const limited = rateLimitedFetch({ limiter, log, fetch: endpoint.fetch });
    expect((await limited('http://model/v1/messages')).status).toBe(529);
    expect((await limited('http://model/v1/messages')).status).toBe(200);
    const [overloaded = 0, next = 0] = endpoint.times;
    expect(next - overloaded).toBeGreaterThanOrEqual(900);
  });

  it('gives up waiting when the call is aborted', async () => {
    const limiter = createLlmRateLimiter({ requests: 1, windowMs: 5_000, prefix: uniquePrefix(), log });
    const endpoint = recordingFetch();
    const limited = rateLimitedFetch({ limiter, log, fetch: endpoint.fetch });
    await limited('http://model/v1/messages');
    await expect(limited('http://model/v1/messages', { signal: AbortSignal.timeout(100) })).rejects.toBeDefined();
    expect(endpoint.times).toHaveLength(1);
  });

  describe.runIf(available)('shared through Redis', () => {
    const prefix = uniquePrefix();
    const connections = [new Redis(TEST_REDIS_URL), new Redis(TEST_REDIS_URL)];
    afterAll(async () => {
      for (const redis of connections) redis.disconnect();
      await dropPrefix(prefix);
    });

    it('is one limit for two workers', async () => {
      const endpoint = recordingFetch();
      const workers = connections.map((redis) =>
        rateLimitedFetch({
          limiter: createLlmRateLimiter({ requests: 3, windowMs: 1_000, redis, prefix, log }),
          log,
          fetch: endpoint.fetch,
        }),
      );
      await Promise.all([0, 1, 2, 3, 4, 5].map((i) => workers[i % 2]?.('http://model/v1/messages')));
      const [first = 0] = endpoint.times;
      // Three in the first window whichever worker made them; the other three waited for the next.
      expect(endpoint.times.filter((t) => t - first < 900)).toHaveLength(3);
      expect(endpoint.times).toHaveLength(6);
    });
  });
});
