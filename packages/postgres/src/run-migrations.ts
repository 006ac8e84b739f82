import { runner } from 'node-pg-migrate';
import type { ClientBase } from 'pg';
import type { Database } from './database.ts';

/** What a migration run did. */
export interface MigrationReport {
  /** The schema migrated (the connection's current schema). */
  schema: string;
  /** Names of the migrations applied by this run, oldest first; empty when already up to date. */
  applied: string[];
}

export interface RunMigrationsOptions {
  /** Folder of versioned SQL files (`-- Up Migration` / `-- Down Migration`). */
  dir: string;
  /** The bookkeeping table, one per service, kept in the same schema as the data it describes. */
  table: string;
  log?: (message: string) => void;
}

/**
 * Brings the schema up to date with the migration files. Safe to run from every replica at once:
 * node-pg-migrate holds an advisory lock (others wait for it) and applies all pending files in one
 * transaction. Works alike on PostgreSQL and PGlite (docs/decisions/0002).
 */
export async function runMigrations(db: Database, options: RunMigrationsOptions): Promise<MigrationReport> {
  return db.withSession(async (session) => {
    const { rows } = await session.query('SELECT current_schema() AS schema');
    const schema = rows[0]?.schema;
    if (typeof schema !== 'string') {
      throw new Error('The database has no current schema to migrate: create the schema on its search_path first.');
    }
    const applied = await runner({
      // node-pg-migrate only calls query() on a client it did not open itself (its db.ts checks for it).
      dbClient: session as unknown as ClientBase,
      dir: options.dir,
      direction: 'up',
      // Pinned to the connection's schema: left unset, the runner would keep its table in `public`,
      // and one schema's history would mark another's migrations as done.
      schema,
      migrationsSchema: schema,
      migrationsTable: options.table,
      singleTransaction: true,
      advisoryLockMode: 'wait',
      checkOrder: true,
      log: options.log ?? (() => {}),
    });
    return { schema, applied: applied.map((migration) => migration.name) };
  });
}
