import { createTestIdentity, type TestIdentity } from '@shopchat/mcp-service/testing';
import { afterAll, beforeAll } from 'vitest';
import { type RunningOrders, startOrdersService } from './start-orders-service.ts';
import { openSeededDatabase, type TestBackend, type TestDatabase } from './test-databases.ts';

/** What a suite's tests use: filled in by the suite's `beforeAll`, before its first test runs. */
export interface SeededOrders {
  database: TestDatabase;
  /** The key pair the server trusts: sign customer tokens with it. */
  identity: TestIdentity;
  orders: RunningOrders;
}

/**
 * For the suite being declared: before its tests, a database on `backend` seeded with the demo orders, a
 * test identity and the real orders server trusting it; after them, all stopped. With `now` the demo data
 * is dated from it and the server's clock stands still there; without, both use the real time. Call it in
 * the `describe` body and destructure the result there: the objects are filled in place. On a backend that
 * is not available nothing opens, and the suite's tests skip themselves (`it.skipIf(!backend.available)`).
 */
export function serveSeededOrders(backend: TestBackend, options: { now?: Date } = {}): SeededOrders {
  const served: SeededOrders = {
    database: {} as TestDatabase,
    identity: {} as TestIdentity,
    orders: {} as RunningOrders,
  };
  let database: TestDatabase | undefined;
  let orders: RunningOrders | undefined;
  beforeAll(async () => {
    if (!backend.available) return;
    const { now } = options;
    database = await openSeededDatabase(backend, now ?? new Date());
    const identity = await createTestIdentity();
    orders = await startOrdersService(database.db, identity, now ? () => now : undefined);
    Object.assign(served.database, database);
    Object.assign(served.identity, identity);
    Object.assign(served.orders, orders);
  });
  afterAll(async () => {
    await orders?.stop();
    await database?.dispose();
  });
  return served;
}
