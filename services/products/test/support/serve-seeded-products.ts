import { afterAll, beforeAll } from 'vitest';
import { type RunningProducts, startProductsService } from './start-products-service.ts';
import { openSeededDatabase, type TestBackend, type TestDatabase } from './test-databases.ts';

/** What a suite's tests use: filled in by the suite's `beforeAll`, before its first test runs. */
export interface SeededProducts {
  database: TestDatabase;
  products: RunningProducts;
}

/**
 * For the suite being declared: before its tests, a seeded database on `backend` and the real products
 * server on it; after them, both stopped. Call it in the `describe` body and destructure the result there:
 * the objects are filled in place. On a backend that is not available nothing opens, and the suite's tests
 * skip themselves (`it.skipIf(!backend.available)`).
 */
export function serveSeededProducts(backend: TestBackend): SeededProducts {
  const served: SeededProducts = { database: {} as TestDatabase, products: {} as RunningProducts };
  let database: TestDatabase | undefined;
  let products: RunningProducts | undefined;
  beforeAll(async () => {
    if (!backend.available) return;
    database = await openSeededDatabase(backend);
    products = await startProductsService(database.db);
    Object.assign(served.database, database);
    Object.assign(served.products, products);
  });
  afterAll(async () => {
    await products?.stop();
    await database?.dispose();
  });
  return served;
}
