import { fileURLToPath } from 'node:url';
import { type Database, type MigrationReport, runMigrations } from '@shopchat/postgres';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
export const MIGRATIONS_TABLE = 'docs_migrations';

/** Brings the docs schema up to date with `migrations/`. */
export function migrate(db: Database): Promise<MigrationReport> {
  return runMigrations(db, { dir: MIGRATIONS_DIR, table: MIGRATIONS_TABLE });
}
