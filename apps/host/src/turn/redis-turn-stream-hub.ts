import { randomUUID } from 'node:crypto';
import type { UIMessageChunk } from 'ai';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { readRedisTurnStream, type TurnStreamEvent } from './read-redis-turn-stream.ts';
import { createStreamWaiter } from './redis-stream-waiter.ts';
import { REDIS_TURN_STREAM_DEFAULTS, type RedisTurnStreamLimits } from './redis-turn-stream-limits.ts';
import { createRedisTurnStreamWriter, TURN_ENTRY } from './redis-turn-stream-writer.ts';
import type { FollowTurnOptions, TurnStreamHub, TurnStreamWriter } from './turn-stream-hub.ts';

export type { TurnStreamEvent } from './read-redis-turn-stream.ts';
export { REDIS_TURN_STREAM_DEFAULTS, type RedisTurnStreamLimits } from './redis-turn-stream-limits.ts';

export interface RedisTurnStreamHubOptions {
  /** The shared, non-blocking ioredis client: writes, lock and replay reads. */
  redis: Redis;
  /** Key namespace: `${prefix}:turn-lock:${conversationId}` and `${prefix}:turn:${conversationId}:${turnId}`. */
  prefix: string;
  /**
   * The connection of the followers' shared XREAD BLOCK (it would stall every other command on the shared
   * one); `redis.duplicate()` by default. Closed while nobody waits, opened again when someone does.
   */
  blockingConnection?: () => Redis;
  /** How long that connection stays open with nobody waiting (default 5 s). */
  waiterIdleCloseMs?: number;
  limits?: Partial<RedisTurnStreamLimits>;
  /** Where lost chunks and lost leases are reported. */
  log?: Pick<Logger, 'warn' | 'error'>;
}

export interface FollowTurnEventsOptions extends FollowTurnOptions {
  /** Resume after this entry id (the last event the client saw) instead of from the turn's start. */
  lastEventId?: string;
}

/** What a worker finds when it takes a turn from the queue. */
export type AdoptTurnResult =
  /** The turn is this run's to write; `lastSequence` > the handed-off one means an earlier run wrote some. */
  | { kind: 'adopted'; writer: TurnStreamWriter; lastSequence: number }
  /** The turn has ended: this is a second delivery of a job already done. */
  | { kind: 'finished' }
  /** Another run holds the turn's run lease (a second delivery while the first still runs): try later. */
  | { kind: 'busy' }
  /** The conversation moved on to another turn, or the turn's stream expired: nothing to do. */
  | { kind: 'gone' };

/** A {@link TurnStreamHub} whose followers may also see entry ids and resume from one. */
export interface RedisTurnStreamHub extends TurnStreamHub {
  followEvents(
    conversationId: string,
    options?: FollowTurnEventsOptions,
  ): Promise<ReadableStream<TurnStreamEvent> | undefined>;
  /**
   * Takes over a turn that another process began and handed off (`writer.handOff()`): a worker running a
   * queued turn. `runToken` names this run; only one run holds a turn at a time (its lease is renewed
   * with the lock's, so it lapses within `leaseMs` when the worker dies, and the retried job takes over).
   */
  adopt(conversationId: string, turnId: string, runToken: string): Promise<AdoptTurnResult>;
}

const ENTRY_ID = /^\d+-\d+$/;

// Takes a handed-off turn for one run. KEYS: lock, stream, run.
// ARGV: turnId, runToken, runLeaseMs, streamTtlMs, lockLeaseMs.
const ADOPT_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return {'gone'} end
local last = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
if #last == 0 then return {'gone'} end
if last[1][2][2] == '${TURN_ENTRY.end}' then return {'finished'} end
local run = redis.call('GET', KEYS[3])
if run and run ~= ARGV[2] then return {'busy'} end
redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return {'adopted', last[1][1]}`;

// Takes the lock and opens the turn's stream in one step. KEYS: lock, stream. ARGV: turnId, leaseMs, streamTtlMs.
const BEGIN_SCRIPT = `
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
redis.call('XADD', KEYS[2], '0-1', 'k', '${TURN_ENTRY.begin}')
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1`;

/**
 * The turn stream hub of a scaled-out host (`REDIS_URL`): each turn's chunks are appended to a Redis Stream
 * (explicit, increasing entry ids, so a write retried after a connection blip is never doubled), the
 * per-conversation lock is a `SET NX PX` key whose lease the writer renews, and followers on any replica
 * replay the stream and then wait on it with `XREAD BLOCK`.
 */
export function createRedisTurnStreamHub(options: RedisTurnStreamHubOptions): RedisTurnStreamHub {
  const limits: RedisTurnStreamLimits = { ...REDIS_TURN_STREAM_DEFAULTS, ...options.limits };
  if (!options.prefix) throw new TypeError('createRedisTurnStreamHub: prefix must not be empty');
  for (const [name, value] of Object.entries(limits)) {
    if (!(Number.isInteger(value) && value > 0)) {
      throw new RangeError(`createRedisTurnStreamHub: ${name} must be a positive integer, got ${value}`);
    }
  }
  const { redis, log } = options;
  const waiter = createStreamWaiter({
    connect: options.blockingConnection ?? (() => redis.duplicate()),
    control: redis,
    blockMs: limits.blockMs,
    batchSize: limits.batchSize,
    ...(options.waiterIdleCloseMs !== undefined ? { idleCloseMs: options.waiterIdleCloseMs } : {}),
  });
  const lockKey = (conversationId: string): string => `${options.prefix}:turn-lock:${conversationId}`;
  const streamKey = (conversationId: string, turnId: string): string =>
    `${options.prefix}:turn:${conversationId}:${turnId}`;
  const runKey = (turnId: string): string => `${options.prefix}:turn-run:${turnId}`;
  const runningTtlMs = limits.leaseMs + limits.retainFinishedMs;

  const followEvents: RedisTurnStreamHub['followEvents'] = async (conversationId, followOptions = {}) => {
    const turnId = followOptions.turnId ?? (await redis.get(lockKey(conversationId)));
    if (!turnId) return undefined;
    const key = streamKey(conversationId, turnId);
    if ((await redis.exists(key)) === 0) return undefined;
    const after = followOptions.lastEventId;
    return readRedisTurnStream({
      redis,
      waiter,
      limits,
      key,
      lockKey: lockKey(conversationId),
      turnId,
      after: after && ENTRY_ID.test(after) ? after : '0-0',
      resume: followOptions.resume === true,
    });
  };

  return {
    async begin(conversationId) {
      const turnId = randomUUID();
      const lock = lockKey(conversationId);
      const key = streamKey(conversationId, turnId);
      const taken = await redis.eval(BEGIN_SCRIPT, 2, lock, key, turnId, limits.leaseMs, runningTtlMs);
      if (taken !== 1) return undefined;
      return createRedisTurnStreamWriter({ redis, limits, lockKey: lock, key, turnId, ...(log ? { log } : {}) });
    },
    followEvents,
    async adopt(conversationId, turnId, runToken) {
      const lock = lockKey(conversationId);
      const key = streamKey(conversationId, turnId);
      const run = runKey(turnId);
      const [kind, lastId] = (await redis.eval(
        ADOPT_SCRIPT,
        3,
        lock,
        key,
        run,
        turnId,
        runToken,
        limits.leaseMs,
        limits.leaseMs + limits.queuedLeaseMs + limits.retainFinishedMs,
        limits.leaseMs + limits.queuedLeaseMs,
      )) as [AdoptTurnResult['kind'], string | undefined];
      if (kind !== 'adopted') return { kind } as AdoptTurnResult;
      const lastSequence = Number(lastId?.split('-')[1] ?? Number.NaN);
      if (!Number.isSafeInteger(lastSequence)) throw new Error(`adopt: unexpected last entry id ${lastId}`);
      const writer = createRedisTurnStreamWriter({
        redis,
        limits,
        lockKey: lock,
        key,
        turnId,
        lastSequence,
        run: { key: run, token: runToken },
        ...(log ? { log } : {}),
      });
      return { kind, writer, lastSequence };
    },
    async follow(conversationId, followOptions) {
      const events = await followEvents(conversationId, followOptions);
      return events?.pipeThrough(
        new TransformStream<TurnStreamEvent, UIMessageChunk>({
          transform: (event, controller) => controller.enqueue(event.chunk),
        }),
        // Leaving readers must reach the event stream, so that its blocking connection closes.
        { preventCancel: false },
      );
    },
  };
}
