import type { Database } from '@shopchat/postgres';
import type { OrderStatus } from './order-status.ts';

/** One line of an order, with how much of it is already on its way back. */
export interface OrderLine {
  sku: string;
  productName: string;
  size: string | null;
  colour: string | null;
  quantity: number;
  unitPriceMinor: number;
  /** Units covered by returns that were not rejected. */
  returnedQuantity: number;
}

/** A parcel of the order, without its scans (see `getShipmentTracking`). */
export interface OrderShipmentSummary {
  carrier: string;
  trackingNumber: string;
  trackingUrl: string;
  status: string;
  /** `YYYY-MM-DD`, or null when the carrier has given none. */
  estimatedDelivery: string | null;
}

/** A return started for the order. */
export interface OrderReturnSummary {
  rma: string;
  status: string;
  createdAt: Date;
  refundMinor: number;
}

/** Everything a customer may see about one of their orders. */
export interface OrderDetail {
  orderNumber: string;
  status: OrderStatus;
  currency: string;
  subtotalMinor: number;
  shippingMinor: number;
  totalMinor: number;
  paymentMethod: string;
  placedAt: Date;
  paidAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
  shipTo: { name: string; line1: string; postalCode: string; city: string; country: string };
  lines: OrderLine[];
  shipments: OrderShipmentSummary[];
  returns: OrderReturnSummary[];
}

interface OrderRow {
  id: number;
  order_number: string;
  status: OrderStatus;
  currency: string;
  subtotal_minor: number;
  shipping_minor: number;
  total_minor: number;
  payment_method: string;
  placed_at: Date;
  paid_at: Date | null;
  shipped_at: Date | null;
  delivered_at: Date | null;
  cancelled_at: Date | null;
  ship_name: string;
  ship_line1: string;
  ship_postal_code: string;
  ship_city: string;
  ship_country: string;
}

/**
 * One of the customer's orders with its lines, parcels and returns, or null. Null is all a caller learns
 * when the number belongs to someone else: the lookup itself is scoped to the customer.
 */
export async function getOrder(db: Database, customerId: string, orderNumber: string): Promise<OrderDetail | null> {
  const [order] = await db.query<OrderRow>(
    `SELECT id, order_number, status, currency, subtotal_minor, shipping_minor, total_minor, payment_method,
       placed_at, paid_at, shipped_at, delivered_at, cancelled_at,
       ship_name, ship_line1, ship_postal_code, ship_city, ship_country
     FROM orders WHERE customer_id = $1 AND order_number = $2`,
    [customerId, orderNumber],
  );
  if (!order) return null;

  const [lines, shipments, returns] = await Promise.all([
    db.query<{
      sku: string;
      product_name: string;
      size: string | null;
      colour: string | null;
      quantity: number;
      unit_price_minor: number;
      returned_quantity: number;
    }>(
      `SELECT l.sku, l.product_name, l.size, l.colour, l.quantity, l.unit_price_minor,
         (SELECT coalesce(sum(rl.quantity), 0) FROM return_lines rl JOIN returns r ON r.id = rl.return_id
          WHERE rl.order_line_id = l.id AND r.status <> 'rejected')::int AS returned_quantity
       FROM order_lines l WHERE l.order_id = $1 ORDER BY l.line_no`,
      [order.id],
    ),
    db.query<{
      carrier: string;
      tracking_number: string;
      tracking_url: string;
      status: string;
      estimated_delivery: string | null;
    }>(
      `SELECT carrier, tracking_number, tracking_url, status, to_char(estimated_delivery, 'YYYY-MM-DD') AS estimated_delivery
       FROM shipments WHERE order_id = $1 ORDER BY id`,
      [order.id],
    ),
    db.query<{ rma: string; status: string; created_at: Date; refund_minor: number }>(
      'SELECT rma, status, created_at, refund_minor FROM returns WHERE order_id = $1 ORDER BY created_at',
      [order.id],
    ),
  ]);

  return {
    orderNumber: order.order_number,
    status: order.status,
    currency: order.currency,
    subtotalMinor: order.subtotal_minor,
    shippingMinor: order.shipping_minor,
    totalMinor: order.total_minor,
    paymentMethod: order.payment_method,
    placedAt: order.placed_at,
    paidAt: order.paid_at,
    shippedAt: order.shipped_at,
    deliveredAt: order.delivered_at,
    cancelledAt: order.cancelled_at,
    shipTo: {
      name: order.ship_name,
      line1: order.ship_line1,
      postalCode: order.ship_postal_code,
      city: order.ship_city,
      country: order.ship_country,
    },
    lines: lines.map((line) => ({
      sku: line.sku,
      productName: line.product_name,
      size: line.size,
      colour: line.colour,
      quantity: line.quantity,
      unitPriceMinor: line.unit_price_minor,
      returnedQuantity: line.returned_quantity,
    })),
    shipments: shipments.map((shipment) => ({
      carrier: shipment.carrier,
      trackingNumber: shipment.tracking_number,
      trackingUrl: shipment.tracking_url,
      status: shipment.status,
      estimatedDelivery: shipment.estimated_delivery,
    })),
    returns: returns.map((ret) => ({
      rma: ret.rma,
      status: ret.status,
      createdAt: ret.created_at,
      refundMinor: ret.refund_minor,
    })),
  };
}
