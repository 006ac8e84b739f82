import type { Database } from '@shopchat/postgres';
import { type Job, type Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { cappedBackoffMs } from '../capped-backoff.ts';
import { createBatchedTurnWriter } from './batched-turn-writer.ts';
import { type FinishedTurn, FinishedTurnSchema, type TurnRecorder } from './finished-turn.ts';
import type { RecordMetrics } from './record-metrics.ts';
import { isRejectedByDatabase } from './record-write-queue.ts';
import { QuestionNotOnRecordError, type WriteReport, writeFinishedTurn } from './write-finished-turn.ts';

/** The BullMQ queue of record writes (with `REDIS_URL`): the workers put finished turns on it and take them off. */
export const RECORD_QUEUE = 'shopchat-record';

/** How record jobs are retried, with the reasons. */
export const RECORD_JOB_DEFAULTS = {
  /**
   * Tries of one write: 250 ms doubling to 30 s apart, so 100 tries ride out a database outage of about
   * 45 minutes before a turn is given up (kept a week among the failed jobs, and counted as dropped).
   */
  attempts: 100,
  retryBaseMs: 250,
  retryMaxMs: 30_000,
  /**
   * Tries during which a turn that answers approvals waits for the turn that asked them: jobs of one
   * conversation may run out of order on many workers (a retry after an outage), and an answer needs its
   * question's row. After these it is written anyway (the answer is then left out).
   */
  questionWaitAttempts: 8,
  /** Writes one worker runs at once: each is one short transaction, so a few keep the pool busy. */
  concurrency: 4,
} as const;

export type RecordJobLimits = { -readonly [K in keyof typeof RECORD_JOB_DEFAULTS]: number };

/**
 * With Redis, a finished turn becomes one job whose id is the turn's id: a turn job that is retried or taken
 * over ends in the same record job (BullMQ keeps one job per id), and the writer is idempotent for a job
 * that runs twice. `record` returns at once; adding the job happens off the streaming path.
 */
export function createRecordJobRecorder(options: {
  queue: Queue<FinishedTurn>;
  log: Logger;
  metrics?: RecordMetrics;
  limits?: Partial<RecordJobLimits>;
}): TurnRecorder {
  const limits = { ...RECORD_JOB_DEFAULTS, ...options.limits };
  const { queue, log, metrics } = options;
  return {
    record(turn) {
      queue
        .add('record', turn, {
          jobId: turn.turnId,
          attempts: limits.attempts,
          backoff: { type: 'custom' },
          // A written turn is in the database: its job (the customer's words) goes at once.
          removeOnComplete: true,
          removeOnFail: { age: 7 * 24 * 3600 },
        })
        .catch((error: unknown) => {
          metrics?.dropped.inc({ reason: 'enqueue_failed' });
          log.error({ err: error, turnId: turn.turnId }, 'could not queue a turn record (Redis away); it is lost');
        });
    },
  };
}

/** Turns waiting to be written: the queue's waiting and delayed (retrying) jobs. */
export async function recordJobBacklog(queue: Queue<FinishedTurn>): Promise<number> {
  const counts = await queue.getJobCounts('waiting', 'delayed', 'prioritized');
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

export interface RecordJobWorker {
  close(): Promise<void>;
}

/**
 * Takes record jobs and writes them. A job that is not a finished turn, or that the database rejects as
 * data (SQLSTATE 22/23), is given up at once; anything else (database away) is retried with backoff.
 */
export function createRecordJobWorker(options: {
  connection: Redis;
  prefix: string;
  db: Database;
  log: Logger;
  metrics?: RecordMetrics;
  limits?: Partial<RecordJobLimits>;
}): RecordJobWorker {
  const limits = { ...RECORD_JOB_DEFAULTS, ...options.limits };
  const { db, log, metrics } = options;
  // The jobs a worker runs at once are written together.
  const batched = createBatchedTurnWriter(db, { maxBatch: Math.max(1, limits.concurrency) });

  const process = async (job: Job<FinishedTurn, WriteReport>): Promise<WriteReport> => {
    const parsed = FinishedTurnSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError('not a finished turn');
    try {
      const turn = parsed.data;
      const waitForQuestions = job.attemptsMade < limits.questionWaitAttempts;
      // A turn that answers approvals checks first that they are on record: it is written on its own.
      if (waitForQuestions && turn.approvalsAnswered.length > 0) {
        return await writeFinishedTurn(db, turn, { waitForQuestions });
      }
      return await batched.write(turn);
    } catch (error) {
      if (isRejectedByDatabase(error)) throw new UnrecoverableError(`the database rejected the record: ${error}`);
      throw error;
    }
  };

  const worker = new Worker<FinishedTurn, WriteReport>(RECORD_QUEUE, process, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: limits.concurrency,
    settings: { backoffStrategy: (attemptsMade: number) => cappedBackoffMs(attemptsMade, limits) },
  });
  worker.on('completed', (_job, report) => {
    metrics?.writes.inc({ result: report.written ? 'written' : 'duplicate' });
    metrics?.rows.inc(report.rows);
  });
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!final) {
      metrics?.writes.inc({ result: 'retry' });
      if (error instanceof QuestionNotOnRecordError) return;
      if (job.attemptsMade === 1 || job.attemptsMade % 10 === 0) {
        log.warn({ err: error, turnId: job.id, attempt: job.attemptsMade }, 'record write failed; will retry');
      }
      return;
    }
    metrics?.dropped.inc({ reason: error instanceof UnrecoverableError ? 'rejected' : 'attempts_exhausted' });
    log.error({ err: error, turnId: job.id, attempts: job.attemptsMade }, 'turn record given up');
  });
  worker.on('error', (error) => log.warn({ err: error }, 'record worker error'));
  return { close: () => worker.close() };
}
