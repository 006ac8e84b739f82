import { defineTool, type TraceContext, toolFailure, toolResult } from '@shopchat/mcp-service';
import type { Database } from '@shopchat/postgres';
import { z } from 'zod';

/**
 * A signed-in customer's shipment, read with one parameterised query (the database span under test).
 * `onCall` sees each call's trace context, as the handler gets it.
 */
export function trackShipmentTool(db: Database, onCall?: (trace: TraceContext) => void) {
  return defineTool({
    name: 'track_shipment',
    title: 'Track a shipment',
    description:
      'Track the delivery of one of the signed-in customer\'s orders: carrier, parcel status and expected delivery. Use it for "where is my order A-1042?". Needs the order number (like A-1042).',
    input: z.strictObject({
      order_number: z
        .string()
        .regex(/^[A-Za-z]-?\d{3,6}$/)
        .describe('The order number, like A-1042'),
    }),
    output: z.object({ order_number: z.string(), carrier: z.string() }),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    needsCustomer: true,
    handler: async ({ order_number }, ctx) => {
      onCall?.(ctx.trace);
      const [row] = await db.query<{ carrier: string }>(
        'SELECT carrier FROM shipments WHERE order_number = $1 AND customer_id = $2',
        [order_number, ctx.caller.customerId],
      );
      if (!row) return toolFailure('order_not_found', `There is no order ${order_number} on this account.`);
      return toolResult({ order_number, carrier: row.carrier }, `Order ${order_number} travels with ${row.carrier}.`);
    },
  });
}
