import { type Database, openDatabase } from './database.ts';
import type { MigrationReport } from './run-migrations.ts';

/** The little a service's startup logs about its database (pino's `info`/`warn` fit). */
export interface StartupLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface OpenServiceDatabaseOptions {
  /** PostgreSQL URL; unset: embedded PGlite. */
  url?: string;
  /** PGlite only: keep data in this directory. */
  dataDir?: string;
  migrateOnStart: boolean;
  migrate: (db: Database) => Promise<MigrationReport>;
  /** Writes the service's demo data when missing; returns what to log. Unset: no seeding. */
  seed?: (db: Database) => Promise<{ seeded: boolean }>;
  log: StartupLog;
}

/**
 * A service's database at startup: opened (PostgreSQL or PGlite), migrated and seeded as configured,
 * and closed again if any step fails, so a failed start leaves no pool behind.
 */
export async function openServiceDatabase(options: OpenServiceDatabaseOptions): Promise<Database> {
  const { log } = options;
  const db = await openDatabase({
    ...(options.url ? { url: options.url } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    onIdleError: (error) => log.warn({ err: error }, 'an idle database connection failed; the pool replaces it'),
  });
  try {
    if (options.migrateOnStart) {
      const report = await options.migrate(db);
      log.info({ schema: report.schema, applied: report.applied }, 'database schema up to date');
    }
    if (options.seed) {
      const report = await options.seed(db);
      log.info(report, report.seeded ? 'demo data written' : 'demo data already present');
    }
    log.info({ engine: options.url ? 'postgresql' : 'pglite (embedded)' }, 'database ready');
    return db;
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
