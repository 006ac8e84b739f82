import type { UIMessageChunk } from 'ai';
import type { Redis } from 'ioredis';
import type { StreamEntries, StreamWaiter } from './redis-stream-waiter.ts';
import { type RedisTurnStreamLimits, waitBeforeRetry } from './redis-turn-stream-limits.ts';
import { TURN_ENTRY } from './redis-turn-stream-writer.ts';

/** One chunk of a turn with its Redis stream entry id (the follower's cursor). */
export interface TurnStreamEvent {
  id: string;
  chunk: UIMessageChunk;
}

export interface RedisTurnStreamReaderContext {
  redis: Redis;
  /** Where a caught-up reader waits for more, with every other reader of this process. */
  waiter: StreamWaiter;
  limits: RedisTurnStreamLimits;
  key: string;
  lockKey: string;
  turnId: string;
  /** Entry id to read after. */
  after: string;
  resume: boolean;
}

/**
 * A follower's own cursor over a turn's stream: replays from `after`, then waits for more (one shared
 * XREAD BLOCK for all followers, see `createStreamWaiter`), until the end entry, or until the writer's lock
 * is gone (it died).
 */
export function readRedisTurnStream(context: RedisTurnStreamReaderContext): ReadableStream<TurnStreamEvent> {
  const { redis, limits, key, lockKey, turnId, resume } = context;
  let lastId = context.after;
  let cancelWait: (() => void) | undefined;
  let cancelled = false;
  let ended = false;
  let failures = 0;
  const buffered: TurnStreamEvent[] = [];

  const take = (entries: StreamEntries): void => {
    for (const [id, fields] of entries) {
      lastId = id;
      const kind = fields[fields.indexOf('k') + 1];
      if (kind === TURN_ENTRY.end) {
        ended = true;
        return;
      }
      const data = fields[fields.indexOf('d') + 1];
      if (data !== undefined && (kind === TURN_ENTRY.chunk || (kind === TURN_ENTRY.resumeOnly && resume))) {
        buffered.push({ id, chunk: JSON.parse(data) as UIMessageChunk });
      }
    }
  };
  const read = async (connection: Redis): Promise<StreamEntries> => {
    const reply = await connection.xread('COUNT', limits.batchSize, 'STREAMS', key, lastId);
    return (reply?.[0]?.[1] ?? []) as StreamEntries;
  };
  const waitForMore = async (): Promise<StreamEntries> => {
    const wait = context.waiter.wait(key, lastId);
    cancelWait = wait.cancel;
    try {
      return await wait.entries;
    } finally {
      cancelWait = undefined;
    }
  };
  const release = (): void => {
    cancelWait?.();
  };

  return new ReadableStream<TurnStreamEvent>(
    {
      async pull(controller) {
        while (!cancelled) {
          const next = buffered.shift();
          if (next) return controller.enqueue(next);
          if (ended) {
            release();
            return controller.close();
          }
          try {
            const replay = await read(redis);
            failures = 0;
            if (replay.length > 0) {
              take(replay);
              continue;
            }
            // Caught up. The turn goes on only while its writer holds the lock (the end entry comes before
            // the lock goes, so nothing written is missed); without it, one last look, then the stream is over.
            if ((await redis.get(lockKey)) !== turnId) {
              const last = await read(redis);
              take(last);
              // The writer died without ending the turn (its lease ran out), or the stream expired.
              if (last.length === 0) ended = true;
              continue;
            }
            take(await waitForMore());
          } catch (error) {
            if (cancelled) return;
            release();
            if (++failures >= limits.maxReadFailures) return controller.error(error);
            await waitBeforeRetry(failures);
          }
        }
      },
      cancel() {
        cancelled = true;
        release();
      },
    },
    { highWaterMark: 0 },
  );
}
