// The shared database layer of the services: one `Database` over PostgreSQL or embedded PGlite, and
// versioned SQL migrations that run alike on both. Every export here is API: add on purpose.
export {
  DATABASE_DEFAULTS,
  type Database,
  type DatabaseOptions,
  openDatabase,
  type SqlSession,
  type Unlisten,
} from './database.ts';
export { type OpenServiceDatabaseOptions, openServiceDatabase, type StartupLog } from './open-service-database.ts';
export { runDatabaseCli } from './run-database-cli.ts';
export { type MigrationReport, type RunMigrationsOptions, runMigrations } from './run-migrations.ts';
