import { once } from 'node:events';
import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@shopchat/product-harness';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisRateLimitStore } from '../../src/http/redis-rate-limit-store.ts';
import { newChatId, postChat, readChunks, userMessage } from '../chat/support/chat-requests.ts';
import { type ChatTestServer, tokenFor } from '../chat/support/chat-test-server.ts';
import { createFakeTurnRunner } from '../chat/support/fake-turn-runner.ts';
import { useRedisReplicas } from '../chat/support/redis-replicas.ts';

const available = await redisAvailable('the Redis rate-limit store');

describe.runIf(available)('turns per minute across replicas (Redis rate-limit store)', () => {
  const replicas = useRedisReplicas();

  /** One API replica: its own Redis connection and store, the shared namespace. */
  const replica = (turnsPerMinute: number): Promise<ChatTestServer> =>
    replicas.start(createFakeTurnRunner(), (redis, prefix) => ({
      options: { turnsPerMinute },
      rateLimitStore: createRedisRateLimitStore({ redis, prefix }),
    }));
  const turn = (server: ChatTestServer, token?: string) =>
    postChat(
      server.baseUrl,
      { id: newChatId(), trigger: 'submit-message', messages: [userMessage('hi')] },
      token ? { token } : {},
    );

  it('holds the combined limit of a customer over two replicas, and keeps others’ budgets apart', async () => {
    const [a, b] = [await replica(3), await replica(3)];
    const alice = await tokenFor('cust_alice');
    for (const server of [a, b, a]) {
      const ok = await turn(server, alice);
      expect(ok.status).toBe(200);
      await readChunks(ok);
    }
    for (const server of [b, a]) {
      const limited = await turn(server, alice);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await limited.json()).toMatchObject({ error: 'rate_limited' });
    }
    const bob = await turn(b, await tokenFor('cust_bob'));
    expect(bob.status).toBe(200);
    await readChunks(bob);
    // The counters are Redis keys in the namespace, with the window as their TTL.
    const keys = await replicas.connections[0]?.keys(`${replicas.prefix}:rate-limit:*`);
    expect(keys?.sort()).toEqual([
      `${replicas.prefix}:rate-limit:customer:cust_alice`,
      `${replicas.prefix}:rate-limit:customer:cust_bob`,
    ]);
    expect(await replicas.connections[0]?.pttl(`${replicas.prefix}:rate-limit:customer:cust_alice`)).toBeGreaterThan(0);
  });

  it('counts anonymous visitors per IP address across replicas', async () => {
    const [a, b] = [await replica(1), await replica(1)];
    const first = await turn(a);
    expect(first.status).toBe(200);
    await readChunks(first);
    expect((await turn(b)).status).toBe(429);
  });
});

describe.runIf(available)('Redis rate-limit store', () => {
  const prefix = uniquePrefix();
  afterEach(() => dropPrefix(prefix));

  it('recovers when Redis was unreachable as the limiter started', async () => {
    const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, enableOfflineQueue: false });
    try {
      const store = createRedisRateLimitStore({ redis, prefix });
      await expect(store.init?.({ windowMs: 60_000 } as never)).rejects.toThrow();
      // The first command set the connection up; the script loads had failed before it was ready.
      if (redis.status !== 'ready') await once(redis, 'ready');
      expect((await store.increment('ip:192.0.2.1')).totalHits).toBe(1);
      expect((await store.increment('ip:192.0.2.1')).totalHits).toBe(2);
      expect(await redis.pttl(`${prefix}:rate-limit:ip:192.0.2.1`)).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  });

  it('refuses an empty prefix', () => {
    expect(() => createRedisRateLimitStore({ redis: new Redis({ lazyConnect: true }), prefix: '' })).toThrow(/prefix/);
  });
});
