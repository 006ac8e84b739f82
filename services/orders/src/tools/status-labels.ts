import type { OrderStatus } from '../orders/order-status.ts';

/** Order states in a customer's words, for cards and answers. */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  placed: 'Placed – awaiting payment',
  paid: 'Paid – being prepared',
  packed: 'Packed – ready to ship',
  shipped: 'Shipped – on its way',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  returned: 'Returned',
};

/** Parcel states in a customer's words. */
export const SHIPMENT_STATUS_LABELS: Record<string, string> = {
  label_created: 'Label created – waiting for pick-up',
  in_transit: 'In transit',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  exception: 'Delivery problem – the carrier will retry or contact you',
  returned_to_sender: 'Returned to sender',
};

/** Where a refund goes, as the customer knows their payment method. */
export const PAYMENT_METHOD_LABELS: Record<string, string> = {
  card: 'the card you paid with',
  paypal: 'your PayPal account',
  klarna: 'your Klarna account',
  bank_transfer: 'the bank account you paid from',
};
