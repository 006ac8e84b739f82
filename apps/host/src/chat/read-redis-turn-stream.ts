import type { UIMessageChunk } from 'ai';
import type { Redis } from 'ioredis';
import { type RedisTurnStreamLimits, waitBeforeRetry } from './redis-turn-stream-limits.ts';
import { TURN_ENTRY } from './redis-turn-stream-writer.ts';

/** One chunk of a turn with its Redis stream entry id (usable as an SSE `id` / `Last-Event-ID`). */
export interface TurnStreamEvent {
  id: string;
  chunk: UIMessageChunk;
}

export interface RedisTurnStreamReaderContext {
  redis: Redis;
  blockingConnection: () => Redis;
  limits: RedisTurnStreamLimits;
  key: string;
  lockKey: string;
  turnId: string;
  /** Entry id to read after. */
  after: string;
  resume: boolean;
}

type StreamEntries = [id: string, fields: string[]][];

/**
 * A follower's own cursor over a turn's stream: replays from `after`, then waits for more with XREAD BLOCK
 * on a connection of its own, until the end entry, or until the writer's lock is gone (it died).
 */
export function readRedisTurnStream(context: RedisTurnStreamReaderContext): ReadableStream<TurnStreamEvent> {
  const { redis, limits, key, lockKey, turnId, resume } = context;
  let lastId = context.after;
  let blocking: Redis | undefined;
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
  const read = async (connection: Redis, blockMs?: number): Promise<StreamEntries> => {
    const reply =
      blockMs === undefined
        ? await connection.xread('COUNT', limits.batchSize, 'STREAMS', key, lastId)
        : await connection.xread('COUNT', limits.batchSize, 'BLOCK', blockMs, 'STREAMS', key, lastId);
    return (reply?.[0]?.[1] ?? []) as StreamEntries;
  };
  const release = (): void => {
    blocking?.disconnect();
    blocking = undefined;
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
            if (!blocking) {
              blocking = context.blockingConnection();
              // Failures surface through the commands; the event would only be logged as unhandled.
              blocking.on('error', () => {});
            }
            take(await read(blocking, limits.blockMs));
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
