import { randomUUID } from 'node:crypto';
import { redisAvailable } from '@shopchat/product-harness';
import type { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/chat/conversation-store.ts';
import type { RedisTurnStreamHub } from '../../src/turn/redis-turn-stream-hub.ts';
import type { ChatCaller } from '../../src/turn/turn-contract.ts';
import type { TurnJob } from '../../src/turn/turn-job.ts';
import { signTurnJob } from '../../src/turn/turn-job-signature.ts';
import { consumerShares, type TurnWorker, turnJobOptions } from '../../src/turn/turn-worker.ts';
import { createFakeTurnRunner, type FakeTurnRunner } from '../chat/support/fake-turn-runner.ts';
import { handOffNewTurn, openTurnWorkerOnRedis } from './support/turn-worker-on-redis.ts';

const available = await redisAvailable('turn worker consumers');
const SECRET = 'the-api-and-worker-share-this-secret-only';
const alice: ChatCaller = { kind: 'customer', customerId: 'cust_alice' };

describe('sharing a worker’s turns among its queue consumers', () => {
  it('gives every consumer at least one turn and no more consumers than turns, summing to the concurrency', () => {
    expect(consumerShares(50, 8)).toEqual([7, 7, 6, 6, 6, 6, 6, 6]);
    expect(consumerShares(3, 8)).toEqual([1, 1, 1]);
    expect(consumerShares(200, 1)).toEqual([200]);
    for (const [concurrency, consumers] of [
      [1, 1],
      [10, 8],
      [1_000, 8],
      [5_000, 64],
    ] as const) {
      const shares = consumerShares(concurrency, consumers);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(concurrency);
      expect(shares.length).toBeLessThanOrEqual(consumers);
      expect(Math.min(...shares)).toBeGreaterThanOrEqual(1);
    }
  });
});

/**
 * A burst of turns on a worker whose turns are shared among several BullMQ consumers: each turn runs once, no
 * more than the worker's concurrency at once, and closing the worker lets the running turns finish.
 */
describe.runIf(available)('a worker with several queue consumers', () => {
  let store: ConversationStore;
  let hub: RedisTurnStreamHub;
  let runner: FakeTurnRunner;
  let worker: TurnWorker;
  let queue: Queue;
  let close: () => Promise<void>;
  let release: () => void;

  beforeEach(async () => {
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    runner = createFakeTurnRunner({ hold: () => held });
    ({ store, hub, worker, queue, close } = await openTurnWorkerOnRedis({
      runner,
      jobSecret: SECRET,
      worker: { concurrency: 4, consumers: 3 },
    }));
  });
  afterEach(async () => {
    release();
    await close();
  });

  /** A new conversation whose turn the API began, handed off and queued, as `queued-turns.ts` does. */
  const queueTurn = async () => {
    const id = randomUUID();
    await store.create(id, alice);
    const { turnId, handedOffAt } = await handOffNewTurn(hub, id);
    const job: Omit<TurnJob, 'signature'> = {
      conversationId: id,
      turnId,
      caller: alice,
      userText: 'Hello there',
      answers: [],
      assistant: { id: `msg-${id}`, role: 'assistant', parts: [] },
      settledElsewhere: [],
      handedOffAt,
      queuedAt: Date.now(),
    };
    await queue.add('turn', signTurnJob(job, SECRET), { ...turnJobOptions(), jobId: turnId });
    return { id, turnId };
  };

  const until = async (what: string, check: () => boolean | Promise<boolean>) => {
    for (let waited = 0; !(await check()); waited += 20) {
      if (waited > 20_000) throw new Error(`not within 20 s: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const finished = async (turns: { id: string; turnId: string }[]) =>
    (await Promise.all(turns.map(async (t) => (await store.get(t.id))?.finishedTurnId === t.turnId))).every(Boolean);

  it('runs each turn of a burst once, never more at once than its concurrency', async () => {
    const turns = await Promise.all(Array.from({ length: 10 }, () => queueTurn()));
    await until('four turns running', () => worker.running() === 4);
    // The held turns fill the worker: the rest wait in the queue rather than on another consumer.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(worker.running()).toBe(4);
    expect(runner.inputs).toHaveLength(4);
    expect(await queue.getWaitingCount()).toBe(6);
    release();
    await until('every turn finished', () => finished(turns));
    // Ten turns, ten runs: none ran twice.
    expect(runner.inputs).toHaveLength(10);
  });

  it('lets its running turns finish when it closes', async () => {
    const turns = await Promise.all(Array.from({ length: 3 }, () => queueTurn()));
    await until('three turns running', () => worker.running() === 3);
    const closed = worker.close();
    release();
    await closed;
    expect(await finished(turns)).toBe(true);
    expect(worker.running()).toBe(0);
  });
});
