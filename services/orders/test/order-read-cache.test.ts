import type { Database } from '@shopchat/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_READ_CACHE_DEFAULTS, OrderReadCache } from '../src/orders/order-read-cache.ts';
import { openSeededDatabase, type TestDatabase, testBackends } from './support/test-databases.ts';

const NOW = new Date('2026-11-20T10:00:00Z');
const backends = await testBackends();
const pglite = backends.find((backend) => backend.name === 'pglite');
if (!pglite) throw new Error('PGlite is always a test backend');

/** The database, counting the statements that read an order, and able to lose its notifications or version. */
function observed(db: Database, options: { listen: boolean }) {
  const state = { orderReads: 0, versionFails: false };
  const wrapped: Database = {
    ...db,
    async query<Row>(sql: string, params?: unknown[]) {
      if (sql.includes('FROM orders o WHERE o.customer_id')) state.orderReads++;
      if (state.versionFails && sql.startsWith('SELECT version FROM orders_data_version'))
        throw new Error('connection lost');
      return db.query<Row>(sql, params);
    },
    listen: options.listen
      ? (channel, onNotify) => db.listen(channel, onNotify)
      : async () => {
          throw new Error('LISTEN unavailable');
        },
  };
  return { db: wrapped, state };
}

const quiet = { info: () => {}, warn: () => {} };
const city = async (cache: OrderReadCache) => (await cache.getOrder('cust_alice', 'A-1042'))?.shipTo.city;

describe('get_order reads remembered while no order changes', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openSeededDatabase(pglite, NOW);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('answers a repeat from memory, and reads again once a change is notified', async () => {
    const { db, state } = observed(database.db, { listen: true });
    const cache = await OrderReadCache.open({ db, log: quiet });
    const before = await city(cache);
    expect(await city(cache)).toBe(before);
    expect(state.orderReads).toBe(1);
    // Only the customer's own orders: someone else asking for it gets nothing, copy or not.
    expect(await cache.getOrder('cust_bob', 'A-1042')).toBeNull();

    await database.db.query(`UPDATE orders SET ship_city = 'Notifiedville' WHERE order_number = 'A-1042'`);
    const deadline = Date.now() + ORDER_READ_CACHE_DEFAULTS.staleAfterMs * 5;
    while ((await city(cache)) !== 'Notifiedville') {
      if (Date.now() > deadline) throw new Error('the change never showed');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });

  it('without notifications, a version check finds the change; past the bound, orders are read afresh', async () => {
    const { db, state } = observed(database.db, { listen: false });
    let clock = 1_000_000;
    const cache = await OrderReadCache.open({ db, log: quiet, now: () => clock });
    await city(cache);
    await city(cache);
    expect(state.orderReads).toBe(1);

    await database.db.query(`UPDATE orders SET ship_city = 'Checkedtown' WHERE order_number = 'A-1042'`);
    clock += ORDER_READ_CACHE_DEFAULTS.checkAfterMs + 1;
    await city(cache); // may still be the copy (inside the bound), and starts a version check
    await cache.check();
    expect(await city(cache)).toBe('Checkedtown');

    // The version can no longer be read: once the bound has passed, every call reads the order itself.
    state.versionFails = true;
    clock += ORDER_READ_CACHE_DEFAULTS.staleAfterMs + 1;
    const reads = state.orderReads;
    await city(cache);
    await city(cache);
    expect(state.orderReads).toBe(reads + 2);
  });

  it('hands out copies nobody can change', async () => {
    const cache = await OrderReadCache.open({ db: database.db, log: quiet });
    await cache.getOrder('cust_alice', 'A-1042');
    const copy = await cache.getOrder('cust_alice', 'A-1042');
    if (!copy) throw new Error('A-1042 not found');
    expect(() => {
      (copy.lines as unknown[]).push({});
    }).toThrow(TypeError);
  });
});
