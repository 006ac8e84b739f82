import { CUSTOMER_TOKEN_META_KEY, ERROR_CODE_META_KEY, listToolFiles, PREVIEW_META_KEY } from '@shopchat/mcp-service';
import { createTestIdentity, type TestIdentity } from '@shopchat/mcp-service/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_TOOLS_FOLDER } from '../src/create-orders-service.ts';
import { databaseFingerprint } from './support/database-fingerprint.ts';
import { type RunningOrders, startOrdersService, type ToolResult } from './support/start-orders-service.ts';
import { openSeededDatabase, type TestDatabase, testBackends } from './support/test-databases.ts';

const NOW = new Date('2026-11-20T10:00:00Z');
const backends = await testBackends();
const code = (result: ToolResult) => result._meta?.[ERROR_CODE_META_KEY];
const text = (result: ToolResult) => result.content.map((c) => c.text ?? '').join('\n');

describe.each(backends)('orders MCP server over HTTP on $name', (backend) => {
  let database: TestDatabase;
  let identity: TestIdentity;
  let orders: RunningOrders;

  beforeAll(async () => {
    database = await openSeededDatabase(backend, NOW);
    identity = await createTestIdentity();
    orders = await startOrdersService(database.db, identity, () => NOW);
  });
  afterAll(async () => {
    await orders?.stop();
    await database?.dispose();
  });

  it.skipIf(!backend.available)(
    'lists a tool per tool file, marks the two that change orders as destructive',
    async () => {
      const { tools } = await orders.client.listTools();
      // Derived from the folder, not pinned: a tool file added to src/tools is served with no edit here.
      expect(tools).toHaveLength((await listToolFiles(ORDER_TOOLS_FOLDER)).length);
      const hints = Object.fromEntries(tools.map((t) => [t.name, t.annotations?.destructiveHint]));
      expect(hints).toMatchObject({
        list_my_orders: false,
        get_order: false,
        track_shipment: false,
        cancel_order: true,
        start_return: true,
      });
      // The model is never asked who the customer is: identity travels outside the arguments.
      for (const tool of tools) {
        const fields = Object.keys((tool.inputSchema as { properties?: object }).properties ?? {});
        expect(
          fields.filter((field) => /customer|user|account/i.test(field)),
          tool.name,
        ).toEqual([]);
      }
    },
  );

  it.skipIf(!backend.available)('tracks Alice’s parcel for Alice', async () => {
    const result = await orders.call('track_shipment', { order_number: 'A-1042' }, 'cust_alice');
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ order_number: 'A-1042' });
    expect(JSON.stringify(result.structuredContent)).toMatch(/DHL/);
  });

  it.skipIf(!backend.available)(
    'answers Bob about Alice’s order exactly as about a number that does not exist',
    async () => {
      for (const [tool, args] of [
        ['get_order', {}],
        ['track_shipment', {}],
        ['cancel_order', {}],
        ['start_return', { items: [{ sku: 'BOOT-TRB-42-BRN', quantity: 1 }], reason: 'too_small' }],
      ] as const) {
        const theirs = await orders.call(tool, { order_number: 'A-1042', ...args }, 'cust_bob');
        const missing = await orders.call(tool, { order_number: 'A-9999', ...args }, 'cust_bob');
        expect(theirs.isError, tool).toBe(true);
        expect(code(theirs)).toBe('order_not_found');
        expect(text(theirs).replace('A-1042', 'X')).toBe(text(missing).replace('A-9999', 'X'));
        expect(theirs.structuredContent).toBeUndefined();
      }
    },
  );

  it.skipIf(!backend.available)('asks an anonymous visitor to sign in and reveals nothing', async () => {
    for (const tool of ['list_my_orders', 'get_order', 'track_shipment', 'cancel_order', 'start_return']) {
      const result = await orders.call(tool, { order_number: 'A-1042' });
      expect(code(result)).toBe('sign_in_required');
      // The orders server's own wording: the model is told not to make order details up.
      expect(text(result)).toMatch(/Do not reveal or guess any order details/);
      expect(text(result)).not.toMatch(/A-1042|DHL|shipped/);
    }
  });

  it.skipIf(!backend.available)('refuses forged, expired and wrong-audience identity tokens', async () => {
    const attacker = await createTestIdentity();
    const now = Math.floor(Date.now() / 1000);
    const tokens = {
      forged: await attacker.signer.sign('cust_alice', 'orders'),
      expired: await identity.signRaw(
        { sub: 'cust_alice', aud: 'orders', iss: 'shopchat-host' },
        { issuedAt: now - 600, expiresAt: now - 540 },
      ),
      wrongAudience: await identity.signer.sign('cust_alice', 'products'),
    };
    for (const [label, token] of Object.entries(tokens)) {
      const result = (await orders.client.callTool({
        name: 'get_order',
        arguments: { order_number: 'A-1042' },
        _meta: { 'dev.shopchat/customer-token': token },
      })) as ToolResult;
      expect(code(result), label).toBe('identity_invalid');
      expect(text(result)).not.toMatch(/DHL|A-1042/);
    }
  });

  it.skipIf(!backend.available)('lists Alice’s orders newest first, filters by status, and pages', async () => {
    const all = await orders.call('list_my_orders', { limit: 3 }, 'cust_alice');
    const page = all.structuredContent as {
      orders: { order_number: string; placed_at: string }[];
      next_cursor: string | null;
    };
    expect(page.orders).toHaveLength(3);
    expect(page.orders[0]?.order_number).toBe('A-1049');
    const dates = page.orders.map((o) => o.placed_at);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(page.next_cursor).toBeTruthy();
    const next = await orders.call('list_my_orders', { limit: 3, cursor: page.next_cursor }, 'cust_alice');
    const nextNumbers = (next.structuredContent as typeof page).orders.map((o) => o.order_number);
    expect(nextNumbers.some((n) => page.orders.some((o) => o.order_number === n))).toBe(false);
    const delivered = await orders.call('list_my_orders', { status: 'delivered' }, 'cust_alice');
    const statuses = (delivered.structuredContent as { orders: { status: string }[] }).orders.map((o) => o.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['delivered']));
    const forged = await orders.call('list_my_orders', { cursor: 'eyJpZCI6MX0' }, 'cust_alice');
    expect(forged.isError).toBe(true);
  });

  it.skipIf(!backend.available)('cancels a paid order once; a repeated call is harmless', async () => {
    const first = await orders.call('cancel_order', { order_number: 'A-1049' }, 'cust_alice');
    expect(first.isError).toBeFalsy();
    expect(first.structuredContent).toMatchObject({ order_number: 'A-1049', status: 'cancelled' });
    expect(text(first)).toMatch(/refund/i);
    const after = await databaseFingerprint(database.db);
    const again = await orders.call('cancel_order', { order_number: 'A-1049' }, 'cust_alice');
    expect(again.isError).toBeFalsy();
    expect(text(again)).toMatch(/already/i);
    expect(await databaseFingerprint(database.db)).toBe(after);
    const shipped = await orders.call('cancel_order', { order_number: 'A-1042' }, 'cust_alice');
    expect(code(shipped)).toBe('order_not_cancellable');
  });

  it.skipIf(!backend.available)(
    'starts a return of delivered boots within the window, per item and quantity',
    async () => {
      const order = await orders.call('get_order', { order_number: 'A-1031' }, 'cust_alice');
      const boots = (order.structuredContent as { lines: { sku: string; product_name: string; quantity: number }[] })
        .lines[0];
      expect(boots?.quantity).toBe(1);
      const tooMany = await orders.call(
        'start_return',
        { order_number: 'A-1031', items: [{ sku: boots?.sku, quantity: 2 }], reason: 'too_small' },
        'cust_alice',
      );
      expect(tooMany.isError).toBe(true);
      const started = await orders.call(
        'start_return',
        { order_number: 'A-1031', items: [{ sku: boots?.sku, quantity: 1 }], reason: 'too_small' },
        'cust_alice',
      );
      expect(started.isError).toBeFalsy();
      expect(JSON.stringify(started.structuredContent)).toMatch(/RET-/);
      const again = await orders.call(
        'start_return',
        { order_number: 'A-1031', items: [{ sku: boots?.sku, quantity: 1 }], reason: 'too_small' },
        'cust_alice',
      );
      expect(again.isError).toBe(true);
      const outside = await orders.call(
        'start_return',
        { order_number: 'A-1007', items: [{ sku: 'ANY-SKU', quantity: 1 }], reason: 'defective' },
        'cust_alice',
      );
      expect(outside.isError).toBe(true);
    },
  );
});

describe.each(backends)('approval previews of the orders server on $name', (backend) => {
  let database: TestDatabase;
  let orders: RunningOrders;
  let identity: TestIdentity;
  beforeAll(async () => {
    database = await openSeededDatabase(backend, NOW);
    identity = await createTestIdentity();
    orders = await startOrdersService(database.db, identity, () => NOW);
  });
  afterAll(async () => {
    await orders?.stop();
    await database?.dispose();
  });

  it.skipIf(!backend.available)('say exactly what a cancellation or return would do, and change nothing', async () => {
    const before = await databaseFingerprint(database.db);
    const preview = async (name: string, args: unknown, customerId: string) =>
      (await orders.client.callTool({
        name,
        arguments: args as Record<string, unknown>,
        _meta: {
          [PREVIEW_META_KEY]: true,
          [CUSTOMER_TOKEN_META_KEY]: await identity.signer.sign(customerId, 'orders'),
        },
      })) as ToolResult;
    const cancel = await preview('cancel_order', { order_number: 'A-1049' }, 'cust_alice');
    expect(text(cancel)).toMatch(
      /^Cancel order A-1049: \d+ items?, €[\d,.]+; the €[\d,.]+ paid is refunded to the original payment method\.$/,
    );
    const shipped = await preview('cancel_order', { order_number: 'A-1042' }, 'cust_alice');
    expect(text(shipped)).toMatch(/can no longer be cancelled/);
    const order = await orders.call('get_order', { order_number: 'A-1031' }, 'cust_alice');
    const sku = (order.structuredContent as { lines: { sku: string }[] }).lines[0]?.sku;
    const ret = await preview(
      'start_return',
      { order_number: 'A-1031', items: [{ sku, quantity: 1 }], reason: 'too_small' },
      'cust_alice',
    );
    expect(text(ret)).toMatch(/^Return 1 × .+ from order A-1031; about €[\d,.]+ is refunded/);
    // Another customer's order is refused as one that does not exist is, so no approval card is shown for it.
    const bob = await preview('cancel_order', { order_number: 'A-1049' }, 'cust_bob');
    const none = await preview('cancel_order', { order_number: 'A-9999' }, 'cust_bob');
    expect(bob._meta).toEqual({ [ERROR_CODE_META_KEY]: 'order_not_found' });
    expect(text(bob)).toBe(text(none).replace('A-9999', 'A-1049'));
    const bobReturn = await preview(
      'start_return',
      { order_number: 'A-1031', items: [{ sku, quantity: 1 }], reason: 'too_small' },
      'cust_bob',
    );
    expect(bobReturn._meta).toEqual({ [ERROR_CODE_META_KEY]: 'order_not_found' });
    expect(await databaseFingerprint(database.db)).toBe(before);
  });
});
