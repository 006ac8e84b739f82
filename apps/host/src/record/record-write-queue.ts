import type { Logger } from 'pino';
import { cappedBackoffMs } from '../capped-backoff.ts';
import type { FinishedTurn, TurnRecorder } from './finished-turn.ts';
import type { RecordMetrics } from './record-metrics.ts';
import type { BatchWriteReport } from './write-finished-turn.ts';

/** Caps of the in-process write queue, with their reasons. */
export const RECORD_QUEUE_DEFAULTS = {
  /**
   * Finished turns held while the database is away: at 200 busy chats (a turn each ~5 s) that is over
   * 4 minutes of outage; each holds a few kB, so the cap is tens of MB at most.
   */
  maxBacklog: 10_000,
  /** First retry after a failed write, doubled each time… */
  retryBaseMs: 250,
  /** …up to this, so a database that comes back is noticed within seconds. */
  retryMaxMs: 10_000,
  /**
   * Turns written together, in one transaction: what waits while a write runs goes in the next one, so
   * under load a turn's share of the per-statement and per-commit cost shrinks, and a quiet host still
   * writes each turn as soon as it ends. Bounded so one write (and one retry) stays small.
   */
  maxBatch: 32,
} as const;

export type RecordQueueLimits = { -readonly [K in keyof typeof RECORD_QUEUE_DEFAULTS]: number };

export interface RecordWriteQueueOptions {
  /** Writes the turns, in order, in one transaction (`writeFinishedTurns`). */
  write: (turns: FinishedTurn[]) => Promise<BatchWriteReport>;
  log: Logger;
  metrics?: RecordMetrics;
  limits?: Partial<RecordQueueLimits>;
}

export interface RecordWriteQueue extends TurnRecorder {
  /** Turns waiting to be written. */
  backlog(): number;
  /** Resolves once the backlog is empty, or after `timeoutMs`; true when it emptied. */
  drain(timeoutMs: number): Promise<boolean>;
  /** Stops retrying; what is still queued is lost (logged). */
  close(): void;
}

/**
 * SQLSTATE classes that a retry cannot fix: bad data (22) and broken constraints (23). Anything else
 * (connection refused, timeouts, shutdown) is the database being away, so the write waits and retries.
 */
export function isRejectedByDatabase(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^(22|23)/.test(code);
}

/**
 * The record's writer without Redis: finished turns queue in memory and are written in order (an
 * approval's answer after its question), everything waiting at once (up to `maxBatch`) in one write. A
 * failed write is retried with backoff, so a database outage delays the record, never the chat; a batch the
 * database rejects is written again one turn at a time, so only the turn it refuses is dropped. The
 * backlog is a metric, and is capped (the oldest turn is dropped, loudly, beyond it).
 */
export function createRecordWriteQueue(options: RecordWriteQueueOptions): RecordWriteQueue {
  const limits: RecordQueueLimits = { ...RECORD_QUEUE_DEFAULTS, ...options.limits };
  const { log, metrics } = options;
  const queue: FinishedTurn[] = [];
  let running = false;
  let closed = false;
  let waiters: (() => void)[] = [];
  let retryTimer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  const changed = (): void => {
    metrics?.backlog.set(queue.length);
    if (queue.length > 0) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };

  const counted = (report: BatchWriteReport): void => {
    metrics?.writes.inc({ result: 'written' }, report.written);
    metrics?.writes.inc({ result: 'duplicate' }, report.duplicates);
    metrics?.rows.inc(report.rows);
  };
  /** Writes the batch; throws only what is worth a retry (the database away), having dropped what it rejects. */
  const writeBatch = async (batch: FinishedTurn[]): Promise<void> => {
    try {
      counted(await options.write(batch));
      return;
    } catch (error) {
      if (!isRejectedByDatabase(error)) throw error;
      if (batch.length === 1) {
        metrics?.dropped.inc({ reason: 'rejected' });
        log.error({ err: error, turnId: batch[0]?.turnId }, 'the database rejected a turn record; it is dropped');
        return;
      }
    }
    // One turn of the batch is refused (the transaction wrote nothing): find it, keep the others.
    for (const turn of batch) await writeBatch([turn]);
  };

  const pump = async (): Promise<void> => {
    if (running || closed) return;
    running = true;
    let failures = 0;
    try {
      while (queue.length > 0 && !closed) {
        const batch = queue.slice(0, limits.maxBatch);
        try {
          await writeBatch(batch);
          failures = 0;
        } catch (error) {
          failures++;
          metrics?.writes.inc({ result: 'retry' }, batch.length);
          const delay = cappedBackoffMs(failures, limits);
          if (failures === 1 || failures % 10 === 0) {
            log.warn({ err: error, backlog: queue.length, retryInMs: delay }, 'record write failed; will retry');
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            retryTimer = setTimeout(resolve, delay);
            retryTimer.unref();
          });
          continue;
        }
        // The backlog cap may have dropped some of the batch's turns from the queue meanwhile.
        const done = new Set(batch);
        while (queue.length > 0 && done.has(queue[0] as FinishedTurn)) queue.shift();
        changed();
      }
    } finally {
      running = false;
    }
  };

  return {
    record(turn) {
      if (closed) return;
      queue.push(turn);
      if (queue.length > limits.maxBacklog) {
        const lost = queue.shift();
        metrics?.dropped.inc({ reason: 'backlog_full' });
        log.error({ turnId: lost?.turnId, maxBacklog: limits.maxBacklog }, 'record backlog full; oldest turn dropped');
      }
      changed();
      void pump();
    },
    backlog: () => queue.length,
    drain(timeoutMs) {
      if (queue.length === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      wake?.();
      if (queue.length > 0) log.error({ lost: queue.length }, 'record writer closed with turns not yet written');
    },
  };
}
