import { dropPrefix, TEST_REDIS_URL, uniquePrefix } from '@shopchat/product-harness';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { ConversationStore } from '../../../src/chat/conversation-store.ts';
import { createRedisConversationStore } from '../../../src/chat/redis-conversation-store.ts';
import { createRedisTurnStreamHub, type RedisTurnStreamHub } from '../../../src/turn/redis-turn-stream-hub.ts';
import type { TurnRunner } from '../../../src/turn/turn-contract.ts';
import { TURN_QUEUE } from '../../../src/turn/turn-job.ts';
import { createTurnReaderPresence } from '../../../src/turn/turn-reader-presence.ts';
import { createTurnWorker, type TurnWorker, type TurnWorkerLimits } from '../../../src/turn/turn-worker.ts';

/** A turn worker on the test Redis under a prefix of its own, with the queue and state an API would share. */
export interface TurnWorkerOnRedis {
  store: ConversationStore;
  hub: RedisTurnStreamHub;
  worker: TurnWorker;
  /** The turn queue, as the API sees it. */
  queue: Queue;
  /** Stops the worker (cancelling its turns) and removes every key under the prefix. */
  close(): Promise<void>;
}

export async function openTurnWorkerOnRedis(options: {
  runner: TurnRunner;
  jobSecret: string;
  worker?: Partial<TurnWorkerLimits>;
}): Promise<TurnWorkerOnRedis> {
  const prefix = uniquePrefix();
  const redis = new Redis(TEST_REDIS_URL);
  // BullMQ's own connection, as start/open-shared-turns.ts gives the worker.
  const workerConnection = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const store = createRedisConversationStore({ redis, prefix });
  const hub = createRedisTurnStreamHub({ redis, prefix });
  const presence = createTurnReaderPresence({ redis, prefix, abandonAfterMs: 60_000 });
  const worker = createTurnWorker({
    connection: workerConnection,
    prefix: `${prefix}:bull`,
    hub,
    store,
    runner: options.runner,
    presence,
    log: pino({ level: 'silent' }),
    jobSecret: options.jobSecret,
    limits: { abandonAfterMs: 60_000 },
    ...(options.worker ? { worker: options.worker } : {}),
  });
  await worker.ready();
  const queue = new Queue(TURN_QUEUE, { connection: redis, prefix: `${prefix}:bull` });
  return {
    store,
    hub,
    worker,
    queue,
    async close() {
      await worker.close(true);
      await queue.close();
      presence.close();
      workerConnection.disconnect();
      redis.disconnect();
      await dropPrefix(prefix);
    },
  };
}

/** Begins a conversation's turn and hands it off, as the API does before it queues the job. */
export async function handOffNewTurn(
  hub: RedisTurnStreamHub,
  conversationId: string,
): Promise<{ turnId: string; handedOffAt: number }> {
  const writer = await hub.begin(conversationId);
  if (!writer?.handOff) throw new Error('no turn');
  return { turnId: writer.turnId, handedOffAt: await writer.handOff() };
}
