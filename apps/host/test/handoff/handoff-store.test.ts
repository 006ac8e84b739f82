import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@shopchat/product-harness';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  claimHandoff,
  firstNameOf,
  HandoffConflict,
  releaseHandoff,
  requestHandoff,
} from '../../src/handoff/handoff-state.ts';
import {
  createInMemoryHandoffStore,
  createRedisHandoffStore,
  type HandoffStore,
} from '../../src/handoff/handoff-store.ts';
import { parseSupportHours, withinSupportHours } from '../../src/handoff/support-hours.ts';

const redisUp = await redisAvailable('the Redis hand-off store');
const redis = redisUp ? new Redis(TEST_REDIS_URL) : undefined;
const prefix = uniquePrefix();
afterAll(async () => {
  if (redis) {
    await dropPrefix(prefix);
    redis.disconnect();
  }
});

const ask = (conversationId: string) =>
  requestHandoff({
    conversationId,
    customerId: 'cust_alice',
    summary: 'Parcel damaged.',
    reason: 'customer_upset',
    agentsAvailable: true,
    now: 1,
  });
const DANA = { staffId: 'staff_dana', name: 'Dana' };
const SAM = { staffId: 'staff_sam', name: 'Sam' };

const stores: [string, () => HandoffStore][] = [['in memory', createInMemoryHandoffStore]];
if (redis) stores.push(['in Redis', () => createRedisHandoffStore({ redis, prefix })]);

describe.each(stores)('the hand-off store %s', (_name, open) => {
  it('walks bot → waiting → with_agent → bot, keeping the queue', async () => {
    const store = open();
    const id = `c-${Math.random()}`;
    const waiting = await store.update(id, ask(id));
    expect(waiting).toMatchObject({ state: 'waiting', version: 1 });
    expect((await store.open()).map((h) => h.conversationId)).toContain(id);
    // Asking again while waiting changes nothing.
    expect((await store.update(id, ask(id))).version).toBe(1);
    await store.update(id, claimHandoff(DANA, 2));
    const back = await store.update(id, releaseHandoff(DANA.staffId, 'bot', 3));
    expect(back).toMatchObject({ state: 'bot', version: 3 });
    expect((await store.open()).map((h) => h.conversationId)).not.toContain(id);
  });

  it('lets one of two racing claims win; the other is a conflict and changes nothing', async () => {
    const store = open();
    const id = `c-${Math.random()}`;
    await store.update(id, ask(id));
    const results = await Promise.allSettled([
      store.update(id, claimHandoff(DANA, 2)),
      store.update(id, claimHandoff(SAM, 2)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(HandoffConflict);
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ agent: unknown }>).value;
    expect(await store.get(id)).toMatchObject({ state: 'with_agent', version: 2, agent: winner.agent });
  });

  it('refuses a release by someone who does not hold the conversation', async () => {
    const store = open();
    const id = `c-${Math.random()}`;
    await store.update(id, ask(id));
    await store.update(id, claimHandoff(DANA, 2));
    await expect(store.update(id, releaseHandoff(SAM.staffId, 'closed', 3))).rejects.toBeInstanceOf(HandoffConflict);
    expect((await store.get(id))?.state).toBe('with_agent');
  });
});

describe('support hours and names', () => {
  it('reads SUPPORT_HOURS and tells whether a moment is inside them', () => {
    const hours = parseSupportHours('Mon-Fri 09:00-17:00 Europe/Berlin');
    // Thursday 3 December 2026: 09:30 in Berlin is 08:30 UTC.
    expect(withinSupportHours(hours, Date.parse('2026-12-03T08:30:00Z'))).toBe(true);
    expect(withinSupportHours(hours, Date.parse('2026-12-03T07:30:00Z'))).toBe(false);
    expect(withinSupportHours(hours, Date.parse('2026-12-05T10:00:00Z'))).toBe(false); // Saturday
    expect(withinSupportHours(undefined, 0)).toBe(true);
    expect(() => parseSupportHours('9 to 5')).toThrow(/SUPPORT_HOURS/);
    expect(() => parseSupportHours('17:00-09:00')).toThrow(/from before to/);
  });

  it('shows the customer a first name only', () => {
    expect(firstNameOf({ staffId: 'staff_dana' })).toBe('Dana');
    expect(firstNameOf({ staffId: 'x', name: 'Dana Scully' })).toBe('Dana');
  });
});
