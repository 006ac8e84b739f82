import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type RedisTurnStreamLimits, waitBeforeRetry } from './redis-turn-stream-limits.ts';
import type { TurnStreamWriter } from './turn-stream-hub.ts';

/**
 * Entry kinds of a turn's Redis stream (field `k`; field `d` holds the chunk's JSON). Ids are explicit:
 * `0-1` is the begin entry, chunks follow as `0-2`, `0-3`, …, and the end entry closes the stream.
 */
export const TURN_ENTRY = { begin: 'begin', chunk: 'c', resumeOnly: 'r', end: 'end' } as const;

// Extends the lease while the lock is still this turn's, and the run lease while it is still this run's.
// KEYS: lock, stream, run. ARGV: turnId, lockLeaseMs, streamTtlMs, runToken, runLeaseMs.
const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[4] ~= '' and redis.call('GET', KEYS[3]) ~= ARGV[4] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
if ARGV[4] ~= '' then redis.call('PEXPIRE', KEYS[3], ARGV[5]) end
return 1`;
// Marks the end (idempotent: a retried end finds its id taken), keeps the stream a while, frees the lock
// and the run lease. KEYS: lock, stream, run. ARGV: turnId, endId, retainMs, runToken.
const END_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 1 then
  redis.pcall('XADD', KEYS[2], ARGV[2], 'k', '${TURN_ENTRY.end}')
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
if ARGV[4] ~= '' and redis.call('GET', KEYS[3]) == ARGV[4] then redis.call('DEL', KEYS[3]) end
return 1`;
// Lets the turn wait in the queue: the lock and the stream live on for the wait, nobody renews them.
// KEYS: lock, stream. ARGV: turnId, queuedLeaseMs, streamTtlMs.
const HAND_OFF_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1`;

export interface RedisTurnStreamWriterContext {
  redis: Redis;
  limits: RedisTurnStreamLimits;
  lockKey: string;
  key: string;
  turnId: string;
  /** Sequence number of the last entry already in the stream (1: just the begin entry). */
  lastSequence?: number;
  /** A worker's run of the turn: the lease that keeps a second delivery of the same job from running it too. */
  run?: { key: string; token: string };
  log?: Pick<Logger, 'warn' | 'error'>;
}

/**
 * Writes one turn that holds its conversation's lock: appends chunks in order and in batches (retried through
 * a connection blip; an id already taken means an earlier try got through), renews the lock's lease until
 * `end()`, which writes the end entry and frees the lock.
 */
export function createRedisTurnStreamWriter(context: RedisTurnStreamWriterContext): TurnStreamWriter {
  const { redis, limits, lockKey, key, turnId, log } = context;
  const runKey = context.run?.key ?? `${lockKey}:no-run`;
  const runToken = context.run?.token ?? '';
  const queue: { id: string; kind: string; data: string }[] = [];
  let sequence = context.lastSequence ?? 1; // 0-1 is the begin entry
  // A worker's turn outlives the worker by a queue wait: when it dies, its job is retried and takes the turn
  // again, while readers keep waiting. Its run lease alone lapses within `leaseMs`.
  const lockLeaseMs = context.run ? limits.leaseMs + limits.queuedLeaseMs : limits.leaseMs;
  const streamTtl = lockLeaseMs + limits.retainFinishedMs;
  let ended = false;
  let flushing: Promise<void> | undefined;

  const renew = setInterval(
    () => {
      redis.eval(RENEW_SCRIPT, 3, lockKey, key, runKey, turnId, lockLeaseMs, streamTtl, runToken, limits.leaseMs).then(
        (held) => {
          if (held === 1) return;
          clearInterval(renew);
          log?.warn({ turnId }, 'turn lock lease lost; another turn may run in this conversation');
        },
        (error: unknown) => log?.warn({ err: error, turnId }, 'could not renew the turn lock lease'),
      );
    },
    Math.max(1, Math.floor(limits.leaseMs / 3)),
  );
  renew.unref();

  const flush = async (): Promise<void> => {
    let attempt = 0;
    while (queue.length > 0) {
      const batch = queue.slice(0, limits.batchSize);
      const pipeline = redis.pipeline();
      for (const entry of batch) {
        // NOMKSTREAM: a stream that expired is not recreated without its TTL. MAXLEN: the cap holds in Redis too.
        pipeline.xadd(
          key,
          'NOMKSTREAM',
          'MAXLEN',
          limits.maxChunksPerTurn + 2,
          entry.id,
          'k',
          entry.kind,
          'd',
          entry.data,
        );
      }
      const results = await pipeline.exec().catch((error: Error) => batch.map(() => [error, null] as const));
      // An id already taken means an earlier try wrote it and only the reply was lost.
      const failed = (results ?? []).find(([error]) => error && !/equal or smaller/.test(error.message));
      if (!failed) {
        queue.splice(0, batch.length);
        attempt = 0;
        continue;
      }
      if (++attempt >= limits.maxWriteAttempts) {
        log?.error({ err: failed[0], turnId, lost: queue.length }, 'turn chunks could not be written to Redis');
        queue.length = 0;
        return;
      }
      await waitBeforeRetry(attempt);
    }
  };
  const startFlush = (): Promise<void> => {
    flushing ??= flush().finally(() => {
      flushing = undefined;
      if (queue.length > 0) void startFlush();
    });
    return flushing;
  };

  return {
    turnId,
    write(chunk, writeOptions) {
      if (ended || sequence - 1 >= limits.maxChunksPerTurn) return;
      sequence++;
      queue.push({
        id: `0-${sequence}`,
        kind: writeOptions?.resumeOnly === true ? TURN_ENTRY.resumeOnly : TURN_ENTRY.chunk,
        data: JSON.stringify(chunk),
      });
      void startFlush();
    },
    async end() {
      if (ended) return;
      ended = true;
      clearInterval(renew);
      while (flushing) await flushing;
      let attempt = 0;
      for (;;) {
        try {
          const endId = `0-${sequence + 1}`;
          await redis.eval(END_SCRIPT, 3, lockKey, key, runKey, turnId, endId, limits.retainFinishedMs, runToken);
          return;
        } catch (error) {
          if (++attempt >= limits.maxWriteAttempts) throw error;
          await waitBeforeRetry(attempt);
        }
      }
    },
    async handOff() {
      if (ended) throw new Error('handOff: the turn stream writer has already ended or been handed off');
      ended = true;
      clearInterval(renew);
      while (flushing) await flushing;
      const streamTtl = limits.queuedLeaseMs + limits.retainFinishedMs;
      await redis.eval(HAND_OFF_SCRIPT, 2, lockKey, key, turnId, limits.queuedLeaseMs, streamTtl);
      return sequence;
    },
  };
}
