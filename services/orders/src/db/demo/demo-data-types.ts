import type { OrderLine } from '../../orders/get-order.ts';
import type { OrderStatus } from '../../orders/order-status.ts';

/** A demo customer with the address their orders ship to. */
export interface DemoCustomer {
  id: string;
  name: string;
  email: string;
  address: DemoAddress;
  createdAt: Date;
}

export interface DemoAddress {
  line1: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** A line as seeded: an order's line before any of it is returned (prices in euro cents). */
export type DemoLine = Omit<OrderLine, 'returnedQuantity'>;

export interface DemoTrackingEvent {
  occurredAt: Date;
  location: string;
  description: string;
}

export type ShipmentStatus =
  | 'label_created'
  | 'in_transit'
  | 'out_for_delivery'
  | 'delivered'
  | 'exception'
  | 'returned_to_sender';

export interface DemoShipment {
  carrier: string;
  trackingNumber: string;
  trackingUrl: string;
  status: ShipmentStatus;
  shippedAt: Date | null;
  /** Calendar date, `YYYY-MM-DD`. */
  estimatedDelivery: string | null;
  deliveredAt: Date | null;
  /** Oldest first. */
  events: DemoTrackingEvent[];
}

export interface DemoReturn {
  status: 'requested' | 'received' | 'refunded' | 'rejected';
  reason: 'too_small' | 'too_large' | 'not_as_described' | 'defective' | 'wrong_item' | 'changed_mind' | 'other';
  lines: { sku: string; quantity: number }[];
  refundMinor: number;
  labelCode: string;
  labelCarrier: string;
  createdAt: Date;
  shipBackBy: Date;
}

export interface DemoOrder {
  orderNumber: string;
  customerId: string;
  status: OrderStatus;
  paymentMethod: 'card' | 'paypal' | 'klarna' | 'bank_transfer';
  placedAt: Date;
  paidAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
  shippingMinor: number;
  lines: DemoLine[];
  shipments: DemoShipment[];
  returns: DemoReturn[];
}

/** Everything the seed writes. */
export interface DemoData {
  customers: DemoCustomer[];
  orders: DemoOrder[];
}
