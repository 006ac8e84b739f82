import { Queue, QueueEvents, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ArticleStore } from '../articles/article-store.ts';
import { InvalidArticleError } from '../articles/parse-article.ts';
import { applyIngestionJob } from './apply-ingestion-job.ts';
import type { ArticleIngestion, JobStatus } from './article-ingestion.ts';
import { type IngestionJob, type IngestionResult, ingestionJobSchema } from './ingestion-job.ts';

/** The queue's name on the wire: pinned, since producers and workers of different versions share it. */
export const INGESTION_QUEUE = 'docs-ingestion';

/** Infrastructure faults (database down) are retried; an invalid document never is. */
const ATTEMPTS = 5;
const BACKOFF_MS = 1_000;
/** Finished jobs are kept a day (at most 1,000) so `GET /admin/jobs/:id` can report them. */
const KEEP_FINISHED = { age: 24 * 3600, count: 1_000 };

export interface QueuedIngestionOptions {
  redisUrl: string;
  /** Key prefix in Redis; tests give each run its own. */
  prefix: string;
  log: Logger;
  /** The store a worker in this process applies jobs to: every docs replica runs one; the CLI only produces. */
  workOn?: ArticleStore;
}

/**
 * Changes go through BullMQ: the admin endpoint or the CLI enqueues, a worker in any docs replica applies
 * the job to PostgreSQL, and every replica's index follows the change log (see article-index-sync.ts).
 */
export function createQueuedIngestion(options: QueuedIngestionOptions): ArticleIngestion {
  // BullMQ needs `maxRetriesPerRequest: null` on connections that block (workers, queue events).
  const connection = () => new Redis(options.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  const queueConnection = connection();
  const queue = new Queue<IngestionJob, IngestionResult>(INGESTION_QUEUE, {
    connection: queueConnection,
    prefix: options.prefix,
    defaultJobOptions: {
      attempts: ATTEMPTS,
      backoff: { type: 'exponential', delay: BACKOFF_MS },
      removeOnComplete: KEEP_FINISHED,
      removeOnFail: KEEP_FINISHED,
    },
  });
  let events: QueueEvents | undefined;
  let eventsConnection: Redis | undefined;
  let worker: Worker<IngestionJob, IngestionResult> | undefined;
  let workerConnection: Redis | undefined;
  const store = options.workOn;
  if (store) {
    workerConnection = connection();
    worker = new Worker<IngestionJob, IngestionResult>(
      INGESTION_QUEUE,
      async (job) => {
        const data = ingestionJobSchema.parse(job.data);
        try {
          const result = await applyIngestionJob(store, data);
          options.log.info({ jobId: job.id, ...result }, 'article change applied');
          return result;
        } catch (error) {
          if (error instanceof InvalidArticleError) throw new UnrecoverableError(error.message);
          throw error;
        }
      },
      { connection: workerConnection, prefix: options.prefix, concurrency: 1 },
    );
    worker.on('failed', (job, error) =>
      options.log.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'article change failed'),
    );
    worker.on('error', (error) => options.log.error({ err: error }, 'ingestion worker error'));
  }

  const statusOf = async (jobId: string): Promise<JobStatus> => {
    const job = await queue.getJob(jobId);
    if (!job) return { state: 'unknown' };
    const state = await job.getState();
    if (state === 'completed') return { state, result: job.returnvalue };
    if (state === 'failed') return { state, reason: job.failedReason };
    return { state: state === 'waiting' || state === 'active' || state === 'delayed' ? state : 'waiting' };
  };

  return {
    mode: 'queue',
    async submit(job) {
      const added = await queue.add(job.kind, job);
      return { mode: 'queued', jobId: String(added.id) };
    },
    status: statusOf,
    async waitFor(jobId, timeoutMs) {
      if (!events) {
        eventsConnection = connection();
        events = new QueueEvents(INGESTION_QUEUE, { connection: eventsConnection, prefix: options.prefix });
        await events.waitUntilReady();
      }
      const job = await queue.getJob(jobId);
      if (!job) return { state: 'unknown' };
      try {
        await job.waitUntilFinished(events, timeoutMs);
      } catch {
        // Failed or timed out: the status says which.
      }
      return statusOf(jobId);
    },
    async close() {
      await worker?.close();
      await events?.close();
      await queue.close();
      for (const redis of [workerConnection, eventsConnection, queueConnection]) redis?.disconnect();
    },
  };
}
