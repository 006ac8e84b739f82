import {
  answerHostileCalls,
  describeFuzzReport,
  type FuzzCaller,
  type FuzzedTool,
  fuzzServerTools,
  fuzzTestTimeoutMs,
  type HostileCall,
  ODD_UNICODE,
  postOversizedToolCall,
} from '@shopchat/mcp-service/testing';
import type { Database } from '@shopchat/postgres';
import { describe, expect, it } from 'vitest';
import { databaseFingerprint } from './support/database-fingerprint.ts';
import { serveSeededOrders } from './support/serve-seeded-orders.ts';
import { testBackends } from './support/test-databases.ts';

const NOW = new Date('2026-11-20T10:00:00Z');
const backends = await testBackends();

const SQL_INJECTION = [
  "' OR '1'='1",
  "A-1042' OR '1'='1",
  "A-1042'; DROP TABLE orders; --",
  'A-1042" OR 1=1 --',
  "1; DELETE FROM orders WHERE '1'='1",
  "A-1042' UNION SELECT id, email FROM customers --",
  "%' OR customer_id LIKE '%",
  "\\'; TRUNCATE returns CASCADE; --",
  "cust_bob'--",
];
const STRINGS = [...SQL_INJECTION, ...ODD_UNICODE, 'x'.repeat(10_000)];
const WRONG_TYPES = [1042, null, true, [], {}, ['A-1042'], { $ne: null }, -1, 1e308];

const CUSTOMERS = ['cust_alice', 'cust_bob'] as const;

/** What one customer owns, read from the database: their values, and what nobody else may ever see. */
interface CustomerRecords {
  values: string[];
  secrets: string[];
}

async function customerRecords(db: Database, customerId: string): Promise<CustomerRecords> {
  const [customer] = await db.query<{ name: string; email: string }>(
    'SELECT name, email FROM customers WHERE id = $1',
    [customerId],
  );
  const orders = await db.query<{ order_number: string; ship_line1: string }>(
    'SELECT order_number, ship_line1 FROM orders WHERE customer_id = $1',
    [customerId],
  );
  const skus = await db.query<{ sku: string }>(
    'SELECT DISTINCT l.sku FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.customer_id = $1',
    [customerId],
  );
  const tracking = await db.query<{ tracking_number: string }>(
    'SELECT s.tracking_number FROM shipments s JOIN orders o ON o.id = s.order_id WHERE o.customer_id = $1',
    [customerId],
  );
  return {
    values: [...orders.map((o) => o.order_number), ...skus.map((s) => s.sku)],
    secrets: [
      customerId,
      customer?.name ?? customerId,
      customer?.email ?? customerId,
      ...new Set(orders.map((o) => o.ship_line1)),
      ...tracking.map((t) => t.tracking_number),
    ],
  };
}

/** Every way a model or an attacker could shape the arguments of each tool. */
function hostileCalls(): HostileCall[] {
  const calls: HostileCall[] = [];
  for (const value of [...STRINGS, ...WRONG_TYPES]) {
    calls.push(['get_order', { order_number: value }]);
    calls.push(['track_shipment', { order_number: value }]);
    calls.push(['cancel_order', { order_number: value }]);
    calls.push([
      'start_return',
      { order_number: value, items: [{ sku: 'BOOT-TRB-42-BRN', quantity: 1 }], reason: 'too_small' },
    ]);
    calls.push(['start_return', { order_number: 'A-1031', items: [{ sku: value, quantity: 1 }], reason: 'too_small' }]);
    calls.push([
      'start_return',
      { order_number: 'A-1031', items: [{ sku: 'BOOT-TRB-42-BRN', quantity: 1 }], reason: value },
    ]);
    calls.push([
      'start_return',
      { order_number: 'A-1031', items: [{ sku: 'BOOT-TRB-42-BRN', quantity: value }], reason: 'too_small' },
    ]);
    calls.push(['start_return', { order_number: 'A-1031', items: value, reason: 'too_small' }]);
    calls.push(['list_my_orders', { status: value }]);
    calls.push(['list_my_orders', { cursor: value }]);
    calls.push(['list_my_orders', { limit: value }]);
    calls.push(['list_my_orders', { placed_after: value }]);
  }
  // Fields the schema does not have: above all, an attempt to name another customer.
  calls.push(['get_order', { order_number: 'A-1042', customer_id: 'cust_bob' }]);
  calls.push(['list_my_orders', { customerId: 'cust_alice' }]);
  calls.push(['cancel_order', { order_number: 'A-1042', force: true }]);
  calls.push(['get_order', JSON.parse('{"order_number":"A-1042","__proto__":{"admin":true}}')]);
  calls.push([
    'start_return',
    {
      order_number: 'A-1031',
      items: Array.from({ length: 500 }, () => ({ sku: 'X', quantity: 1 })),
      reason: 'too_small',
    },
  ]);
  return calls;
}

describe.each(backends)('orders MCP server under hostile input on $name', (backend) => {
  const { database, orders } = serveSeededOrders(backend, { now: NOW });

  it.skipIf(!backend.available)(
    'answers every hostile call with a clear error, changes nothing, and keeps serving',
    async () => {
      const before = await databaseFingerprint(database.db);
      const calls = hostileCalls();
      // Bob is signed in and attacks, so the handler's own checks are reached, not only the sign-in gate.
      const codes = await answerHostileCalls(
        calls,
        (tool, args) => orders.call(tool, args, 'cust_bob'),
        ({ label, result, body }) => {
          expect(body, label).not.toMatch(/at .*\.ts:\d+|syntax error|SQLSTATE|relation "|stack/i);
          // Nothing of Alice's reaches Bob, whatever he sends.
          expect(body, label).not.toMatch(/Alice|cust_alice|A-1042.*DHL/);
          if (result.isError) expect(result.content[0]?.text?.length, label).toBeGreaterThan(10);
        },
      );
      expect(calls.length).toBeGreaterThan(300);
      // The only successful calls are Bob listing his own orders with harmless filters.
      expect(
        [...codes.keys()].every((c) => ['ok', 'invalid_arguments', 'order_not_found', 'invalid_cursor'].includes(c)),
      ).toBe(true);
      expect(await databaseFingerprint(database.db)).toBe(before);
      expect((await orders.client.ping()) ?? {}).toEqual({});
    },
  );

  it.skipIf(!backend.available)('refuses an oversized body with 413 and stays up', async () => {
    const refused = await postOversizedToolCall(orders.url, 'get_order', 'order_number');
    expect(refused.status).toBe(413);
    expect(refused.text).not.toMatch(/stack|\.ts:/);
    expect((await orders.call('track_shipment', { order_number: 'A-1042' }, 'cust_alice')).isError).toBeFalsy();
  });

  // Property-based: arguments generated from each listed tool's own schema (so a new tool is covered
  // without a change here), by Alice, Bob and an anonymous visitor, previews included.
  it.skipIf(!backend.available)(
    'answers generated calls to every tool cleanly, never shows one customer another’s data, and changes nothing it refuses',
    async () => {
      const records = new Map<string, CustomerRecords>();
      for (const id of CUSTOMERS) records.set(id, await customerRecords(database.db, id));
      const others = (caller: FuzzCaller) => CUSTOMERS.filter((id) => id !== caller).map((id) => records.get(id));
      const { tools } = await orders.client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('cancel_order');

      const report = await fuzzServerTools({
        tools: tools as FuzzedTool[],
        callers: [...CUSTOMERS, undefined],
        call: (name, args, caller, preview) => orders.call(name, args, caller, { preview }),
        fingerprint: () => databaseFingerprint(database.db),
        ping: () => orders.client.ping(),
        values: (caller) => ({
          own: caller ? (records.get(caller)?.values ?? []) : [],
          foreign: others(caller).flatMap((other) => other?.values ?? []),
        }),
        secrets: (caller) => others(caller).flatMap((other) => other?.secrets ?? []),
      });
      // biome-ignore lint/suspicious/noConsole: the summary line is this test's report
      console.log(describeFuzzReport(`orders tools on ${backend.name}`, report));
      expect(report.problems).toEqual([]);
      expect(report.tried).toBeGreaterThanOrEqual(tools.length * 20);
      // The generated calls reach past validation into the handlers' own refusals and successes.
      expect(Object.keys(report.outcomes)).toEqual(
        expect.arrayContaining(['ok', 'preview', 'invalid_arguments', 'order_not_found', 'sign_in_required']),
      );
    },
    fuzzTestTimeoutMs(),
  );
});
