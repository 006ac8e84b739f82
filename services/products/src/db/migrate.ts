import { fileURLToPath } from 'node:url';
import { type Database, type MigrationReport, runMigrations } from '@shopchat/postgres';

/** The versioned SQL files, shipped beside the source so the image runs them as they are. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** The bookkeeping table of applied migrations, in the same schema as the data it describes. */
export const MIGRATIONS_TABLE = 'products_migrations';

/** Brings the products schema up to date with `migrations/`. */
export function migrate(db: Database, log?: (message: string) => void): Promise<MigrationReport> {
  return runMigrations(db, { dir: MIGRATIONS_DIR, table: MIGRATIONS_TABLE, ...(log ? { log } : {}) });
}
