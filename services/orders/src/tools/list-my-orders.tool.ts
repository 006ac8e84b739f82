import { defineTool, toolFailure, toolResult } from '@shopchat/mcp-service';
import { z } from 'zod';
import { formatDay } from '../orders/format-day.ts';
import { ORDER_STATUSES } from '../orders/order-status.ts';
import { money, moneyOutput } from './money-output.ts';
import type { OrderToolDeps } from './order-tool-deps.ts';
import { ORDER_STATUS_LABELS } from './status-labels.ts';

/** Most orders one call returns: enough for a card list, small enough for the model's context. */
export const MAX_ORDERS_PER_PAGE = 20;
/** Orders spelled out in the text answer; the rest are in the structured result. */
const ORDERS_IN_TEXT = 5;

const input = z.strictObject({
  status: z
    .enum(ORDER_STATUSES)
    .optional()
    .describe(
      'Only orders in this state: placed (awaiting payment), paid (being prepared), packed (about to ship), shipped (on its way), delivered, cancelled or returned. Omit for all states.',
    ),
  placed_after: z.iso
    .date()
    .optional()
    .describe(
      'Only orders placed on or after this day, YYYY-MM-DD (UTC). For "last month", the first day of last month.',
    ),
  placed_before: z.iso
    .date()
    .optional()
    .describe(
      'Only orders placed before this day (exclusive), YYYY-MM-DD (UTC). For "last month", the first day of this month.',
    ),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_ORDERS_PER_PAGE)
    .default(10)
    .describe(
      `How many orders to return, newest first: 1 to ${MAX_ORDERS_PER_PAGE}, default 10. Use 1 for "my last order".`,
    ),
  cursor: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('The next_cursor of a previous list_my_orders result, to fetch the next (older) page. Omit otherwise.'),
});

const output = z.object({
  orders: z
    .array(
      z.object({
        order_number: z.string().describe('What the customer quotes, e.g. "A-1042".'),
        status: z.enum(ORDER_STATUSES),
        status_label: z.string().describe('The status in words, for display.'),
        placed_at: z.iso.datetime().describe('When the order was placed (UTC).'),
        item_count: z.number().int().describe('Units across all lines.'),
        items_summary: z.string().describe('The products, e.g. "Cirrus 2-Person Tent, Day 22L Daypack".'),
        total: moneyOutput,
      }),
    )
    .describe('Newest first.'),
  next_cursor: z.string().nullable().describe('Pass as cursor to get older orders; null when there are no more.'),
});

/** `list_my_orders`: the signed-in customer's order history, filtered and paged. */
export default function createListMyOrdersTool({ repo }: OrderToolDeps) {
  return defineTool({
    name: 'list_my_orders',
    title: 'List my orders',
    description:
      'List the signed-in customer\'s own orders, newest first, with order number, status, date, items and total. Use it when the customer asks about their orders in general ("what did I order last month?", "my recent orders", "which orders are still open?") or means an order without giving its number ("my last order"): find the number here, then use get_order, track_shipment, cancel_order or start_return. Filter by status and by the day the order was placed; page through older orders with cursor.',
    input,
    output,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    needsCustomer: true,
    async handler(args, ctx) {
      const placedAfter = args.placed_after ? new Date(`${args.placed_after}T00:00:00Z`) : undefined;
      const placedBefore = args.placed_before ? new Date(`${args.placed_before}T00:00:00Z`) : undefined;
      if (placedAfter && placedBefore && placedAfter >= placedBefore) {
        return toolFailure('invalid_date_range', 'placed_after must be an earlier day than placed_before.');
      }
      const result = await repo.listOrders(ctx.caller.customerId, {
        limit: args.limit,
        ...(args.status ? { status: args.status } : {}),
        ...(placedAfter ? { placedAfter } : {}),
        ...(placedBefore ? { placedBefore } : {}),
        ...(args.cursor ? { cursor: args.cursor } : {}),
      });
      if (result.kind === 'invalid_cursor') {
        return toolFailure(
          'invalid_cursor',
          'That cursor is not valid. Call list_my_orders again without a cursor to start from the newest orders.',
        );
      }
      const orders = result.orders.map((order) => ({
        order_number: order.orderNumber,
        status: order.status,
        status_label: ORDER_STATUS_LABELS[order.status],
        placed_at: order.placedAt.toISOString(),
        item_count: order.itemCount,
        items_summary: order.productNames.join(', '),
        total: money(order.totalMinor, order.currency),
      }));
      return toolResult({ orders, next_cursor: result.nextCursor }, describePage(orders, result.nextCursor !== null));
    },
  });
}

function describePage(
  orders: { order_number: string; status: string; placed_at: string; total: { formatted: string } }[],
  more: boolean,
): string {
  if (orders.length === 0) return 'No orders match: the customer has no orders with these filters.';
  const listed = orders
    .slice(0, ORDERS_IN_TEXT)
    .map((o) => `${o.order_number} (${o.status}, ${o.total.formatted}, placed ${formatDay(o.placed_at)})`)
    .join('; ');
  const rest = orders.length > ORDERS_IN_TEXT ? ` and ${orders.length - ORDERS_IN_TEXT} more` : '';
  const count = `${orders.length} order${orders.length === 1 ? '' : 's'}`;
  return `${count}, newest first: ${listed}${rest}.${more ? ' Older orders exist (use next_cursor).' : ''}`;
}
