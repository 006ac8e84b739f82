import type { IngestionJob, IngestionResult } from './ingestion-job.ts';

/** How a submitted change was handled. */
export type SubmitResult =
  /** Applied before answering (no Redis). */
  | { mode: 'applied'; result: IngestionResult }
  /** Queued in BullMQ; any replica's worker applies it. */
  | { mode: 'queued'; jobId: string };

export type JobStatus =
  | { state: 'waiting' | 'active' | 'delayed' | 'unknown' }
  | { state: 'completed'; result: IngestionResult }
  | { state: 'failed'; reason: string };

/**
 * The one way changes reach the help center, whatever carries them: in-process without `REDIS_URL`,
 * a BullMQ queue with it. Callers validate documents first, so a bad one never enters the queue.
 */
export interface ArticleIngestion {
  readonly mode: 'in-process' | 'queue';
  submit(job: IngestionJob): Promise<SubmitResult>;
  status(jobId: string): Promise<JobStatus>;
  /** Waits for a queued job (CLI); resolves at once for in-process ingestion. */
  waitFor(jobId: string, timeoutMs: number): Promise<JobStatus>;
  close(): Promise<void>;
}
