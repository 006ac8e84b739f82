import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { loadConsoleSettings } from '../console/console-settings.ts';
import type { HostRecordDeps } from '../console/mount-record.ts';
import { createStaffTokenVerifier } from '../console/verify-staff-token.ts';
import type { FinishedTurn } from './finished-turn.ts';
import { type ConversationRecord, openConversationRecord } from './open-conversation-record.ts';
import { RECORD_QUEUE } from './record-jobs.ts';
import { loadRecordSettings } from './record-settings.ts';

export interface HostRecord {
  record: ConversationRecord;
  /** For `createHostApp`: the console API and page; the hook only when this process runs turns. */
  app: HostRecordDeps;
}

/**
 * The conversation record of a host process, from its environment: settings checked (a bad one stops the
 * start), the database opened and migrated, staff tokens' verifier built. Every role opens it: the API
 * answers the console, whoever runs turns records them (with Redis as record jobs, which the queue
 * workers write).
 */
export async function openHostRecord(
  env: NodeJS.ProcessEnv,
  options: {
    log: Logger;
    registry: Registry;
    runsTurns: boolean;
    /** With `REDIS_URL`: finished turns become record jobs on this connection, under BullMQ's prefix. */
    redis?: { connection: Redis; bullPrefix: string };
  },
): Promise<HostRecord> {
  const settings = loadRecordSettings(env);
  const consoleSettings = loadConsoleSettings(env);
  const verifyStaffToken = createStaffTokenVerifier(consoleSettings);
  if (env.REDIS_URL && !settings.databaseUrl) {
    options.log.warn(
      'REDIS_URL without DATABASE_URL: each process keeps its own embedded record; set DATABASE_URL so every replica shares it',
    );
  }
  const recordsTurns = options.runsTurns && settings.writes !== false;
  let jobQueue: Queue<FinishedTurn> | undefined;
  if (options.redis && recordsTurns) {
    jobQueue = new Queue<FinishedTurn>(RECORD_QUEUE, {
      connection: options.redis.connection,
      prefix: options.redis.bullPrefix,
    });
    jobQueue.on('error', (error: Error) => options.log.warn({ err: error }, 'record job queue error'));
  }
  const record = await openConversationRecord({
    settings,
    log: options.log,
    registry: options.registry,
    ...(jobQueue ? { jobQueue } : {}),
  });
  return {
    record,
    app: {
      db: record.db,
      ...(recordsTurns ? { hook: record.hook } : {}),
      verifyStaffToken,
      ...(consoleSettings.consoleDir ? { consoleDir: consoleSettings.consoleDir } : {}),
    },
  };
}
