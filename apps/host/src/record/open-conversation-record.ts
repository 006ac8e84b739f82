import { fileURLToPath } from 'node:url';
import { type Database, openServiceDatabase, runMigrations } from '@shopchat/postgres';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import type { TurnRecorderHook } from '../turn/turn-recorder-hook.ts';
import { createTurnRecorderHook } from './create-turn-recorder-hook.ts';
import type { FinishedTurn } from './finished-turn.ts';
import { purgeExpiredConversations } from './purge-expired-conversations.ts';
import { createRecordJobRecorder, type RecordJobLimits, recordJobBacklog } from './record-jobs.ts';
import { createRecordMetrics, type RecordMetrics } from './record-metrics.ts';
import type { RecordSettings } from './record-settings.ts';
import { createRecordWriteQueue, type RecordQueueLimits, type RecordWriteQueue } from './record-write-queue.ts';
import { writeFinishedTurns } from './write-finished-turn.ts';

/** The host's migrations folder (apps/host/migrations). */
export const RECORD_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
/** The host's migration bookkeeping table, beside the services' own. */
export const RECORD_MIGRATIONS_TABLE = 'host_migrations';
/** On shutdown, how long the last finished turns get to reach the database. */
const SHUTDOWN_DRAIN_MS = 5_000;

export interface ConversationRecord {
  db: Database;
  /** Given to the turn executor: every finished turn goes to the record. */
  hook: TurnRecorderHook;
  /** The in-process write queue (idle when finished turns go to `jobQueue`). */
  queue: RecordWriteQueue;
  /** With Redis: the BullMQ queue finished turns go to, which a record worker (`record-jobs.ts`) writes. */
  jobQueue?: Queue<FinishedTurn>;
  metrics: RecordMetrics;
  retentionDays: number;
  /** Purges expired conversations now (also runs on its own every `purgeIntervalMs`). */
  purge(): Promise<number>;
  /** Writes what is still queued (bounded), stops the purge timer, closes the database. */
  close(): Promise<void>;
}

export interface OpenConversationRecordOptions {
  settings: RecordSettings;
  log: Logger;
  registry?: Registry;
  /** An open database to use instead of `settings` (tests); it is migrated, and closed by `close`. */
  db?: Database;
  queueLimits?: Partial<RecordQueueLimits>;
  /** With Redis: finished turns become jobs on this queue instead of the in-process queue; closed by `close`. */
  jobQueue?: Queue<FinishedTurn>;
  jobLimits?: Partial<RecordJobLimits>;
  now?: () => number;
}

/** Applies the host's migrations (the conversation record's tables). */
export function migrateRecord(db: Database) {
  return runMigrations(db, { dir: RECORD_MIGRATIONS_DIR, table: RECORD_MIGRATIONS_TABLE });
}

/**
 * Opens the conversation record: the host's database (PostgreSQL with `DATABASE_URL`, embedded PGlite
 * without), migrated; where finished turns go (the in-process write queue, or record jobs with Redis); and
 * the retention purge on a timer.
 */
export async function openConversationRecord(options: OpenConversationRecordOptions): Promise<ConversationRecord> {
  const { settings, log } = options;
  const now = options.now ?? Date.now;
  const db = options.db
    ? options.db
    : await openServiceDatabase({
        ...(settings.databaseUrl ? { url: settings.databaseUrl } : {}),
        ...(settings.dataDir ? { dataDir: settings.dataDir } : {}),
        migrateOnStart: true,
        migrate: migrateRecord,
        log,
      });
  if (options.db) await migrateRecord(db);
  const { jobQueue } = options;
  const metrics = createRecordMetrics(
    options.registry ?? new Registry(),
    jobQueue ? () => recordJobBacklog(jobQueue) : undefined,
  );
  const queue = createRecordWriteQueue({
    write: (turns) => writeFinishedTurns(db, turns),
    log,
    // With jobs this queue stays idle, and the backlog gauge is the job queue's count.
    ...(jobQueue ? {} : { metrics }),
    ...(options.queueLimits ? { limits: options.queueLimits } : {}),
  });
  const recorder = jobQueue
    ? createRecordJobRecorder({
        queue: jobQueue,
        log,
        metrics,
        ...(options.jobLimits ? { limits: options.jobLimits } : {}),
      })
    : queue;
  const purge = async (): Promise<number> => {
    const purged = await purgeExpiredConversations(db, { retentionDays: settings.retentionDays, now: now() });
    if (purged > 0) log.info({ purged, retentionDays: settings.retentionDays }, 'expired conversations purged');
    return purged;
  };
  const timer = setInterval(() => {
    purge().catch((error: unknown) => log.warn({ err: error }, 'conversation purge failed; will try again'));
  }, settings.purgeIntervalMs);
  timer.unref();
  return {
    db,
    hook: createTurnRecorderHook({ recorder, now, ttft: metrics.ttft }),
    queue,
    ...(jobQueue ? { jobQueue } : {}),
    metrics,
    retentionDays: settings.retentionDays,
    purge,
    async close() {
      clearInterval(timer);
      await queue.drain(SHUTDOWN_DRAIN_MS);
      queue.close();
      await jobQueue?.close().catch((error: unknown) => log.warn({ err: error }, 'record job queue close failed'));
      await db.close();
    },
  };
}
