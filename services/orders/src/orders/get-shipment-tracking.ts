import type { Database } from '@shopchat/postgres';
import type { OrderStatus } from './order-status.ts';

/** One carrier scan. */
export interface TrackingEvent {
  occurredAt: Date;
  location: string;
  description: string;
}

/** A parcel and its scans, newest first. */
export interface TrackedShipment {
  carrier: string;
  trackingNumber: string;
  trackingUrl: string;
  status: 'label_created' | 'in_transit' | 'out_for_delivery' | 'delivered' | 'exception' | 'returned_to_sender';
  shippedAt: Date | null;
  /** `YYYY-MM-DD`, or null when the carrier has given none. */
  estimatedDelivery: string | null;
  deliveredAt: Date | null;
  events: TrackingEvent[];
}

/** Where an order is: its state and every parcel (none before it is packed). */
export interface ShipmentTracking {
  orderNumber: string;
  orderStatus: OrderStatus;
  placedAt: Date;
  shipments: TrackedShipment[];
}

/** Tracking for one of the customer's orders, or null when they have no such order. */
export async function getShipmentTracking(
  db: Database,
  customerId: string,
  orderNumber: string,
): Promise<ShipmentTracking | null> {
  const [order] = await db.query<{ id: number; order_number: string; status: OrderStatus; placed_at: Date }>(
    'SELECT id, order_number, status, placed_at FROM orders WHERE customer_id = $1 AND order_number = $2',
    [customerId, orderNumber],
  );
  if (!order) return null;

  const shipments = await db.query<{
    id: number;
    carrier: string;
    tracking_number: string;
    tracking_url: string;
    status: TrackedShipment['status'];
    shipped_at: Date | null;
    estimated_delivery: string | null;
    delivered_at: Date | null;
  }>(
    `SELECT id, carrier, tracking_number, tracking_url, status, shipped_at,
       to_char(estimated_delivery, 'YYYY-MM-DD') AS estimated_delivery, delivered_at
     FROM shipments WHERE order_id = $1 ORDER BY id`,
    [order.id],
  );
  const events =
    shipments.length === 0
      ? []
      : await db.query<{ shipment_id: number; occurred_at: Date; location: string; description: string }>(
          `SELECT shipment_id, occurred_at, location, description FROM tracking_events
           WHERE shipment_id = ANY($1::int[]) ORDER BY occurred_at DESC, id DESC`,
          [shipments.map((shipment) => shipment.id)],
        );

  return {
    orderNumber: order.order_number,
    orderStatus: order.status,
    placedAt: order.placed_at,
    shipments: shipments.map((shipment) => ({
      carrier: shipment.carrier,
      trackingNumber: shipment.tracking_number,
      trackingUrl: shipment.tracking_url,
      status: shipment.status,
      shippedAt: shipment.shipped_at,
      estimatedDelivery: shipment.estimated_delivery,
      deliveredAt: shipment.delivered_at,
      events: events
        .filter((event) => event.shipment_id === shipment.id)
        .map((event) => ({ occurredAt: event.occurred_at, location: event.location, description: event.description })),
    })),
  };
}
