import { databaseUrlVariable, envFlag, parseEnvironment } from '@shopchat/mcp-service';
import { z } from 'zod';

/** The products server's own settings, beside the kit's (PORT, MCP_SERVICE_TOKEN, …). */
export interface ProductsSettings {
  /** PostgreSQL URL; unset: embedded PGlite with the same migrations. */
  databaseUrl?: string;
  /** PGlite only: keep the embedded database in this directory instead of memory. */
  dataDir?: string;
  /** Apply pending migrations at startup (safe with many replicas: the migration runner takes a lock). */
  migrateOnStart: boolean;
  /** Write the demo catalogue's missing rows (never overwrites an existing row). */
  seedDemoData: boolean;
  /** Where browsers reach this service's pictures, without a trailing slash. */
  publicUrl: string;
  /** The shop's site; product pages are `<shopBaseUrl>/products/<id>`. No trailing slash. */
  shopBaseUrl: string;
}

/** Default port of the products MCP server (docs/architecture.md#processes-and-ports). */
export const PRODUCTS_PORT = 3102;

/** Defaults: the service's own loopback address, and a placeholder shop domain. */
export const PRODUCTS_DEFAULTS = {
  publicUrl: `http://127.0.0.1:${PRODUCTS_PORT}`,
  shopBaseUrl: 'https://shop.example',
} as const;

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .refine((value) => !/[?#]/.test(value), 'must not have a query or fragment')
  .transform((value) => value.replace(/\/+$/, ''));

const EnvSchema = z.object({
  DATABASE_URL: databaseUrlVariable,
  PRODUCTS_DATA_DIR: z.string().min(1).optional(),
  PRODUCTS_MIGRATE_ON_START: envFlag.optional(),
  SEED_DEMO_DATA: envFlag.optional(),
  PRODUCTS_PUBLIC_URL: httpUrl.optional(),
  SHOP_BASE_URL: httpUrl.optional(),
});

/**
 * Reads the products settings. On the embedded database the demo catalogue is seeded by default (it
 * starts empty every time); on PostgreSQL only when `SEED_DEMO_DATA=true`.
 */
export function loadProductsSettings(env: NodeJS.ProcessEnv): ProductsSettings {
  const e = parseEnvironment(EnvSchema, env);
  return {
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    ...(e.PRODUCTS_DATA_DIR ? { dataDir: e.PRODUCTS_DATA_DIR } : {}),
    migrateOnStart: e.PRODUCTS_MIGRATE_ON_START ?? true,
    seedDemoData: e.SEED_DEMO_DATA ?? !e.DATABASE_URL,
    publicUrl: e.PRODUCTS_PUBLIC_URL ?? PRODUCTS_DEFAULTS.publicUrl,
    shopBaseUrl: e.SHOP_BASE_URL ?? PRODUCTS_DEFAULTS.shopBaseUrl,
  };
}
