import type { Logger } from 'pino';
import { cappedBackoffMs } from '../capped-backoff.ts';
import type { FinishedTurn, TurnRecorder } from './finished-turn.ts';
import type { RecordMetrics } from './record-metrics.ts';
import type { WriteReport } from './write-finished-turn.ts';

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
} as const;

export type RecordQueueLimits = { -readonly [K in keyof typeof RECORD_QUEUE_DEFAULTS]: number };

export interface RecordWriteQueueOptions {
  write: (turn: FinishedTurn) => Promise<WriteReport>;
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
 * The record's writer without Redis: finished turns queue in memory and are written one at a time, in
 * order (an approval's answer after its question). A failed write is retried with backoff, so a database
 * outage delays the record, never the chat; the backlog is a metric, and is capped (the oldest turn is
 * dropped, loudly, beyond it).
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

  const pump = async (): Promise<void> => {
    if (running || closed) return;
    running = true;
    let failures = 0;
    try {
      while (queue.length > 0 && !closed) {
        const turn = queue[0] as FinishedTurn;
        try {
          const report = await options.write(turn);
          metrics?.writes.inc({ result: report.written ? 'written' : 'duplicate' });
          metrics?.rows.inc(report.rows);
          failures = 0;
        } catch (error) {
          if (isRejectedByDatabase(error)) {
            metrics?.dropped.inc({ reason: 'rejected' });
            log.error({ err: error, turnId: turn.turnId }, 'the database rejected a turn record; it is dropped');
          } else {
            failures++;
            metrics?.writes.inc({ result: 'retry' });
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
        }
        if (queue[0] === turn) queue.shift();
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
