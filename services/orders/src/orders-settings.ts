import { databaseUrlVariable, envFlag, parseEnvironment } from '@shopchat/mcp-service';
import { z } from 'zod';

/** The orders server's own settings, beside the kit's (PORT, MCP_SERVICE_TOKEN, …). */
export interface OrdersSettings {
  /** PostgreSQL URL; unset: embedded PGlite with the same migrations. */
  databaseUrl?: string;
  /** PGlite only: keep the embedded database in this directory instead of memory. */
  dataDir?: string;
  /** Apply pending migrations at startup (safe with many replicas: the migration runner takes a lock). */
  migrateOnStart: boolean;
  /** Write the demo customers and orders when they are missing. */
  seedDemoData: boolean;
}

/** Default port of the orders MCP server (docs/architecture.md#processes-and-ports). */
export const ORDERS_PORT = 3101;

const EnvSchema = z.object({
  DATABASE_URL: databaseUrlVariable,
  ORDERS_DATA_DIR: z.string().min(1).optional(),
  ORDERS_MIGRATE_ON_START: envFlag.optional(),
  SEED_DEMO_DATA: envFlag.optional(),
});

/**
 * Reads the orders settings. On the embedded database the demo data is seeded by default (it starts
 * empty every time); on PostgreSQL only when `SEED_DEMO_DATA=true`, so a real shop's database is never
 * filled with demo customers by accident.
 */
export function loadOrdersSettings(env: NodeJS.ProcessEnv): OrdersSettings {
  const e = parseEnvironment(EnvSchema, env);
  return {
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    ...(e.ORDERS_DATA_DIR ? { dataDir: e.ORDERS_DATA_DIR } : {}),
    migrateOnStart: e.ORDERS_MIGRATE_ON_START ?? true,
    seedDemoData: e.SEED_DEMO_DATA ?? !e.DATABASE_URL,
  };
}
