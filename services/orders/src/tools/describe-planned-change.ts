import type { ToolOutcome } from '@shopchat/mcp-service';
import { money } from '@shopchat/money';
import type { OrderDetail } from '../orders/get-order.ts';
import { CANCELLABLE_STATUSES } from '../orders/order-status.ts';
import { orderNotFound } from './order-not-found.ts';
import type { ReturnRequest } from './return-request.ts';
import { ORDER_STATUS_LABELS } from './status-labels.ts';

/** Counted once so "1 item" and "3 items" read right. */
function items(count: number): string {
  return `${count} item${count === 1 ? '' : 's'}`;
}

/**
 * The approval card's sentence for a cancellation: what order, how much, what happens to the payment.
 * Worded by the server that owns the order, from the order as it is now. An order the customer cannot see
 * is refused as the handler refuses it (the same words for another's order as for none), so the host
 * never asks the customer to confirm it.
 */
export function describePlannedCancellation(
  order: OrderDetail | null,
  orderNumber: string,
): string | ToolOutcome<never> {
  if (!order) return orderNotFound(orderNumber);
  const total = money(order.totalMinor, order.currency).formatted;
  const count = order.lines.reduce((sum, line) => sum + line.quantity, 0);
  if (!CANCELLABLE_STATUSES.includes(order.status)) {
    return `Order ${orderNumber} is ${ORDER_STATUS_LABELS[order.status].toLowerCase()} and can no longer be cancelled; nothing would change.`;
  }
  const payment =
    order.status === 'paid'
      ? `the ${total} paid is refunded to the original payment method`
      : 'nothing has been charged';
  return `Cancel order ${orderNumber}: ${items(count)}, ${total}; ${payment}.`;
}

/**
 * The approval card's sentence for a return: which items of which order, the refund expected, and the reason and
 * comment that go on the return, all from the canonical request the handler will run.
 */
export function describePlannedReturn(order: OrderDetail | null, request: ReturnRequest): string | ToolOutcome<never> {
  const { orderNumber } = request;
  if (!order) return orderNotFound(orderNumber);
  const parts: string[] = [];
  let refundMinor = 0;
  for (const item of request.items) {
    const line = order.lines.find((candidate) => candidate.sku === item.sku);
    if (!line) {
      parts.push(`${item.quantity} × ${item.sku} (not in this order)`);
      continue;
    }
    const variant = [line.size, line.colour].filter(Boolean).join(', ');
    parts.push(`${item.quantity} × ${line.productName}${variant ? ` (${variant})` : ''}`);
    refundMinor += line.unitPriceMinor * item.quantity;
  }
  const refund = money(refundMinor, order.currency).formatted;
  const reason = `reason: ${request.reason.code.replaceAll('_', ' ')}`;
  const comment = request.reason.comment ? `, comment: "${request.reason.comment}"` : '';
  return `Return ${parts.join(', ')} from order ${orderNumber} (${reason}${comment}); about ${refund} is refunded once the parcel reaches our warehouse.`;
}
