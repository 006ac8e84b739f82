import { parseEnvironment } from '@shopchat/mcp-service';
import { z } from 'zod';

/** The conversation record's settings, with their defaults and units. */
export interface RecordSettings {
  /** `CONVERSATION_RECORD=off`: finished turns are not recorded (the console still reads what is there). */
  writes?: boolean;
  /** PostgreSQL URL (`DATABASE_URL`); unset: embedded PGlite with the same migrations. */
  databaseUrl?: string;
  /** PGlite only (`HOST_DATA_DIR`): keep the record on disk instead of in memory. */
  dataDir?: string;
  /** Days a conversation is kept after its last activity (`CONVERSATION_RETENTION_DAYS`). */
  retentionDays: number;
  /** How often expired conversations are purged, in ms (`RECORD_PURGE_INTERVAL_MS`). */
  purgeIntervalMs: number;
}

export const RECORD_DEFAULTS = {
  /** Three months: long enough for disputes and returns, short enough for data minimisation. */
  retentionDays: 90,
  /** Hourly: retention is counted in days, so an hour late is nothing. */
  purgeIntervalMs: 3_600_000,
} as const;

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  HOST_DATA_DIR: z.string().min(1).optional(),
  CONVERSATION_RECORD: z.enum(['on', 'off']).optional(),
  CONVERSATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).optional(),
  RECORD_PURGE_INTERVAL_MS: z.coerce.number().int().min(1_000).max(86_400_000).optional(),
});

/** Reads the record's settings; a bad one throws a ConfigError naming the variable. */
export function loadRecordSettings(env: NodeJS.ProcessEnv): RecordSettings {
  const e = parseEnvironment(EnvSchema, env);
  return {
    writes: e.CONVERSATION_RECORD !== 'off',
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    ...(e.HOST_DATA_DIR ? { dataDir: e.HOST_DATA_DIR } : {}),
    retentionDays: e.CONVERSATION_RETENTION_DAYS ?? RECORD_DEFAULTS.retentionDays,
    purgeIntervalMs: e.RECORD_PURGE_INTERVAL_MS ?? RECORD_DEFAULTS.purgeIntervalMs,
  };
}
