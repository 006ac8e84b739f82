import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { publishToolList } from '../catalogue/published-tool-list.ts';
import type { ConversationStore } from '../chat/conversation-store.ts';
import { createRedisConversationStore } from '../chat/redis-conversation-store.ts';
import type { HostAppDeps } from '../create-host-app.ts';
import { createRedisRateLimitStore } from '../http/redis-rate-limit-store.ts';
import { createRecordJobWorker, type RecordJobWorker } from '../record/record-jobs.ts';
import { createQueuedTurns } from '../turn/queued-turns.ts';
import { createRedisTurnStreamHub, type RedisTurnStreamHub } from '../turn/redis-turn-stream-hub.ts';
import type { TurnRunner } from '../turn/turn-contract.ts';
import { TURN_QUEUE, type TurnJob } from '../turn/turn-job.ts';
import { createTurnReaderPresence, type TurnReaderPresence } from '../turn/turn-reader-presence.ts';
import { createTurnWorker, type TurnWorker } from '../turn/turn-worker.ts';
import { createTurnWorkerMetrics } from '../turn/turn-worker-metrics.ts';
import { bullPrefixOf, type HostBase } from './open-host-base.ts';

/** The turns' state every replica shares through Redis: conversations, turn streams, who reads them. */
export interface SharedTurns {
  redis: Redis;
  store: ConversationStore;
  hub: RedisTurnStreamHub;
  presence: TurnReaderPresence;
  /** BullMQ's key prefix. */
  bullPrefix: string;
}

export function openSharedTurns(base: HostBase): SharedTurns {
  const { redis, log } = base;
  if (!redis) throw new TypeError('openSharedTurns: the scaled-out roles need REDIS_URL');
  const prefix = base.settings.redisPrefix;
  return {
    redis,
    store: createRedisConversationStore({ redis, prefix }),
    hub: createRedisTurnStreamHub({ redis, prefix, log }),
    presence: createTurnReaderPresence({ redis, prefix, abandonAfterMs: base.settings.turn.abandonAfterMs, log }),
    bullPrefix: bullPrefixOf(base.settings),
  };
}

/** The API side: the chat state in Redis and a dispatcher that queues accepted turns for the workers. */
export function openTurnQueue(
  base: HostBase,
  shared: SharedTurns,
): { chatState: NonNullable<HostAppDeps['chatState']>; queue: Queue<TurnJob> } {
  const { redis, store, hub, presence, bullPrefix } = shared;
  const queue = new Queue<TurnJob>(TURN_QUEUE, { connection: redis, prefix: bullPrefix });
  queue.on('error', (error: Error) => base.log.warn({ err: error }, 'turn queue error'));
  const dispatcher = createQueuedTurns({
    queue,
    hub,
    presence,
    log: base.log,
    jobSecret: turnJobSecret(base),
    limits: base.settings.turn,
  });
  const rateLimitStore = createRedisRateLimitStore({ redis, prefix: base.settings.redisPrefix });
  const readRateLimitStore = createRedisRateLimitStore({ redis, prefix: `${base.settings.redisPrefix}:reads` });
  return { chatState: { store, hub, rateLimitStore, readRateLimitStore, dispatcher }, queue };
}

/**
 * The worker side: takes turns off the queue on a connection of its own, as BullMQ requires, writes the record
 * jobs of finished turns, and publishes the tools it sees, which the API roles list (they never reach the MCP
 * servers themselves).
 */
export function startQueueWorker(
  base: HostBase,
  shared: SharedTurns,
  runner: TurnRunner,
): { worker: TurnWorker; recordWorker: RecordJobWorker; connection: Redis; stopPublishing: () => void } {
  const connection = base.connectRedis({ maxRetriesPerRequest: null });
  const worker = createTurnWorker({
    connection,
    prefix: shared.bullPrefix,
    hub: shared.hub,
    store: shared.store,
    runner,
    presence: shared.presence,
    log: base.log,
    jobSecret: turnJobSecret(base),
    limits: base.settings.turn,
    worker: { concurrency: base.settings.workerConcurrency },
    metrics: createTurnWorkerMetrics(base.registry),
    ...(base.record.app.hook ? { recorder: base.record.app.hook } : {}),
  });
  const recordWorker = createRecordJobWorker({
    connection,
    prefix: shared.bullPrefix,
    db: base.record.record.db,
    log: base.log,
    metrics: base.record.record.metrics,
  });
  const stopPublishing = publishToolList({
    redis: shared.redis,
    prefix: base.settings.redisPrefix,
    catalogue: base.catalogue,
    log: base.log,
  });
  return { worker, recordWorker, connection, stopPublishing };
}

/** `TURN_JOB_SECRET`, which the settings check demands beside `REDIS_URL`. */
function turnJobSecret(base: HostBase): string {
  if (!base.settings.turnJobSecret) throw new TypeError('the scaled-out roles need TURN_JOB_SECRET');
  return base.settings.turnJobSecret;
}
