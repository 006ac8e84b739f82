/**
 * `npm run migrate -w services/products`: applies pending migrations to DATABASE_URL, e.g. from a
 * Kubernetes Job before a rollout. Prints `{"command":"migrate","ok":true,"schema":…,"applied":[…]}`.
 */
import { migrate } from '../db/migrate.ts';
import { runDatabaseCli } from './run-database-cli.ts';

await runDatabaseCli('migrate', async (db) => ({ ...(await migrate(db)) }));
