/**
 * `npm run seed -w services/orders`: migrates DATABASE_URL, then writes the demo customers and orders
 * (skipped when already there). SEED_NOW (an ISO date-time) pins the moment the data is dated from, to
 * reproduce a demo exactly; it defaults to the current time.
 */

import { runDatabaseCli } from '@shopchat/postgres';
import { migrate } from '../db/migrate.ts';
import { seedDemoData } from '../db/seed.ts';

await runDatabaseCli('orders', 'seed', async (db, env) => {
  const now = env.SEED_NOW ? new Date(env.SEED_NOW) : new Date();
  if (Number.isNaN(now.getTime())) {
    throw new Error(`SEED_NOW must be an ISO date-time such as 2025-06-15T12:00:00Z, got "${env.SEED_NOW}".`);
  }
  const migrated = await migrate(db);
  const report = await seedDemoData(db, { now });
  return { ...report, migrationsApplied: migrated.applied, now: now.toISOString() };
});
