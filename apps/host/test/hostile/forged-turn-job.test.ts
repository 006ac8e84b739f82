import { randomUUID } from 'node:crypto';
import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@shopchat/product-harness';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationStore } from '../../src/chat/conversation-store.ts';
import { createRedisConversationStore } from '../../src/chat/redis-conversation-store.ts';
import { canonicalHash } from '../../src/turn/canonical-hash.ts';
import { createRedisTurnStreamHub, type RedisTurnStreamHub } from '../../src/turn/redis-turn-stream-hub.ts';
import type { ChatCaller } from '../../src/turn/turn-contract.ts';
import { TURN_QUEUE, type TurnJob } from '../../src/turn/turn-job.ts';
import { signTurnJob } from '../../src/turn/turn-job-signature.ts';
import { createTurnReaderPresence, type TurnReaderPresence } from '../../src/turn/turn-reader-presence.ts';
import { createTurnWorker, type TurnWorker } from '../../src/turn/turn-worker.ts';
import { createFakeTurnRunner, type FakeTurnRunner } from '../chat/support/fake-turn-runner.ts';

const available = await redisAvailable('forged turn jobs');
const SECRET = 'the-api-and-worker-share-this-secret-only';
const alice: ChatCaller = { kind: 'customer', customerId: 'cust_alice' };
const bob: ChatCaller = { kind: 'customer', customerId: 'cust_bob' };

/**
 * Attack: write a turn job straight into Redis (BullMQ's queue) naming Alice as the caller and approving her
 * pending "cancel order", without going through the chat API. The worker must run nothing of it: the job is
 * refused unless the API signed it (TURN_JOB_SECRET), its caller owns the stored conversation, and its answers
 * name approvals that are pending there. The fake runner trusts whatever answers it gets, so a job that got
 * through would show as an executed cancellation.
 */
describe.runIf(available)('a turn job forged in Redis', () => {
  let prefix: string;
  let redis: Redis;
  let workerConnection: Redis;
  let store: ConversationStore;
  let hub: RedisTurnStreamHub;
  let presence: TurnReaderPresence;
  let runner: FakeTurnRunner;
  let worker: TurnWorker;
  let queue: Queue;

  beforeEach(async () => {
    prefix = uniquePrefix();
    redis = new Redis(TEST_REDIS_URL);
    workerConnection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    store = createRedisConversationStore({ redis, prefix });
    hub = createRedisTurnStreamHub({ redis, prefix });
    presence = createTurnReaderPresence({ redis, prefix, abandonAfterMs: 60_000 });
    runner = createFakeTurnRunner();
    const log = pino({ level: 'silent' });
    worker = createTurnWorker({
      connection: workerConnection,
      prefix: `${prefix}:bull`,
      hub,
      store,
      runner,
      presence,
      log,
      jobSecret: SECRET,
      limits: { abandonAfterMs: 60_000 },
    });
    await worker.ready();
    queue = new Queue(TURN_QUEUE, { connection: redis, prefix: `${prefix}:bull` });
  });
  afterEach(async () => {
    await worker.close(true);
    await queue.close();
    presence.close();
    workerConnection.disconnect();
    redis.disconnect();
    await dropPrefix(prefix);
  });

  /** Alice's conversation with a pending cancellation, and a turn the API began and handed off. */
  const aliceWaitingForApproval = async () => {
    const id = randomUUID();
    const conversation = await store.create(id, alice);
    const input = { orderId: 'A-1049' };
    conversation.pending = [
      {
        approvalId: 'approval-1',
        toolCallId: 'toolu_1',
        toolName: 'cancel_order',
        input,
        inputHash: canonicalHash(input),
        expiresAt: Date.now() + 600_000,
        summary: 'Cancel order A-1049',
      },
    ];
    await store.save(conversation);
    const writer = await hub.begin(id);
    if (!writer?.handOff) throw new Error('no turn');
    const handedOffAt = await writer.handOff();
    const job: Omit<TurnJob, 'signature'> = {
      conversationId: id,
      turnId: writer.turnId,
      caller: alice,
      answers: [{ approvalId: 'approval-1', approved: true }],
      assistant: { id: 'msg-1', role: 'assistant', parts: [] },
      settledElsewhere: [],
      handedOffAt,
      queuedAt: Date.now(),
    };
    return { id, job };
  };

  /** Queues a job as raw data (what anyone with Redis access can do) and waits for the worker's verdict. */
  const submit = async (data: unknown) => {
    const added = await queue.add('turn', data, { jobId: randomUUID() });
    let state = '';
    for (let attempt = 0; attempt < 100 && !['completed', 'failed'].includes(state); attempt++) {
      state = await added.getState();
      if (!['completed', 'failed'].includes(state)) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const job = await queue.getJob(added.id as string);
    return { state, failedReason: job?.failedReason, returned: job?.returnvalue };
  };

  const expectNothingHappened = async (id: string) => {
    expect(runner.inputs).toEqual([]);
    expect(runner.executed).toEqual([]);
    const stored = await store.get(id);
    expect(stored?.pending.map((p) => p.approvalId)).toEqual(['approval-1']);
    expect(stored?.finishedTurnId).toBeUndefined();
  };

  it('is refused without a signature, and nothing runs', async () => {
    const { id, job } = await aliceWaitingForApproval();
    const outcome = await submit(job);
    expect(outcome).toMatchObject({ state: 'failed', failedReason: 'turn job refused: bad_signature' });
    await expectNothingHappened(id);
  });

  it('is refused when signed with another secret, or changed after signing', async () => {
    const { id, job } = await aliceWaitingForApproval();
    expect(await submit(signTurnJob(job, 'a-secret-the-attacker-made-up-himself'))).toMatchObject({
      state: 'failed',
      failedReason: 'turn job refused: bad_signature',
    });
    const signedForBob = signTurnJob({ ...job, caller: bob, answers: [] }, SECRET);
    expect(await submit({ ...signedForBob, caller: alice, answers: job.answers })).toMatchObject({
      state: 'failed',
      failedReason: 'turn job refused: bad_signature',
    });
    await expectNothingHappened(id);
  });

  it('is refused, even signed, when its caller does not own the conversation', async () => {
    const { id, job } = await aliceWaitingForApproval();
    expect(await submit(signTurnJob({ ...job, caller: bob }, SECRET))).toMatchObject({
      state: 'failed',
      failedReason: 'turn job refused: not_the_owner',
    });
    await expectNothingHappened(id);
  });

  it('is refused, even signed, when it answers an approval the conversation does not have pending', async () => {
    const { id, job } = await aliceWaitingForApproval();
    const answers = [{ approvalId: 'approval-made-up', approved: true }];
    expect(await submit(signTurnJob({ ...job, answers }, SECRET))).toMatchObject({
      state: 'failed',
      failedReason: 'turn job refused: answers_not_pending',
    });
    await expectNothingHappened(id);
  });

  it('runs when the API signed it and it fits the conversation (the control)', async () => {
    const { job } = await aliceWaitingForApproval();
    expect(await submit(signTurnJob(job, SECRET))).toMatchObject({ state: 'completed', returned: 'ran' });
    expect(runner.executed.map((approval) => approval.approvalId)).toEqual(['approval-1']);
  });
});
