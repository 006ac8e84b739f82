import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type { ClientBase } from 'pg';
import type { Database } from './database.ts';

/** The versioned SQL files, shipped beside the source so the image runs them as they are. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** The bookkeeping table of applied migrations, in the same schema as the data it describes. */
export const MIGRATIONS_TABLE = 'orders_migrations';

/** What a migration run did. */
export interface MigrationReport {
  /** The schema migrated (the connection's current schema). */
  schema: string;
  /** Names of the migrations applied by this run, oldest first; empty when already up to date. */
  applied: string[];
}

/**
 * Brings the schema up to date with `migrations/`. Safe to run from every replica at once: node-pg-migrate
 * holds an advisory lock (others wait for it) and applies all pending files in one transaction.
 */
export async function migrate(db: Database, log: (message: string) => void = () => {}): Promise<MigrationReport> {
  return db.withSession(async (session) => {
    const { rows } = await session.query('SELECT current_schema() AS schema');
    const schema = rows[0]?.schema;
    if (typeof schema !== 'string') {
      throw new Error('The database has no current schema to migrate: create the schema on its search_path first.');
    }
    const applied = await runner({
      // node-pg-migrate only calls query() on a client it did not open itself (its db.ts checks for it).
      dbClient: session as unknown as ClientBase,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      // Pinned to the connection's schema: left unset, the runner would keep its table in `public`,
      // and one schema's history would mark another's migrations as done.
      schema,
      migrationsSchema: schema,
      migrationsTable: MIGRATIONS_TABLE,
      singleTransaction: true,
      advisoryLockMode: 'wait',
      checkOrder: true,
      log,
    });
    return { schema, applied: applied.map((migration) => migration.name) };
  });
}
