import { defineTool, toolFailure, toolResult } from '@shopchat/mcp-service';
import { z } from 'zod';
import { formatDay } from '../orders/format-day.ts';
import type { OrderStatus } from '../orders/order-status.ts';
import { RETURN_WINDOW_DAYS } from '../orders/return-policy.ts';
import { RETURN_REASONS } from '../orders/return-reason.ts';
import type { InvalidReturnItem } from '../orders/start-return.ts';
import { describePlannedReturn } from './describe-planned-change.ts';
import { money, moneyOutput } from './money-output.ts';
import { orderNotFound } from './order-not-found.ts';
import { normalizeOrderNumber, orderNumberInput } from './order-number-input.ts';
import type { OrderToolDeps } from './order-tool-deps.ts';

/** Lines one return may name: more than any order of this shop has. */
const MAX_RETURN_ITEMS = 20;

const input = z.strictObject({
  order_number: orderNumberInput,
  items: z
    .array(
      z.strictObject({
        sku: z
          .string()
          .min(3)
          .max(40)
          .regex(/^[A-Za-z0-9][A-Za-z0-9-]{2,39}$/, 'A SKU is letters, digits and dashes, like BOOT-TRB-42-BRO.')
          .describe('The SKU of the order line, exactly as get_order lists it, e.g. "BOOT-TRB-42-BRO".'),
        quantity: z.number().int().min(1).max(99).describe('How many units of that line to send back.'),
      }),
    )
    .min(1)
    .max(MAX_RETURN_ITEMS)
    .describe('The items going back: one entry per SKU.'),
  reason: z
    .enum(RETURN_REASONS)
    .describe(
      'Why: too_small, too_large, not_as_described, defective, wrong_item (not what was ordered), changed_mind, or other.',
    ),
  comment: z
    .string()
    .max(500)
    .optional()
    .describe("The customer's own words about the reason, if they gave any (at most 500 characters)."),
});

const output = z.object({
  order_number: z.string(),
  return_id: z.string(),
  rma: z.string().describe('Return number to quote, e.g. "RMA-000026".'),
  status: z.literal('requested'),
  items: z.array(
    z.object({ sku: z.string(), product_name: z.string(), quantity: z.number().int(), refund: moneyOutput }),
  ),
  refund: moneyOutput.describe('Refunded to the original payment method once the parcel arrives.'),
  label_carrier: z.string().describe('Carrier whose drop-off points accept the parcel.'),
  label_code: z.string().describe('Code to show at the drop-off point instead of a printed label.'),
  ship_back_by: z.iso.datetime().describe('Hand the parcel to the carrier by then.'),
  instructions: z.array(z.string()).describe('The steps to send the items back, in order.'),
});

/** `start_return`: opens a return for delivered items. Consequential, so annotated destructive: the host asks first. */
export default function createStartReturnTool({ repo, now }: OrderToolDeps) {
  return defineTool({
    name: 'start_return',
    title: 'Start a return',
    description: `Start a return of items from one of the signed-in customer's delivered orders, within ${RETURN_WINDOW_DAYS} days of delivery. Gives back a return number (RMA), a drop-off code, the refund amount and step-by-step instructions for sending the parcel back. Name each item by its SKU from get_order and say how many units, plus the reason. Not for orders that have not been delivered yet (placed or paid ones can be cancelled with cancel_order) nor for deliveries older than ${RETURN_WINDOW_DAYS} days (a faulty item may fall under the warranty instead). The customer must confirm before it runs.`,
    input,
    output,
    // Not destructive in the data sense, but it commits the customer to a return: the host must ask first.
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    needsCustomer: true,
    async preview(args, ctx) {
      const orderNumber = normalizeOrderNumber(args.order_number);
      const order = await repo.getOrder(ctx.caller.customerId, orderNumber);
      return describePlannedReturn(order, orderNumber, args.items);
    },
    async handler(args, ctx) {
      const orderNumber = normalizeOrderNumber(args.order_number);
      const items = args.items.map((item) => ({ sku: item.sku.toUpperCase(), quantity: item.quantity }));
      const reason = { code: args.reason, ...(args.comment ? { comment: args.comment } : {}) };
      const result = await repo.startReturn(
        ctx.caller.customerId,
        orderNumber,
        items,
        reason,
        now(),
        ctx.idempotencyKey,
      );
      switch (result.kind) {
        case 'not_found':
          return orderNotFound(orderNumber);
        case 'not_returnable':
          return toolFailure('order_not_returnable', notReturnableMessage(result.orderNumber, result.status));
        case 'outside_window':
          return toolFailure(
            'return_window_closed',
            `Order ${result.orderNumber} was delivered on ${formatDay(result.deliveredAt)}; its ${RETURN_WINDOW_DAYS}-day return window closed on ${formatDay(result.windowEnd)}, so it can no longer be returned. A faulty item may still be covered by the warranty.`,
          );
        case 'invalid_items':
          return toolFailure(
            'invalid_return_items',
            `These items cannot be returned from order ${result.orderNumber}: ${result.details.map(describeInvalidItem).join('; ')}. Check the SKUs and quantities with get_order.`,
          );
        case 'started': {
          const refund = money(result.refundMinor, result.currency);
          const what = result.items.map((item) => `${item.productName} ×${item.quantity}`).join(', ');
          return toolResult(
            {
              order_number: result.orderNumber,
              return_id: result.returnId,
              rma: result.rma,
              status: 'requested' as const,
              items: result.items.map((item) => ({
                sku: item.sku,
                product_name: item.productName,
                quantity: item.quantity,
                refund: money(item.refundMinor, result.currency),
              })),
              refund,
              label_carrier: result.labelCarrier,
              label_code: result.labelCode,
              ship_back_by: result.shipBackBy.toISOString(),
              instructions: result.instructions,
            },
            `Return ${result.rma} is started for ${what} from order ${result.orderNumber}. Take the parcel to a ${result.labelCarrier} drop-off point by ${formatDay(result.shipBackBy)} with code ${result.labelCode}; ${refund.formatted} is refunded once it arrives.`,
          );
        }
      }
    },
  });
}

function describeInvalidItem(item: InvalidReturnItem): string {
  if (item.problem === 'not_in_order') return `${item.sku} is not in this order`;
  return item.returnable === 0
    ? `${item.sku} has already been returned in full`
    : `${item.sku}: only ${item.returnable} can be returned, not ${item.requested}`;
}

function notReturnableMessage(orderNumber: string, status: OrderStatus): string {
  switch (status) {
    case 'placed':
    case 'paid':
      return `Order ${orderNumber} has not shipped yet, so there is nothing to return; it can still be cancelled instead (cancel_order).`;
    case 'packed':
    case 'shipped':
      return `Order ${orderNumber} has not been delivered yet; a return can be started once it arrives.`;
    case 'cancelled':
      return `Order ${orderNumber} was cancelled, so there is nothing to return.`;
    case 'returned':
      return `Order ${orderNumber} has already been returned in full.`;
    default:
      return `Order ${orderNumber} cannot be returned.`;
  }
}
