import type { OrderStatus } from '../../orders/order-status.ts';
import { buildShipment } from './build-shipment.ts';
import type { Prng } from './create-prng.ts';
import type { DemoCarrier } from './demo-carriers.ts';
import type { DemoCustomer, DemoLine, DemoOrder, DemoReturn } from './demo-data-types.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Orders of at least €100 ship free; otherwise €4.95, or €14.95 outside the EU. */
const FREE_SHIPPING_FROM_MINOR = 10_000;
const NON_EU = new Set(['NO', 'CH', 'GB']);
/** Customers have 14 days to hand a started return to the carrier. */
const SHIP_BACK_DAYS = 14;

/** What an order went through; a step left out did not happen. Times must be in this order. */
export interface DemoOrderSpec {
  orderNumber: string;
  customer: DemoCustomer;
  status: OrderStatus;
  paymentMethod: DemoOrder['paymentMethod'];
  lines: DemoLine[];
  placedAt: Date;
  paidAt?: Date;
  packedAt?: Date;
  shippedAt?: Date;
  deliveredAt?: Date;
  cancelledAt?: Date;
  /** For `returned` orders: when the return started and why (all lines go back and are refunded). */
  returned?: { createdAt: Date; reason: DemoReturn['reason'] };
  carrier?: DemoCarrier;
  estimatedDelivery?: Date;
}

/**
 * An order consistent with its status: the right timestamps, a parcel with scans once it is packed, a
 * refunded return when it was returned, and totals that add up.
 */
export function buildDemoOrder(rng: Prng, spec: DemoOrderSpec, now: Date): DemoOrder {
  const subtotal = spec.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
  const shippingMinor =
    subtotal >= FREE_SHIPPING_FROM_MINOR ? 0 : NON_EU.has(spec.customer.address.country) ? 1495 : 495;
  const shipments = spec.packedAt
    ? [
        buildShipment(
          rng,
          spec.customer.address,
          {
            packedAt: spec.packedAt,
            shippedAt: spec.shippedAt ?? null,
            deliveredAt: spec.deliveredAt ?? null,
            ...(spec.carrier ? { carrier: spec.carrier } : {}),
            ...(spec.estimatedDelivery ? { estimatedDelivery: spec.estimatedDelivery } : {}),
          },
          now,
        ),
      ]
    : [];
  const returns: DemoReturn[] = spec.returned
    ? [
        {
          status: 'refunded',
          reason: spec.returned.reason,
          lines: spec.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
          refundMinor: subtotal,
          labelCode: `RET-${spec.orderNumber.replace('-', '')}-1`,
          labelCarrier: shipments[0]?.carrier ?? 'DHL',
          createdAt: spec.returned.createdAt,
          shipBackBy: new Date(spec.returned.createdAt.getTime() + SHIP_BACK_DAYS * DAY_MS),
        },
      ]
    : [];
  return {
    orderNumber: spec.orderNumber,
    customerId: spec.customer.id,
    status: spec.status,
    paymentMethod: spec.paymentMethod,
    placedAt: spec.placedAt,
    paidAt: spec.paidAt ?? null,
    shippedAt: spec.shippedAt ?? null,
    deliveredAt: spec.deliveredAt ?? null,
    cancelledAt: spec.cancelledAt ?? null,
    shippingMinor,
    lines: spec.lines,
    shipments,
    returns,
  };
}

/** `base` moved by whole days and hours (negative: earlier). */
export function shiftTime(base: Date, days: number, hours = 0): Date {
  return new Date(base.getTime() + days * DAY_MS + hours * HOUR_MS);
}
