import { testBackends as sharedTestBackends, type TestBackend, type TestDatabase } from '@shopchat/postgres/testing';
import { migrate } from '../../src/db/migrate.ts';
import { seedDemoData } from '../../src/db/seed.ts';

export { TEST_DATABASE_URL, type TestBackend, type TestDatabase } from '@shopchat/postgres/testing';

/** PGlite always, PostgreSQL when reachable (required under CI=true). */
export function testBackends(): Promise<TestBackend[]> {
  return sharedTestBackends('services/orders');
}

/** A migrated, seeded database dated from `now`. */
export async function openSeededDatabase(backend: TestBackend, now: Date): Promise<TestDatabase> {
  const opened = await backend.open();
  try {
    await migrate(opened.db);
    await seedDemoData(opened.db, { now });
    return opened;
  } catch (error) {
    await opened.dispose();
    throw error;
  }
}
