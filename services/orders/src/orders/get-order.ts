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
  lines: {
    sku: string;
    product_name: string;
    size: string | null;
    colour: string | null;
    quantity: number;
    unit_price_minor: number;
    returned_quantity: number;
  }[];
  shipments: {
    carrier: string;
    tracking_number: string;
    tracking_url: string;
    status: string;
    estimated_delivery: string | null;
  }[];
  /** `created_at` is JSON text here: an ISO timestamp with offset. */
  returns: { rma: string; status: string; created_at: string; refund_minor: number }[];
  /** `orders_data_version` as this statement saw it (bigint: text). */
  data_version: string;
}

/**
 * The order with its lines, parcels and returns in one statement (one round trip: each part is an
 * index lookup by `order_id`, see docs/decisions/0023); the parts come back as JSON arrays.
 */
const SELECT_ORDER = `
  SELECT o.order_number, o.status, o.currency, o.subtotal_minor, o.shipping_minor, o.total_minor, o.payment_method,
    o.placed_at, o.paid_at, o.shipped_at, o.delivered_at, o.cancelled_at,
    o.ship_name, o.ship_line1, o.ship_postal_code, o.ship_city, o.ship_country,
    coalesce((SELECT json_agg(json_build_object('sku', l.sku, 'product_name', l.product_name, 'size', l.size,
        'colour', l.colour, 'quantity', l.quantity, 'unit_price_minor', l.unit_price_minor,
        'returned_quantity', (SELECT coalesce(sum(rl.quantity), 0) FROM return_lines rl JOIN returns r ON r.id = rl.return_id
          WHERE rl.order_line_id = l.id AND r.status <> 'rejected')) ORDER BY l.line_no)
      FROM order_lines l WHERE l.order_id = o.id), '[]') AS lines,
    coalesce((SELECT json_agg(json_build_object('carrier', s.carrier, 'tracking_number', s.tracking_number,
        'tracking_url', s.tracking_url, 'status', s.status,
        'estimated_delivery', to_char(s.estimated_delivery, 'YYYY-MM-DD')) ORDER BY s.id)
      FROM shipments s WHERE s.order_id = o.id), '[]') AS shipments,
    coalesce((SELECT json_agg(json_build_object('rma', r.rma, 'status', r.status, 'created_at', r.created_at,
        'refund_minor', r.refund_minor) ORDER BY r.created_at)
      FROM returns r WHERE r.order_id = o.id), '[]') AS returns,
    (SELECT version FROM orders_data_version) AS data_version
  FROM orders o WHERE o.customer_id = $1 AND o.order_number = $2`;

/**
 * One of the customer's orders with its lines, parcels and returns, or null. Null is all a caller learns
 * when the number belongs to someone else: the lookup itself is scoped to the customer.
 */
export async function getOrder(db: Database, customerId: string, orderNumber: string): Promise<OrderDetail | null> {
  return (await readOrder(db, customerId, orderNumber))?.order ?? null;
}

/**
 * The order as {@link getOrder} reads it, with the `orders_data_version` the same statement saw (one
 * snapshot: the order is exactly that version's), or null when the customer has no such order.
 */
export async function readOrder(
  db: Database,
  customerId: string,
  orderNumber: string,
): Promise<{ order: OrderDetail; version: number } | null> {
  const [row] = await db.query<OrderRow>(SELECT_ORDER, [customerId, orderNumber]);
  return row ? { order: toOrderDetail(row), version: Number(row.data_version) } : null;
}

function toOrderDetail(order: OrderRow): OrderDetail {
  const { lines, shipments, returns } = order;
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
      createdAt: new Date(ret.created_at),
      refundMinor: ret.refund_minor,
    })),
  };
}
