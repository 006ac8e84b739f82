import { databaseUrlVariable, envFlag, parseEnvironment } from '@shopchat/mcp-service';
import { z } from 'zod';
import { DEFAULT_INDEX_REFRESH_MS } from './articles/article-index.ts';

/** Default port of the docs MCP server (docs/architecture.md#processes-and-ports). */
export const DOCS_PORT = 3103;

/** The docs server's own settings, beside the kit's (PORT, MCP_SERVICE_TOKEN, …). */
export interface DocsSettings {
  databaseUrl?: string;
  dataDir?: string;
  redisUrl?: string;
  /** Key prefix of the BullMQ queue in Redis. */
  queuePrefix: string;
  /** Bearer token of the admin endpoint; unset: the endpoint is off. */
  adminToken?: string;
  migrateOnStart: boolean;
  /** Ingest content/articles at startup (idempotent by content hash). */
  seedArticles: boolean;
  indexRefreshMs: number;
  /** Public base URL of the help center, for links in answers. */
  helpCenterUrl: string;
}

const EnvSchema = z.object({
  DATABASE_URL: databaseUrlVariable,
  DOCS_DATA_DIR: z.string().min(1).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  BULLMQ_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/)
    .optional(),
  DOCS_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters (use a random secret)').optional(),
  DOCS_MIGRATE_ON_START: envFlag.optional(),
  SEED_DEMO_DATA: envFlag.optional(),
  DOCS_INDEX_REFRESH_MS: z.coerce.number().int().min(100).max(60_000).optional(),
  HELP_CENTER_URL: z.url().optional(),
});

/** Reads and checks the docs settings; a bad one stops startup with a message naming the variable. */
export function loadDocsSettings(env: NodeJS.ProcessEnv): DocsSettings {
  const e = parseEnvironment(EnvSchema, env);
  return {
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    ...(e.DOCS_DATA_DIR ? { dataDir: e.DOCS_DATA_DIR } : {}),
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    ...(e.DOCS_ADMIN_TOKEN ? { adminToken: e.DOCS_ADMIN_TOKEN } : {}),
    queuePrefix: e.BULLMQ_PREFIX ?? 'shopchat',
    migrateOnStart: e.DOCS_MIGRATE_ON_START ?? true,
    // The help center is the shop's own content, shipped in the repo: seeded on every engine by default.
    seedArticles: e.SEED_DEMO_DATA ?? true,
    indexRefreshMs: e.DOCS_INDEX_REFRESH_MS ?? DEFAULT_INDEX_REFRESH_MS,
    helpCenterUrl: e.HELP_CENTER_URL ?? 'https://shop.example/help',
  };
}
