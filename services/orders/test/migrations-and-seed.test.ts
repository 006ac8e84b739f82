import type { Database } from '@shopchat/postgres';
import { useSuiteDatabase } from '@shopchat/postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoData } from '../src/db/demo/build-demo-data.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDemoData } from '../src/db/seed.ts';
import { ORDER_STATUSES } from '../src/orders/order-status.ts';
import { testBackends } from './support/test-databases.ts';

const NOW = new Date('2025-06-15T12:00:00Z');
const DAY_MS = 86_400_000;
const backends = await testBackends();

describe('buildDemoData', () => {
  it('is deterministic for a given moment', () => {
    expect(JSON.stringify(buildDemoData(NOW))).toBe(JSON.stringify(buildDemoData(NOW)));
  });

  it('dates everything relative to now and never in the future', () => {
    for (const now of [NOW, new Date('2024-03-01T00:05:00Z'), new Date('2026-01-31T23:59:00Z')]) {
      for (const order of buildDemoData(now).orders) {
        const moments = [order.placedAt, order.paidAt, order.shippedAt, order.deliveredAt, order.cancelledAt];
        for (const moment of moments) if (moment) expect(moment.getTime()).toBeLessThanOrEqual(now.getTime());
        for (const event of order.shipments.flatMap((shipment) => shipment.events)) {
          expect(event.occurredAt.getTime()).toBeLessThanOrEqual(now.getTime());
        }
      }
    }
  });
});

describe.each(backends)('migrations and seed on $name', (backend) => {
  describe.skipIf(!backend.available)('in a database of its own', () => {
    let db: Database;
    useSuiteDatabase(backend, { beforeAll, afterAll }, (opened) => {
      db = opened;
    });

    it('applies every migration once, then nothing', async () => {
      const first = await migrate(db);
      expect(first.applied).toEqual([
        '0001_customers-and-orders',
        '0002_shipments',
        '0003_returns',
        '0004_tool-call-receipts',
        '0005_order-data-version',
      ]);
      const second = await migrate(db);
      expect(second).toEqual({ schema: first.schema, applied: [] });
    });

    it('enforces the order invariants in the schema itself', async () => {
      const insertOrder = (status: string, total: number, cancelledAt: string | null) =>
        db.query(
          `INSERT INTO orders (order_number, customer_id, status, subtotal_minor, shipping_minor, total_minor,
             payment_method, placed_at, cancelled_at, ship_name, ship_line1, ship_postal_code, ship_city, ship_country)
           VALUES ('Z-999', 'cust_check', $1, 1000, 0, $2, 'card', now(), $3, 'N', 'L', 'P', 'C', 'DE')`,
          [status, total, cancelledAt],
        );
      await db.query(
        `INSERT INTO customers (id, name, email, country) VALUES ('cust_check', 'Check', 'check@example.com', 'DE')`,
      );
      await expect(insertOrder('lost', 1000, null)).rejects.toThrow(/check constraint/);
      await expect(insertOrder('placed', 999, null)).rejects.toThrow(/orders_total_adds_up/);
      await expect(insertOrder('placed', 1000, '2025-01-01T00:00:00Z')).rejects.toThrow(/orders_cancelled_iff_date/);
      await db.query(`DELETE FROM customers WHERE id = 'cust_check'`);
    });

    it('seeds at least 25 customers and 150 orders in every state', async () => {
      const report = await seedDemoData(db, { now: NOW });
      expect(report.seeded).toBe(true);
      expect(report.customers).toBeGreaterThanOrEqual(25);
      expect(report.orders).toBeGreaterThanOrEqual(150);
      const states = await db.query<{ status: string }>('SELECT DISTINCT status FROM orders ORDER BY status');
      expect(states.map((row) => row.status).sort()).toEqual([...ORDER_STATUSES].sort());
    });

    it('gives every order 1–4 lines and every parcel 2–6 scans', async () => {
      const [lines] = await db.query<{ min: number; max: number }>(
        'SELECT min(n)::int AS min, max(n)::int AS max FROM (SELECT count(*) AS n FROM order_lines GROUP BY order_id) c',
      );
      expect(lines).toEqual({ min: 1, max: 4 });
      const [events] = await db.query<{ min: number; max: number }>(
        'SELECT min(n)::int AS min, max(n)::int AS max FROM (SELECT count(*) AS n FROM tracking_events GROUP BY shipment_id) c',
      );
      expect(events).toEqual({ min: 2, max: 6 });
      const [orphans] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM orders o WHERE o.status IN ('packed', 'shipped', 'delivered', 'returned')
         AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.id)`,
      );
      expect(orphans?.n).toBe(0);
    });

    it('changes nothing when run again', async () => {
      const before = await fingerprint(db);
      const report = await seedDemoData(db, { now: new Date(NOW.getTime() + 3 * DAY_MS) });
      expect(report.seeded).toBe(false);
      expect(await fingerprint(db)).toEqual(before);
    });

    it('has the demo orders the scenarios rely on, dated from now', async () => {
      const orders = await db.query<{
        order_number: string;
        customer_id: string;
        status: string;
        delivered_at: Date | null;
        placed_at: Date;
      }>(
        `SELECT order_number, customer_id, status, delivered_at, placed_at FROM orders
         WHERE customer_id IN ('cust_alice', 'cust_bob') ORDER BY placed_at DESC`,
      );
      const byNumber = new Map(orders.map((order) => [order.order_number, order]));
      const daysAgo = (date: Date | null | undefined) =>
        date ? (NOW.getTime() - date.getTime()) / DAY_MS : Number.NaN;

      expect(byNumber.get('A-1042')).toMatchObject({ customer_id: 'cust_alice', status: 'shipped' });
      expect(byNumber.get('A-1031')).toMatchObject({ customer_id: 'cust_alice', status: 'delivered' });
      expect(daysAgo(byNumber.get('A-1031')?.delivered_at)).toBeCloseTo(10, 0);
      expect(byNumber.get('A-1007')).toMatchObject({ customer_id: 'cust_alice', status: 'delivered' });
      expect(daysAgo(byNumber.get('A-1007')?.delivered_at)).toBeGreaterThan(200);

      const alices = orders.filter((order) => order.customer_id === 'cust_alice');
      expect(alices[0]).toMatchObject({ order_number: 'A-1049', status: 'paid' });
      const lastMonth = alices.filter((order) => order.placed_at.toISOString().startsWith('2025-05'));
      expect(lastMonth.map((order) => order.order_number)).toEqual(expect.arrayContaining(['A-1026', 'A-1028']));

      const bobs = orders.filter((order) => order.customer_id === 'cust_bob');
      expect(new Set(bobs.map((order) => order.status)).size).toBeGreaterThanOrEqual(4);
      expect(bobs.some((order) => order.status === 'placed' || order.status === 'paid')).toBe(true);
      expect(bobs.some((order) => order.status === 'delivered' && daysAgo(order.delivered_at) < 30)).toBe(true);

      const items = await db.query<{ order_number: string; product_name: string }>(
        `SELECT o.order_number, l.product_name FROM order_lines l JOIN orders o ON o.id = l.order_id
         WHERE o.order_number IN ('A-1031', 'A-1007')`,
      );
      expect(items).toContainEqual({ order_number: 'A-1031', product_name: 'Trailblazer GTX Hiking Boots' });
      expect(items).toContainEqual({ order_number: 'A-1007', product_name: 'Stormline 2.5L Rain Jacket' });
    });

    it('numbers every order like A-1042', async () => {
      const [bad] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM orders WHERE order_number !~ '^A-[0-9]{4}$'`,
      );
      expect(bad?.n).toBe(0);
    });
  });
});

/** Row counts and sums of every table: equal fingerprints mean nothing was added or rewritten. */
async function fingerprint(db: Database) {
  return db.query(
    `SELECT (SELECT count(*) FROM customers)::int AS customers,
       (SELECT count(*) FROM orders)::int AS orders,
       (SELECT sum(total_minor) FROM orders)::int AS totals,
       (SELECT string_agg(order_number || status || placed_at::text, ',' ORDER BY order_number) FROM orders) AS states,
       (SELECT count(*) FROM order_lines)::int AS lines,
       (SELECT count(*) FROM shipments)::int AS shipments,
       (SELECT count(*) FROM tracking_events)::int AS events,
       (SELECT count(*) FROM returns)::int AS returns,
       (SELECT count(*) FROM return_lines)::int AS return_lines`,
  );
}
