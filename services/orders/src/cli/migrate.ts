/**
 * `npm run migrate -w services/orders`: applies pending migrations to DATABASE_URL, e.g. from a
 * Kubernetes Job before a rollout. Prints `{"command":"migrate","ok":true,"schema":…,"applied":[…]}`.
 */

import { runDatabaseCli } from '@shopchat/postgres';
import { migrate } from '../db/migrate.ts';

await runDatabaseCli('orders', 'migrate', async (db) => ({ ...(await migrate(db)) }));
