import type { Database } from '@shopchat/postgres';
import { CANCELLABLE_STATUSES, type OrderStatus } from './order-status.ts';
import { REFUND_WITHIN_DAYS } from './return-policy.ts';

/** What cancelling means for the customer's money. */
export type CancellationPayment =
  /** The order was paid: the full total goes back to the payment method it came from. */
  | { kind: 'refund'; amountMinor: number; currency: string; method: string; withinDays: number }
  /** Payment had not gone through yet, so nothing was charged and nothing needs refunding. */
  | { kind: 'not_charged'; method: string };

export type CancelOrderResult =
  | { kind: 'cancelled'; orderNumber: string; cancelledAt: Date; payment: CancellationPayment }
  /** Cancelled before: repeating the request is harmless and reports the same outcome. */
  | { kind: 'already_cancelled'; orderNumber: string; cancelledAt: Date; payment: CancellationPayment }
  /** Already packed or further along: it must be returned after delivery instead. */
  | { kind: 'not_cancellable'; orderNumber: string; status: OrderStatus }
  | { kind: 'not_found' };

interface LockedOrder {
  id: number;
  order_number: string;
  status: OrderStatus;
  currency: string;
  total_minor: number;
  payment_method: string;
  paid_at: Date | null;
  cancelled_at: Date | null;
}

/**
 * Cancels one of the customer's orders if nothing has left the warehouse (placed or paid). The row is
 * locked for the decision, so a concurrent cancel, or the warehouse packing it, cannot interleave.
 */
export async function cancelOrder(
  db: Database,
  customerId: string,
  orderNumber: string,
  now: Date,
): Promise<CancelOrderResult> {
  return db.transaction(async (tx) => {
    const [order] = await tx.query<LockedOrder>(
      `SELECT id, order_number, status, currency, total_minor, payment_method, paid_at, cancelled_at
       FROM orders WHERE customer_id = $1 AND order_number = $2
       FOR UPDATE`,
      [customerId, orderNumber],
    );
    if (!order) return { kind: 'not_found' };
    if (order.status === 'cancelled' && order.cancelled_at) {
      return {
        kind: 'already_cancelled',
        orderNumber: order.order_number,
        cancelledAt: order.cancelled_at,
        payment: paymentOutcome(order),
      };
    }
    if (!CANCELLABLE_STATUSES.includes(order.status)) {
      return { kind: 'not_cancellable', orderNumber: order.order_number, status: order.status };
    }
    await tx.query(
      `UPDATE orders SET status = 'cancelled', cancelled_at = $2
       WHERE id = $1 AND status IN ('placed', 'paid')`,
      [order.id, now],
    );
    return { kind: 'cancelled', orderNumber: order.order_number, cancelledAt: now, payment: paymentOutcome(order) };
  });
}

function paymentOutcome(order: LockedOrder): CancellationPayment {
  if (!order.paid_at) return { kind: 'not_charged', method: order.payment_method };
  return {
    kind: 'refund',
    amountMinor: order.total_minor,
    currency: order.currency,
    method: order.payment_method,
    withinDays: REFUND_WITHIN_DAYS,
  };
}
