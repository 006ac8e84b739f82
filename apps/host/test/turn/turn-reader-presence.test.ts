import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@shopchat/product-harness';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createTurnReaderPresence } from '../../src/turn/turn-reader-presence.ts';

const available = await redisAvailable('turn reader presence');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(available)('who reads a turn, across API replicas', () => {
  const prefix = uniquePrefix();
  const [api, worker] = [new Redis(TEST_REDIS_URL), new Redis(TEST_REDIS_URL)];
  afterAll(async () => {
    api.disconnect();
    worker.disconnect();
    await dropPrefix(prefix);
  });

  it('stays read while a reader is attached anywhere, and lapses abandonAfterMs after the last leaves', async () => {
    const apiSide = createTurnReaderPresence({ redis: api, prefix, abandonAfterMs: 300 });
    const workerSide = createTurnReaderPresence({ redis: worker, prefix, abandonAfterMs: 300 });
    expect(await workerSide.isRead('c1')).toBe(false);
    const first = apiSide.attach('c1');
    const second = apiSide.attach('c1');
    await sleep(50);
    expect(await workerSide.isRead('c1')).toBe(true);
    first();
    await sleep(500); // longer than abandonAfterMs: refreshed by the reader still attached
    expect(await workerSide.isRead('c1')).toBe(true);
    second();
    second(); // detaching twice is harmless
    await sleep(450);
    expect(await workerSide.isRead('c1')).toBe(false);
    expect(await workerSide.isRead('c2')).toBe(false);
    apiSide.close();
  });
});
