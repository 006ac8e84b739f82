import type { Database } from '@shopchat/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrderRepository, type OrderRepository } from '../src/orders/order-repository.ts';
import { openSeededDatabase, type TestDatabase, testBackends } from './support/test-databases.ts';

const NOW = new Date('2025-06-15T12:00:00Z');
const DAY_MS = 86_400_000;
const ALICE = 'cust_alice';
const BOB = 'cust_bob';
/** Strings that would do damage if they ever reached SQL text instead of a parameter. */
const INJECTIONS = [
  "A-1042' OR '1'='1",
  "'; DROP TABLE orders; --",
  'A-1042; UPDATE orders SET status = $$cancelled$$',
  "' UNION SELECT * FROM customers --",
];
const backends = await testBackends();

describe.each(backends)('order repository on $name', (backend) => {
  describe.skipIf(!backend.available)('with the demo data', () => {
    let opened: TestDatabase | undefined;
    let db: Database;
    let repo: OrderRepository;
    let codes = 0;

    beforeAll(async () => {
      opened = await openSeededDatabase(backend, NOW);
      db = opened.db;
      repo = createOrderRepository(db, { newReturnCode: () => `RET-TEST${String(++codes).padStart(4, '0')}` });
    });
    afterAll(async () => {
      await opened?.dispose();
    });

    const statusOf = async (orderNumber: string) =>
      (await db.query<{ status: string }>('SELECT status FROM orders WHERE order_number = $1', [orderNumber]))[0]
        ?.status;

    describe('listOrders', () => {
      it("lists only the customer's own orders, newest first", async () => {
        const page = await repo.listOrders(ALICE, { limit: 20 });
        if (page.kind !== 'page') throw new Error('expected a page');
        expect(page.orders.map((order) => order.orderNumber)).toEqual([
          'A-1049',
          'A-1042',
          'A-1031',
          'A-1028',
          'A-1026',
          'A-1019',
          'A-1007',
        ]);
        expect(page.nextCursor).toBeNull();
        const bobs = await repo.listOrders(BOB, { limit: 20 });
        if (bobs.kind !== 'page') throw new Error('expected a page');
        expect(bobs.orders.map((order) => order.orderNumber)).not.toContain('A-1042');
      });

      it('pages with a cursor without skipping or repeating an order', async () => {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < 10; pages++) {
          const page = await repo.listOrders(ALICE, { limit: 2, ...(cursor ? { cursor } : {}) });
          if (page.kind !== 'page') throw new Error('expected a page');
          seen.push(...page.orders.map((order) => order.orderNumber));
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        expect(seen).toEqual(['A-1049', 'A-1042', 'A-1031', 'A-1028', 'A-1026', 'A-1019', 'A-1007']);
      });

      it('filters by status and placement date', async () => {
        const lastMonth = await repo.listOrders(ALICE, {
          limit: 20,
          placedAfter: new Date('2025-05-01T00:00:00Z'),
          placedBefore: new Date('2025-06-01T00:00:00Z'),
        });
        if (lastMonth.kind !== 'page') throw new Error('expected a page');
        expect(lastMonth.orders.map((order) => order.orderNumber)).toEqual(
          expect.arrayContaining(['A-1028', 'A-1026']),
        );
        for (const order of lastMonth.orders) expect(order.placedAt.toISOString()).toMatch(/^2025-05/);

        const shipped = await repo.listOrders(ALICE, { limit: 20, status: 'shipped' });
        expect(shipped).toMatchObject({ kind: 'page', orders: [{ orderNumber: 'A-1042', status: 'shipped' }] });
      });

      it('gives totals and item counts', async () => {
        const page = await repo.listOrders(ALICE, { limit: 3 });
        expect(page).toMatchObject({
          kind: 'page',
          orders: [{}, {}, { orderNumber: 'A-1031', itemCount: 3, totalMinor: 14995 + 2 * 1995, currency: 'EUR' }],
        });
      });

      it('rejects a cursor it did not make', async () => {
        for (const cursor of [
          'nonsense',
          Buffer.from('{"t":"x","n":"A-1"}').toString('base64url'),
          INJECTIONS[0] ?? '',
        ]) {
          expect(await repo.listOrders(ALICE, { limit: 5, cursor })).toEqual({ kind: 'invalid_cursor' });
        }
      });
    });

    describe('getOrder and getShipmentTracking', () => {
      it('returns an order with its lines and totals that add up', async () => {
        const order = await repo.getOrder(ALICE, 'A-1031');
        expect(order).toMatchObject({ orderNumber: 'A-1031', status: 'delivered', currency: 'EUR' });
        expect(order?.lines).toEqual([
          expect.objectContaining({ sku: 'BOOT-TRB-42-BRO', size: 'EU 42', quantity: 1, unitPriceMinor: 14995 }),
          expect.objectContaining({ productName: 'Merino Hiking Socks (2-pack)', quantity: 2, unitPriceMinor: 1995 }),
        ]);
        const lineSum = order?.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
        expect(order?.subtotalMinor).toBe(lineSum);
        expect(order?.totalMinor).toBe((order?.subtotalMinor ?? 0) + (order?.shippingMinor ?? 0));
      });

      it("treats another customer's order exactly like one that does not exist", async () => {
        expect(await repo.getOrder(BOB, 'A-1042')).toBeNull();
        expect(await repo.getOrder(BOB, 'A-9999')).toBeNull();
        expect(await repo.getShipmentTracking(BOB, 'A-1042')).toBeNull();
        expect(await repo.getShipmentTracking(BOB, 'A-9999')).toBeNull();
        expect(await repo.cancelOrder(BOB, 'A-1049', NOW)).toEqual({ kind: 'not_found' });
        expect(await repo.cancelOrder(BOB, 'A-9999', NOW)).toEqual({ kind: 'not_found' });
        const boots = [{ sku: 'BOOT-TRB-42-BRO', quantity: 1 }];
        expect(await repo.startReturn(BOB, 'A-1031', boots, { code: 'too_small' }, NOW)).toEqual({ kind: 'not_found' });
        expect(await repo.startReturn(BOB, 'A-9999', boots, { code: 'too_small' }, NOW)).toEqual({ kind: 'not_found' });
        expect(await statusOf('A-1049')).toBe('paid');
      });

      it('tracks a parcel in transit, newest scan first', async () => {
        const tracking = await repo.getShipmentTracking(ALICE, 'A-1042');
        expect(tracking).toMatchObject({ orderNumber: 'A-1042', orderStatus: 'shipped' });
        const [parcel] = tracking?.shipments ?? [];
        expect(parcel).toMatchObject({ carrier: 'DHL', status: 'in_transit', deliveredAt: null });
        expect(parcel?.trackingUrl).toMatch(/^https:\/\/www\.dhl\.com\/.*tracking-id=\d+$/);
        expect(parcel?.estimatedDelivery).toBe('2025-06-17');
        const times = parcel?.events.map((event) => event.occurredAt.getTime()) ?? [];
        expect(times.length).toBeGreaterThanOrEqual(3);
        expect(times).toEqual([...times].sort((a, b) => b - a));
      });

      it('has no parcel before the order is packed', async () => {
        expect(await repo.getShipmentTracking(ALICE, 'A-1049')).toMatchObject({ orderStatus: 'paid', shipments: [] });
      });
    });

    describe('cancelOrder', () => {
      it('cancels a paid order once, refunds it, and reports a repeat as harmless', async () => {
        const first = await repo.cancelOrder(ALICE, 'A-1049', NOW);
        expect(first).toEqual({
          kind: 'cancelled',
          orderNumber: 'A-1049',
          cancelledAt: NOW,
          payment: { kind: 'refund', amountMinor: 9995 + 5995, currency: 'EUR', method: 'card', withinDays: 10 },
        });
        const later = new Date(NOW.getTime() + DAY_MS);
        const again = await repo.cancelOrder(ALICE, 'A-1049', later);
        expect(again).toEqual({ ...first, kind: 'already_cancelled' });
        expect(await statusOf('A-1049')).toBe('cancelled');
      });

      it('says nothing was charged for an order still awaiting payment', async () => {
        expect(await repo.cancelOrder(BOB, 'A-1045', NOW)).toMatchObject({
          kind: 'cancelled',
          payment: { kind: 'not_charged', method: 'bank_transfer' },
        });
      });

      it('refuses orders that have left the placed and paid states, changing nothing', async () => {
        expect(await repo.cancelOrder(BOB, 'A-1040', NOW)).toEqual({
          kind: 'not_cancellable',
          orderNumber: 'A-1040',
          status: 'packed',
        });
        expect(await repo.cancelOrder(ALICE, 'A-1042', NOW)).toMatchObject({
          kind: 'not_cancellable',
          status: 'shipped',
        });
        expect(await repo.cancelOrder(ALICE, 'A-1031', NOW)).toMatchObject({
          kind: 'not_cancellable',
          status: 'delivered',
        });
        expect(await repo.cancelOrder(ALICE, 'A-1019', NOW)).toMatchObject({
          kind: 'not_cancellable',
          status: 'returned',
        });
        expect([await statusOf('A-1040'), await statusOf('A-1042')]).toEqual(['packed', 'shipped']);
      });

      it('lets exactly one of two simultaneous cancels win', async () => {
        const [target] = await db.query<{ customer_id: string; order_number: string }>(
          `SELECT customer_id, order_number FROM orders
           WHERE status = 'paid' AND customer_id NOT IN ($1, $2) ORDER BY order_number LIMIT 1`,
          [ALICE, BOB],
        );
        if (!target) throw new Error('the seed has no paid order of another customer');
        const results = await Promise.all(
          [0, 1, 2].map(() => repo.cancelOrder(target.customer_id, target.order_number, NOW)),
        );
        expect(results.map((result) => result.kind).sort()).toEqual([
          'already_cancelled',
          'already_cancelled',
          'cancelled',
        ]);
      });
    });

    describe('startReturn', () => {
      const boots = [{ sku: 'BOOT-TRB-42-BRO', quantity: 1 }];

      it('refuses a return once the 30-day window has closed', async () => {
        const order = await repo.getOrder(ALICE, 'A-1031');
        const deliveredAt = order?.deliveredAt ?? new Date(0);
        const justAfter = new Date(deliveredAt.getTime() + 30 * DAY_MS + 1);
        expect(await repo.startReturn(ALICE, 'A-1031', boots, { code: 'too_small' }, justAfter)).toEqual({
          kind: 'outside_window',
          orderNumber: 'A-1031',
          deliveredAt,
          windowEnd: new Date(deliveredAt.getTime() + 30 * DAY_MS),
        });
        expect(
          await repo.startReturn(ALICE, 'A-1007', [{ sku: 'JKT-STM-M-NAV', quantity: 1 }], { code: 'defective' }, NOW),
        ).toMatchObject({
          kind: 'outside_window',
        });
      });

      it('refuses orders that are not delivered', async () => {
        expect(
          await repo.startReturn(
            ALICE,
            'A-1042',
            [{ sku: 'TNT-CIR2-GRE', quantity: 1 }],
            { code: 'changed_mind' },
            NOW,
          ),
        ).toEqual({
          kind: 'not_returnable',
          orderNumber: 'A-1042',
          status: 'shipped',
        });
        expect(
          await repo.startReturn(
            ALICE,
            'A-1019',
            [{ sku: 'SHOE-TRR-41-BLU', quantity: 1 }],
            { code: 'too_large' },
            NOW,
          ),
        ).toMatchObject({
          kind: 'not_returnable',
          status: 'returned',
        });
      });

      it('refuses unknown SKUs and more units than were bought, writing nothing', async () => {
        const before = await returnCount();
        const result = await repo.startReturn(
          ALICE,
          'A-1031',
          [
            { sku: 'SCK-HIK-39-42-GRE', quantity: 3 },
            { sku: 'BOOT-XXX', quantity: 1 },
          ],
          { code: 'too_small' },
          NOW,
        );
        expect(result).toEqual({
          kind: 'invalid_items',
          orderNumber: 'A-1031',
          details: [
            { sku: 'SCK-HIK-39-42-GRE', problem: 'too_many', requested: 3, returnable: 2 },
            { sku: 'BOOT-XXX', problem: 'not_in_order' },
          ],
        });
        expect(await returnCount()).toBe(before);
      });

      it('starts a return within the window, then counts it against what is left', async () => {
        const started = await repo.startReturn(
          ALICE,
          'A-1031',
          [...boots, { sku: 'SCK-HIK-39-42-GRE', quantity: 1 }],
          { code: 'too_small', comment: 'Half a size too small' },
          NOW,
        );
        expect(started).toMatchObject({
          kind: 'started',
          orderNumber: 'A-1031',
          refundMinor: 14995 + 1995,
          currency: 'EUR',
          labelCarrier: 'UPS',
          labelCode: expect.stringMatching(/^RET-TEST\d{4}$/),
          rma: expect.stringMatching(/^RMA-\d{6}$/),
          shipBackBy: new Date(NOW.getTime() + 14 * DAY_MS),
          items: [
            { sku: 'BOOT-TRB-42-BRO', productName: 'Trailblazer GTX Hiking Boots', quantity: 1, refundMinor: 14995 },
            { sku: 'SCK-HIK-39-42-GRE', productName: 'Merino Hiking Socks (2-pack)', quantity: 1, refundMinor: 1995 },
          ],
        });
        if (started.kind !== 'started') throw new Error('expected a started return');
        expect(started.instructions.join(' ')).toContain(started.labelCode);

        expect(await repo.startReturn(ALICE, 'A-1031', boots, { code: 'too_small' }, NOW)).toMatchObject({
          kind: 'invalid_items',
          details: [{ sku: 'BOOT-TRB-42-BRO', problem: 'too_many', returnable: 0 }],
        });
        expect(
          await repo.startReturn(
            ALICE,
            'A-1031',
            [{ sku: 'SCK-HIK-39-42-GRE', quantity: 1 }],
            { code: 'too_small' },
            NOW,
          ),
        ).toMatchObject({
          kind: 'started',
        });
        const order = await repo.getOrder(ALICE, 'A-1031');
        expect(order?.lines.map((line) => line.returnedQuantity)).toEqual([1, 2]);
        expect(order?.returns).toHaveLength(2);
      });

      it('answers a call repeated with its idempotency key with the first return, started once', async () => {
        const unknown = [{ sku: 'NOT-IN-ORDER', quantity: 1 }];
        const before = await returnCount();
        const key = 'turn-7f3a:toolu_01:start_return';
        const [first, ...repeats] = await Promise.all(
          [0, 1, 2].map(() => repo.startReturn(BOB, 'A-1036', unknown, { code: 'too_small' }, NOW, key)),
        );
        // A failure leaves no receipt, so the same key still starts the return once it is valid.
        expect(first).toMatchObject({ kind: 'invalid_items' });
        expect(repeats).toEqual([first, first]);

        const socks = [{ sku: 'SCK-HIK-43-46-GRE', quantity: 1 }];
        const results = await Promise.all(
          [0, 1, 2].map(() => repo.startReturn(BOB, 'A-1036', socks, { code: 'too_small' }, NOW, key)),
        );
        expect(results[0]).toMatchObject({ kind: 'started', items: [{ sku: 'SCK-HIK-43-46-GRE', quantity: 1 }] });
        expect(results[1]).toEqual(results[0]);
        expect(results[2]).toEqual(results[0]);
        expect(await returnCount()).toBe((before ?? 0) + 1);
        // The same key from another customer is not that customer's receipt: it finds their order, not Bob's.
        expect(await repo.startReturn(ALICE, 'A-1036', socks, { code: 'too_small' }, NOW, key)).toEqual({
          kind: 'not_found',
        });
        // Without the key, a second call is a second return (and here nothing is left to return).
        expect(await repo.startReturn(BOB, 'A-1036', socks, { code: 'too_small' }, NOW)).toMatchObject({
          kind: 'invalid_items',
          details: [{ sku: 'SCK-HIK-43-46-GRE', problem: 'too_many', returnable: 0 }],
        });
      });

      it('lets a returnable order of Bob be returned', async () => {
        expect(
          await repo.startReturn(BOB, 'A-1036', [{ sku: 'BOOT-SUM-44-BLA', quantity: 1 }], { code: 'too_large' }, NOW),
        ).toMatchObject({
          kind: 'started',
          refundMinor: 17995,
        });
      });
    });

    describe('input that looks like SQL', () => {
      it('is only ever data: nothing found, nothing changed', async () => {
        const before = await snapshot();
        for (const text of INJECTIONS) {
          expect(await repo.getOrder(ALICE, text)).toBeNull();
          expect(await repo.getShipmentTracking(ALICE, text)).toBeNull();
          expect(await repo.cancelOrder(ALICE, text, NOW)).toEqual({ kind: 'not_found' });
          expect(await repo.startReturn(ALICE, text, [{ sku: 'X-1', quantity: 1 }], { code: 'other' }, NOW)).toEqual({
            kind: 'not_found',
          });
          expect(await repo.listOrders(text, { limit: 5 })).toEqual({ kind: 'page', orders: [], nextCursor: null });
          expect(await repo.startReturn(BOB, 'A-1036', [{ sku: text, quantity: 1 }], { code: 'other' }, NOW)).toEqual({
            kind: 'invalid_items',
            orderNumber: 'A-1036',
            details: [{ sku: text, problem: 'not_in_order' }],
          });
        }
        expect(await snapshot()).toEqual(before);
      });

      it('is stored verbatim when it is a return comment', async () => {
        const comment = INJECTIONS[1] ?? '';
        const started = await repo.startReturn(
          BOB,
          'A-1036',
          [{ sku: 'ACC-LAMP-BLA', quantity: 1 }],
          { code: 'other', comment },
          NOW,
        );
        if (started.kind !== 'started') throw new Error('expected a started return');
        const [stored] = await db.query<{ comment: string }>('SELECT comment FROM returns WHERE id = $1', [
          started.returnId,
        ]);
        expect(stored?.comment).toBe(comment);
        expect((await snapshot()).orders).toBeGreaterThan(0);
      });
    });

    async function returnCount() {
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM returns');
      return row?.n;
    }

    async function snapshot() {
      const [row] = await db.query<{ orders: number; cancelled: number; returns: number; customers: number }>(
        `SELECT (SELECT count(*) FROM orders)::int AS orders,
           (SELECT count(*) FROM orders WHERE status = 'cancelled')::int AS cancelled,
           (SELECT count(*) FROM returns)::int AS returns,
           (SELECT count(*) FROM customers)::int AS customers`,
      );
      return row ?? { orders: 0 };
    }
  });
});
