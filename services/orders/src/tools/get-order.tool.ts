import { defineTool, toolResult } from '@shopchat/mcp-service';
import { z } from 'zod';
import { formatDay } from '../orders/format-day.ts';
import type { OrderDetail } from '../orders/get-order.ts';
import { CANCELLABLE_STATUSES, ORDER_STATUSES } from '../orders/order-status.ts';
import { isWithinReturnWindow, returnWindowEnd } from '../orders/return-policy.ts';
import { money, moneyOutput } from './money-output.ts';
import { orderNotFound } from './order-not-found.ts';
import { normalizeOrderNumber, orderNumberInput } from './order-number-input.ts';
import type { OrderToolDeps } from './order-tool-deps.ts';
import { ORDER_STATUS_LABELS, SHIPMENT_STATUS_LABELS } from './status-labels.ts';

const input = z.strictObject({ order_number: orderNumberInput });

const timestamp = z.iso.datetime().nullable();

const output = z.object({
  order_number: z.string(),
  status: z.enum(ORDER_STATUSES),
  status_label: z.string().describe('The status in words, for display.'),
  placed_at: z.iso.datetime().describe('Purchase date and time (UTC): what a warranty runs from.'),
  paid_at: timestamp,
  shipped_at: timestamp,
  delivered_at: timestamp,
  cancelled_at: timestamp,
  payment_method: z.string().describe('card, paypal, klarna or bank_transfer.'),
  lines: z.array(
    z.object({
      sku: z.string().describe('Identifies the exact variant; start_return names items by it.'),
      product_name: z.string(),
      size: z.string().nullable(),
      colour: z.string().nullable(),
      quantity: z.number().int(),
      returned_quantity: z.number().int().describe('Units already in a return.'),
      unit_price: moneyOutput,
      line_total: moneyOutput,
    }),
  ),
  subtotal: moneyOutput,
  shipping: moneyOutput,
  total: moneyOutput,
  ship_to: z.object({
    name: z.string(),
    line1: z.string(),
    postal_code: z.string(),
    city: z.string(),
    country: z.string().describe('ISO 3166-1 alpha-2.'),
  }),
  shipments: z.array(
    z.object({
      carrier: z.string(),
      tracking_number: z.string(),
      tracking_url: z.string(),
      status: z.string(),
      status_label: z.string(),
      estimated_delivery: z.iso.date().nullable(),
    }),
  ),
  returns: z.array(
    z.object({ rma: z.string(), status: z.string(), created_at: z.iso.datetime(), refund: moneyOutput }),
  ),
  can_cancel: z.boolean().describe('True while the order is placed or paid (cancel_order will work).'),
  return_window: z
    .object({
      open: z.boolean().describe('True when start_return can be used now.'),
      ends_at: z.iso.datetime().nullable().describe('Last moment to start a return; null before delivery.'),
    })
    .describe('Returns are possible for 30 days after delivery.'),
});

/** `get_order`: one order in full, with what the customer can still do about it. */
export default function createGetOrderTool({ repo, now }: OrderToolDeps) {
  return defineTool({
    name: 'get_order',
    title: 'Get order details',
    description:
      "Show one of the signed-in customer's orders in full: items (SKU, size, colour, quantity, price), totals, payment method, delivery address, dates, parcels and returns, plus whether it can still be cancelled and until when it can be returned. Use it for what is in an order, what it cost, when it was bought (e.g. for a warranty question), and to find the SKUs before start_return. Needs the order number (like A-1042); if the customer did not give one, find it with list_my_orders.",
    input,
    output,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    needsCustomer: true,
    async handler(args, ctx) {
      const orderNumber = normalizeOrderNumber(args.order_number);
      const order = await repo.getOrder(ctx.caller.customerId, orderNumber);
      if (!order) return orderNotFound(orderNumber);
      const at = now();
      const windowEnd = order.deliveredAt ? returnWindowEnd(order.deliveredAt) : null;
      const returnOpen =
        order.status === 'delivered' && order.deliveredAt !== null && isWithinReturnWindow(order.deliveredAt, at);
      const iso = (date: Date | null) => date?.toISOString() ?? null;
      return toolResult(
        {
          order_number: order.orderNumber,
          status: order.status,
          status_label: ORDER_STATUS_LABELS[order.status],
          placed_at: order.placedAt.toISOString(),
          paid_at: iso(order.paidAt),
          shipped_at: iso(order.shippedAt),
          delivered_at: iso(order.deliveredAt),
          cancelled_at: iso(order.cancelledAt),
          payment_method: order.paymentMethod,
          lines: order.lines.map((line) => ({
            sku: line.sku,
            product_name: line.productName,
            size: line.size,
            colour: line.colour,
            quantity: line.quantity,
            returned_quantity: line.returnedQuantity,
            unit_price: money(line.unitPriceMinor, order.currency),
            line_total: money(line.unitPriceMinor * line.quantity, order.currency),
          })),
          subtotal: money(order.subtotalMinor, order.currency),
          shipping: money(order.shippingMinor, order.currency),
          total: money(order.totalMinor, order.currency),
          ship_to: {
            name: order.shipTo.name,
            line1: order.shipTo.line1,
            postal_code: order.shipTo.postalCode,
            city: order.shipTo.city,
            country: order.shipTo.country,
          },
          shipments: order.shipments.map((shipment) => ({
            carrier: shipment.carrier,
            tracking_number: shipment.trackingNumber,
            tracking_url: shipment.trackingUrl,
            status: shipment.status,
            status_label: SHIPMENT_STATUS_LABELS[shipment.status] ?? shipment.status,
            estimated_delivery: shipment.estimatedDelivery,
          })),
          returns: order.returns.map((ret) => ({
            rma: ret.rma,
            status: ret.status,
            created_at: ret.createdAt.toISOString(),
            refund: money(ret.refundMinor, order.currency),
          })),
          can_cancel: CANCELLABLE_STATUSES.includes(order.status),
          return_window: { open: returnOpen, ends_at: iso(windowEnd) },
        },
        describeOrder(order, returnOpen, windowEnd),
      );
    },
  });
}

function describeOrder(order: OrderDetail, returnOpen: boolean, windowEnd: Date | null): string {
  const items = order.lines
    .map((line) => {
      const variant = [line.size, line.colour].filter(Boolean).join(', ');
      return `${line.productName}${variant ? ` (${variant})` : ''} ×${line.quantity}`;
    })
    .join(', ');
  const total = money(order.totalMinor, order.currency).formatted;
  const state = ORDER_STATUS_LABELS[order.status].toLowerCase();
  const next = CANCELLABLE_STATUSES.includes(order.status)
    ? ' It can still be cancelled.'
    : returnOpen && windowEnd
      ? ` It can be returned until ${formatDay(windowEnd)}.`
      : order.status === 'delivered' && windowEnd
        ? ` Its return window closed on ${formatDay(windowEnd)}.`
        : '';
  return `Order ${order.orderNumber}, placed ${formatDay(order.placedAt)}, is ${state}: ${items}; total ${total}.${next}`;
}
