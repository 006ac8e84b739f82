import { type AnyToolDefinition, loadToolFolder, type ToolOutcome } from '@shopchat/mcp-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ORDER_TOOLS_FOLDER } from '../src/create-orders-service.ts';
import { createOrderRepository } from '../src/orders/order-repository.ts';
import { openSeededDatabase, type TestDatabase, testBackends } from './support/test-databases.ts';
import { customerContext } from './support/tool-context.ts';

const NOW = new Date('2025-06-15T12:00:00Z');
const backends = await testBackends();
/** The tools as the server loads them: every `src/tools/*.tool.ts`, given the server's dependencies. */
const loadTools = (db: unknown) =>
  loadToolFolder(ORDER_TOOLS_FOLDER, { repo: createOrderRepository(db as never), now: () => NOW });

describe('order tool definitions', async () => {
  // The factories only keep the repository for later calls; none runs a query here.
  const tools = await loadTools({});
  const byName = new Map(tools.map((tool) => [tool.name, tool]));

  it('include the five order tools, and every tool of the folder is for signed-in customers only', () => {
    // A minimum, not the list: a tool file added to src/tools is served with no edit here.
    expect(tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['list_my_orders', 'get_order', 'track_shipment', 'cancel_order', 'start_return']),
    );
    for (const tool of tools) expect(tool.needsCustomer, tool.name).toBe(true);
  });

  it('mark cancelling and returning as needing the customer’s approval, and the rest as read-only', () => {
    expect(byName.get('cancel_order')?.annotations).toMatchObject({ destructiveHint: true, idempotentHint: true });
    expect(byName.get('start_return')?.annotations).toMatchObject({ destructiveHint: true, readOnlyHint: false });
    for (const name of ['list_my_orders', 'get_order', 'track_shipment']) {
      expect(byName.get(name)?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    }
  });

  it('have schemas that convert to JSON Schema, with every input field described', () => {
    for (const tool of tools) {
      const input = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'throw' }) as {
        properties: Record<string, { description?: string }>;
        additionalProperties?: boolean;
      };
      expect(input.additionalProperties).toBe(false);
      for (const [field, schema] of Object.entries(input.properties)) {
        expect(schema.description, `${tool.name}.${field}`).toBeTruthy();
      }
      expect(() => z.toJSONSchema(tool.output, { io: 'output', unrepresentable: 'throw' })).not.toThrow();
    }
  });

  it('reject malformed or hostile arguments before any handler runs', () => {
    const input = (name: string) => byName.get(name)?.input ?? z.object({});
    for (const orderNumber of ["A-1042' OR '1'='1", 'A-1042; DROP TABLE orders', '', 'A-12', 'AB-1042']) {
      expect(input('get_order').safeParse({ order_number: orderNumber }).success, orderNumber).toBe(false);
    }
    expect(input('get_order').safeParse({ order_number: 'A-1042', customer_id: 'cust_bob' }).success).toBe(false);
    expect(input('list_my_orders').safeParse({ limit: 21 }).success).toBe(false);
    expect(input('start_return').safeParse({ order_number: 'A-1031', items: [], reason: 'too_small' }).success).toBe(
      false,
    );
    expect(
      input('start_return').safeParse({
        order_number: 'A-1031',
        items: [{ sku: "x' OR 1=1 --", quantity: 1 }],
        reason: 'too_small',
      }).success,
    ).toBe(false);
    expect(
      input('start_return').safeParse({
        order_number: 'A-1031',
        items: [{ sku: 'BOOT-TRB-42-BRO', quantity: 1 }],
        reason: 'dunno',
      }).success,
    ).toBe(false);
  });
});

describe.each(backends)('order tools on $name', (backend) => {
  describe.skipIf(!backend.available)('with the demo data', () => {
    let opened: TestDatabase | undefined;
    let call: (
      name: string,
      customerId: string,
      args: Record<string, unknown>,
    ) => Promise<ToolOutcome<Record<string, unknown>>>;

    beforeAll(async () => {
      opened = await openSeededDatabase(backend, NOW);
      const tools = await loadTools(opened.db);
      const byName = new Map<string, AnyToolDefinition>(tools.map((tool) => [tool.name, tool]));
      // As the kit does: parse the arguments, run the handler, hold the result to the output schema.
      call = async (name, customerId, args) => {
        const tool = byName.get(name);
        if (!tool) throw new Error(`no tool ${name}`);
        const outcome = await tool.handler(tool.input.parse(args), customerContext(customerId));
        if (outcome.ok) tool.output.parse(outcome.structured);
        return outcome as ToolOutcome<Record<string, unknown>>;
      };
    });
    afterAll(async () => {
      await opened?.dispose();
    });

    it("answers another customer's order number exactly as a nonexistent one", async () => {
      for (const name of ['get_order', 'track_shipment', 'cancel_order']) {
        const someoneElses = await call(name, 'cust_bob', { order_number: 'A-1042' });
        const missing = await call(name, 'cust_bob', { order_number: 'A-9999' });
        expect(someoneElses.ok).toBe(false);
        expect(missing).toEqual({
          ...someoneElses,
          ...(someoneElses.ok ? {} : { message: someoneElses.message.replace('A-1042', 'A-9999') }),
        });
      }
      expect(
        await call('start_return', 'cust_bob', {
          order_number: 'A-1031',
          items: [{ sku: 'BOOT-TRB-42-BRO', quantity: 1 }],
          reason: 'too_small',
        }),
      ).toMatchObject({
        ok: false,
        code: 'order_not_found',
      });
    });

    it('lists last month’s orders with formatted totals', async () => {
      const result = await call('list_my_orders', 'cust_alice', {
        placed_after: '2025-05-01',
        placed_before: '2025-06-01',
      });
      expect(result).toMatchObject({
        ok: true,
        structured: {
          orders: expect.arrayContaining([
            expect.objectContaining({
              order_number: 'A-1026',
              status: 'delivered',
              total: { amount_minor: 12490, currency: 'EUR', formatted: '€124.90' },
            }),
            expect.objectContaining({ order_number: 'A-1028', status: 'cancelled' }),
          ]),
          next_cursor: null,
        },
      });
      expect(result.ok && result.text).toMatch(/A-1026 \(delivered, €124\.90, placed 6 May 2025\)/);
    });

    it('finds the latest order with limit 1 and pages onwards', async () => {
      const first = await call('list_my_orders', 'cust_alice', { limit: 1 });
      expect(first).toMatchObject({ ok: true, structured: { orders: [{ order_number: 'A-1049', status: 'paid' }] } });
      const cursor = first.ok ? (first.structured.next_cursor as string) : '';
      expect(await call('list_my_orders', 'cust_alice', { limit: 1, cursor })).toMatchObject({
        ok: true,
        structured: { orders: [{ order_number: 'A-1042' }] },
      });
      expect(await call('list_my_orders', 'cust_alice', { cursor: 'garbage' })).toMatchObject({
        ok: false,
        code: 'invalid_cursor',
      });
      expect(
        await call('list_my_orders', 'cust_alice', { placed_after: '2025-06-01', placed_before: '2025-05-01' }),
      ).toMatchObject({
        ok: false,
        code: 'invalid_date_range',
      });
    });

    it('tracks A-1042 with carrier, last scan, expected day and link, accepting "a1042"', async () => {
      const result = await call('track_shipment', 'cust_alice', { order_number: 'a1042' });
      expect(result).toMatchObject({
        ok: true,
        structured: {
          order_number: 'A-1042',
          order_status: 'shipped',
          shipments: [
            {
              carrier: 'DHL',
              status: 'in_transit',
              estimated_delivery: '2025-06-17',
              last_event: { location: expect.any(String) },
            },
          ],
        },
      });
      expect(result.ok && result.text).toMatch(
        /^Order A-1042 is in transit with DHL, tracking \d+ \(https:\/\/www\.dhl\.com\/.+\)\. Last scan: .+ Expected delivery: 17 June 2025\.$/,
      );
    });

    it('shows an order with its return window, for a return or a warranty question', async () => {
      expect(await call('get_order', 'cust_alice', { order_number: 'A-1031' })).toMatchObject({
        ok: true,
        structured: {
          status: 'delivered',
          can_cancel: false,
          return_window: { open: true },
          lines: [
            expect.objectContaining({
              sku: 'BOOT-TRB-42-BRO',
              size: 'EU 42',
              unit_price: expect.objectContaining({ formatted: '€149.95' }),
            }),
            expect.anything(),
          ],
          total: { amount_minor: 18985, currency: 'EUR', formatted: '€189.85' },
        },
      });
      const jacket = await call('get_order', 'cust_alice', { order_number: 'A-1007' });
      expect(jacket).toMatchObject({
        ok: true,
        structured: { return_window: { open: false }, lines: [{ product_name: 'Stormline 2.5L Rain Jacket' }] },
      });
      expect(jacket.ok && jacket.text).toMatch(
        /^Order A-1007, placed \d+ \w+ 2024, is delivered: Stormline 2\.5L Rain Jacket \(M, Navy\) ×1; total €129\.95\. Its return window closed on .+\.$/,
      );
    });

    it('cancels the latest order, says what happens to the payment, and is harmless to repeat', async () => {
      const result = await call('cancel_order', 'cust_alice', { order_number: 'A-1049' });
      expect(result).toMatchObject({
        ok: true,
        structured: {
          outcome: 'cancelled',
          status: 'cancelled',
          payment: { action: 'refund', method: 'card', amount: { formatted: '€159.90' }, refund_within_days: 10 },
        },
        text: 'Order A-1049 is now cancelled. The full €159.90 is refunded to the card you paid with within 10 days.',
      });
      expect(await call('cancel_order', 'cust_alice', { order_number: 'A-1049' })).toMatchObject({
        ok: true,
        structured: { outcome: 'already_cancelled' },
      });
      expect(await call('cancel_order', 'cust_bob', { order_number: 'A-1040' })).toMatchObject({
        ok: false,
        code: 'order_not_cancellable',
        message: expect.stringContaining('already packed'),
      });
    });

    it('starts a return of the boots and explains how to send them back', async () => {
      const result = await call('start_return', 'cust_alice', {
        order_number: 'A-1031',
        items: [{ sku: 'boot-trb-42-bro', quantity: 1 }],
        reason: 'too_small',
        comment: 'They pinch at the toes',
      });
      expect(result).toMatchObject({
        ok: true,
        structured: {
          status: 'requested',
          rma: expect.stringMatching(/^RMA-\d{6}$/),
          refund: { amount_minor: 14995, formatted: '€149.95' },
          label_carrier: 'UPS',
          instructions: expect.arrayContaining([expect.stringContaining('UPS drop-off point')]),
        },
      });
      expect(result.ok && result.text).toMatch(
        /^Return RMA-\d{6} is started for Trailblazer GTX Hiking Boots ×1 from order A-1031\./,
      );
    });

    it('explains why a return cannot be started', async () => {
      const item = (sku: string, quantity = 1) => [{ sku, quantity }];
      expect(
        await call('start_return', 'cust_alice', {
          order_number: 'A-1007',
          items: item('JKT-STM-M-NAV'),
          reason: 'defective',
        }),
      ).toMatchObject({
        ok: false,
        code: 'return_window_closed',
        message: expect.stringContaining('warranty'),
      });
      expect(
        await call('start_return', 'cust_alice', {
          order_number: 'A-1042',
          items: item('TNT-CIR2-GRE'),
          reason: 'changed_mind',
        }),
      ).toMatchObject({
        ok: false,
        code: 'order_not_returnable',
      });
      expect(
        await call('start_return', 'cust_alice', {
          order_number: 'A-1031',
          items: item('SCK-HIK-39-42-GRE', 5),
          reason: 'too_small',
        }),
      ).toMatchObject({
        ok: false,
        code: 'invalid_return_items',
        message: expect.stringContaining('only 2 can be returned, not 5'),
      });
    });
  });
});
