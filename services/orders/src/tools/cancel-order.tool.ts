import { defineTool, toolFailure, toolResult } from '@shopchat/mcp-service';
import { z } from 'zod';
import type { CancellationPayment } from '../orders/cancel-order.ts';
import type { OrderStatus } from '../orders/order-status.ts';
import { RETURN_WINDOW_DAYS } from '../orders/return-policy.ts';
import { describePlannedCancellation } from './describe-planned-change.ts';
import { money, moneyOutput } from './money-output.ts';
import { orderNotFound } from './order-not-found.ts';
import { normalizeOrderNumber, orderNumberInput } from './order-number-input.ts';
import type { OrderToolDeps } from './order-tool-deps.ts';
import { PAYMENT_METHOD_LABELS } from './status-labels.ts';

const input = z.strictObject({ order_number: orderNumberInput });

const output = z.object({
  order_number: z.string(),
  outcome: z
    .enum(['cancelled', 'already_cancelled'])
    .describe('already_cancelled: it had been cancelled before; nothing changed now.'),
  status: z.literal('cancelled'),
  cancelled_at: z.iso.datetime(),
  payment: z.object({
    action: z.enum(['refund', 'none']).describe('refund: the order was paid; none: nothing was charged.'),
    method: z.string().describe('card, paypal, klarna or bank_transfer.'),
    amount: moneyOutput.nullable().describe('The refund; null when nothing was charged.'),
    refund_within_days: z.number().int().nullable().describe('Days until the refund arrives at the latest.'),
    summary: z.string().describe('What happens to the money, in a sentence.'),
  }),
});

/** `cancel_order`: cancels an order that has not left the warehouse. Destructive: the host asks first. */
export default function createCancelOrderTool({ repo, now }: OrderToolDeps) {
  return defineTool({
    name: 'cancel_order',
    title: 'Cancel an order',
    description:
      "Cancel one of the signed-in customer's orders. Only orders that are placed or paid (not yet packed) can be cancelled; packed, shipped or delivered orders cannot, and can be returned after delivery instead (start_return). A paid order is refunded in full to the original payment method; a placed order was not charged. Ask the customer for the order number, or find their latest order with list_my_orders, and check it with get_order first. The customer must confirm before it runs. Repeating it for an already cancelled order changes nothing.",
    input,
    output,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    needsCustomer: true,
    async preview(args, ctx) {
      const orderNumber = normalizeOrderNumber(args.order_number);
      return describePlannedCancellation(await repo.getOrder(ctx.caller.customerId, orderNumber), orderNumber);
    },
    async handler(args, ctx) {
      const orderNumber = normalizeOrderNumber(args.order_number);
      const result = await repo.cancelOrder(ctx.caller.customerId, orderNumber, now());
      switch (result.kind) {
        case 'not_found':
          return orderNotFound(orderNumber);
        case 'not_cancellable':
          return toolFailure('order_not_cancellable', notCancellableMessage(result.orderNumber, result.status));
        case 'cancelled':
        case 'already_cancelled': {
          const payment = describePayment(result.payment);
          const lead =
            result.kind === 'cancelled'
              ? `Order ${result.orderNumber} is now cancelled.`
              : `Order ${result.orderNumber} was already cancelled; nothing changed.`;
          return toolResult(
            {
              order_number: result.orderNumber,
              outcome: result.kind,
              status: 'cancelled' as const,
              cancelled_at: result.cancelledAt.toISOString(),
              payment,
            },
            `${lead} ${payment.summary}`,
          );
        }
      }
    },
  });
}

function describePayment(payment: CancellationPayment) {
  if (payment.kind === 'not_charged') {
    return {
      action: 'none' as const,
      method: payment.method,
      amount: null,
      refund_within_days: null,
      summary: 'Payment had not been taken yet, so nothing was charged and there is nothing to refund.',
    };
  }
  const amount = money(payment.amountMinor, payment.currency);
  const to = PAYMENT_METHOD_LABELS[payment.method] ?? 'the original payment method';
  return {
    action: 'refund' as const,
    method: payment.method,
    amount,
    refund_within_days: payment.withinDays,
    summary: `The full ${amount.formatted} is refunded to ${to} within ${payment.withinDays} days.`,
  };
}

function notCancellableMessage(orderNumber: string, status: OrderStatus): string {
  const later = `Once delivered, it can be returned within ${RETURN_WINDOW_DAYS} days instead (start_return).`;
  switch (status) {
    case 'packed':
      return `Order ${orderNumber} is already packed for shipping, so it can no longer be cancelled. ${later}`;
    case 'shipped':
      return `Order ${orderNumber} has already shipped, so it can no longer be cancelled. ${later}`;
    case 'delivered':
      return `Order ${orderNumber} has been delivered, so it cannot be cancelled; it may be returned within ${RETURN_WINDOW_DAYS} days of delivery (start_return).`;
    default:
      return `Order ${orderNumber} is ${status}, so it cannot be cancelled.`;
  }
}
