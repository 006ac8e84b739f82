import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@shopchat/product-harness';
import type { UIMessage } from 'ai';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createRedisConversationStore,
  type RedisConversationStoreOptions,
} from '../../src/chat/redis-conversation-store.ts';
import { conversationStoreContract } from './support/conversation-store-contract.ts';

const alice = { kind: 'customer', customerId: 'cust_alice' } as const;
const text = (id: string, body = id): UIMessage => ({ id, role: 'user', parts: [{ type: 'text', text: body }] });

const available = await redisAvailable('the Redis conversation store');

describe.runIf(available)('Redis conversation store', () => {
  let redis: Redis;
  let prefixes: string[] = [];
  const make = (options: Partial<RedisConversationStoreOptions> = {}) => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    return createRedisConversationStore({ redis, prefix, ...options });
  };

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  });
  afterEach(async () => {
    await Promise.all(prefixes.map(dropPrefix));
    prefixes = [];
  });
  afterAll(() => redis.disconnect());

  describe('shares the in-memory store’s behaviour', () => {
    conversationStoreContract((limits) => make(limits ? { limits } : {}));
  });

  it('keeps one namespaced JSON key per conversation whose TTL restarts on every save', async () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    const store = createRedisConversationStore({ redis, prefix, limits: { ttlMs: 60_000 } });
    const conversation = await store.create('c1', alice);
    const key = `${prefix}:conversation:c1`;
    expect(await redis.pttl(key)).toBeGreaterThan(55_000);
    await redis.pexpire(key, 1_000);
    await store.save(conversation);
    expect(await redis.pttl(key)).toBeGreaterThan(55_000);
    expect(JSON.parse((await redis.get(key)) ?? '{}')).toMatchObject({ id: 'c1', owner: alice });
  });

  it('forgets a conversation once its TTL has run out, freeing the id for a new owner', async () => {
    const store = make({ limits: { ttlMs: 150 } });
    await store.create('c1', alice);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await store.get('c1')).toBeUndefined();
    const bob = { kind: 'customer', customerId: 'cust_bob' } as const;
    expect((await store.create('c1', bob)).owner).toEqual(bob);
  });

  it('is shared by two replicas: what one saves, the other reads', async () => {
    const prefix = uniquePrefix();
    prefixes.push(prefix);
    const other = new Redis(TEST_REDIS_URL);
    try {
      const a = createRedisConversationStore({ redis, prefix });
      const b = createRedisConversationStore({ redis: other, prefix });
      const conversation = await a.create('c1', alice);
      await a.save({ ...conversation, messages: [text('m1')] });
      expect((await b.get('c1'))?.messages).toEqual([text('m1')]);
      expect((await b.create('c1', { kind: 'anonymous' })).owner).toEqual(alice);
    } finally {
      other.disconnect();
    }
  });

  it('caps a stored conversation’s size by dropping its oldest UI messages', async () => {
    const store = make({ maxStoredBytes: 5_000 });
    const conversation = await store.create('c1', alice);
    const messages = Array.from({ length: 20 }, (_, i) => text(`m${i}`, 'x'.repeat(1_000)));
    await store.save({ ...conversation, messages });
    const stored = await store.get('c1');
    expect(JSON.stringify(stored).length).toBeLessThanOrEqual(5_000);
    expect(stored?.messages.at(-1)?.id).toBe('m19');
    expect(stored?.owner).toEqual(alice);
  });

  it('refuses an empty prefix or a non-positive TTL at construction', () => {
    expect(() => createRedisConversationStore({ redis, prefix: '' })).toThrow(/prefix/);
    expect(() => createRedisConversationStore({ redis, prefix: 'p', limits: { ttlMs: 0 } })).toThrow(/ttlMs/);
  });
});
