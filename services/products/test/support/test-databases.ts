import { testBackends as sharedTestBackends, type TestBackend, type TestDatabase } from '@shopchat/postgres/testing';
import { readCatalogueFile } from '../../src/db/catalogue-file.ts';
import { migrate } from '../../src/db/migrate.ts';
import { seedCatalogue } from '../../src/db/seed-catalogue.ts';

export type { TestBackend, TestDatabase } from '@shopchat/postgres/testing';

/** PGlite always, PostgreSQL when reachable (required under CI=true); each file in its own schema. */
export function testBackends(): Promise<TestBackend[]> {
  return sharedTestBackends('services/products');
}

/** A migrated database seeded with the demo catalogue. */
export async function openSeededDatabase(backend: TestBackend): Promise<TestDatabase> {
  const opened = await backend.open();
  try {
    await migrate(opened.db);
    await seedCatalogue(opened.db, await readCatalogueFile());
    return opened;
  } catch (error) {
    await opened.dispose();
    throw error;
  }
}
