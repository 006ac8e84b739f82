import { defineTool, toolResult } from '@shopchat/mcp-service';
import { z } from 'zod';
import { formatDay } from '../orders/format-day.ts';
import type { ShipmentTracking } from '../orders/get-shipment-tracking.ts';
import { ORDER_STATUSES } from '../orders/order-status.ts';
import { orderNotFound } from './order-not-found.ts';
import { normalizeOrderNumber, orderNumberInput } from './order-number-input.ts';
import type { OrderToolDeps } from './order-tool-deps.ts';
import { ORDER_STATUS_LABELS, SHIPMENT_STATUS_LABELS } from './status-labels.ts';

const input = z.strictObject({ order_number: orderNumberInput });

const trackingEvent = z.object({
  at: z.iso.datetime().describe('When the carrier scanned the parcel (UTC).'),
  location: z.string(),
  description: z.string(),
});

const output = z.object({
  order_number: z.string(),
  order_status: z.enum(ORDER_STATUSES),
  status_label: z.string().describe('The order status in words, for display.'),
  shipments: z
    .array(
      z.object({
        carrier: z.string(),
        tracking_number: z.string(),
        tracking_url: z.string().describe("The carrier's tracking page for this parcel."),
        status: z
          .string()
          .describe('label_created, in_transit, out_for_delivery, delivered, exception or returned_to_sender.'),
        status_label: z.string(),
        shipped_at: z.iso.datetime().nullable(),
        estimated_delivery: z.iso.date().nullable().describe('Expected delivery day (YYYY-MM-DD), if known.'),
        delivered_at: z.iso.datetime().nullable(),
        last_event: trackingEvent.nullable().describe('The latest scan.'),
        events: z.array(trackingEvent).describe('Every scan, newest first: the timeline.'),
      }),
    )
    .describe('The parcels of the order; empty until it is packed.'),
});

/** `track_shipment`: where an order's parcel is now. */
export default function createTrackShipmentTool({ repo }: OrderToolDeps) {
  return defineTool({
    name: 'track_shipment',
    title: 'Track a shipment',
    description:
      'Track the delivery of one of the signed-in customer\'s orders: carrier, parcel status, the latest scans with place and time, expected delivery day and the carrier\'s tracking link. Use it for "where is my order A-1042?", "when will my parcel arrive?", "has it shipped yet?". Needs the order number (like A-1042); if the customer did not give one, find it with list_my_orders first.',
    input,
    output,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    needsCustomer: true,
    async handler(args, ctx) {
      const orderNumber = normalizeOrderNumber(args.order_number);
      const tracking = await repo.getShipmentTracking(ctx.caller.customerId, orderNumber);
      if (!tracking) return orderNotFound(orderNumber);
      const shipments = tracking.shipments.map((shipment) => {
        const events = shipment.events.map((event) => ({
          at: event.occurredAt.toISOString(),
          location: event.location,
          description: event.description,
        }));
        return {
          carrier: shipment.carrier,
          tracking_number: shipment.trackingNumber,
          tracking_url: shipment.trackingUrl,
          status: shipment.status,
          status_label: SHIPMENT_STATUS_LABELS[shipment.status] ?? shipment.status,
          shipped_at: shipment.shippedAt?.toISOString() ?? null,
          estimated_delivery: shipment.estimatedDelivery,
          delivered_at: shipment.deliveredAt?.toISOString() ?? null,
          last_event: events[0] ?? null,
          events,
        };
      });
      return toolResult(
        {
          order_number: tracking.orderNumber,
          order_status: tracking.orderStatus,
          status_label: ORDER_STATUS_LABELS[tracking.orderStatus],
          shipments,
        },
        describeTracking(tracking),
      );
    },
  });
}

function describeTracking(tracking: ShipmentTracking): string {
  const order = `Order ${tracking.orderNumber}`;
  const [shipment, ...others] = tracking.shipments;
  if (!shipment) {
    switch (tracking.orderStatus) {
      case 'cancelled':
        return `${order} was cancelled, so it will not be shipped.`;
      case 'placed':
        return `${order} is waiting for payment and has not shipped yet, so there is no tracking yet.`;
      default:
        return `${order} is being prepared and has not shipped yet; tracking appears once it is handed to the carrier.`;
    }
  }
  const last = shipment.events[0];
  const scan = last ? ` Last scan: "${last.description}" in ${last.location} on ${formatDay(last.occurredAt)}.` : '';
  const more = others.length > 0 ? ` It ships in ${tracking.shipments.length} parcels; all are listed.` : '';
  if (shipment.status === 'delivered' && shipment.deliveredAt) {
    return `${order} was delivered by ${shipment.carrier} on ${formatDay(shipment.deliveredAt)}.${more}`;
  }
  if (shipment.status === 'label_created') {
    return `${order} is packed and waiting for ${shipment.carrier} to pick it up (tracking ${shipment.trackingNumber}).${more}`;
  }
  const eta = shipment.estimatedDelivery ? ` Expected delivery: ${formatDay(shipment.estimatedDelivery)}.` : '';
  return `${order} is ${SHIPMENT_STATUS_LABELS[shipment.status]?.toLowerCase() ?? shipment.status} with ${shipment.carrier}, tracking ${shipment.trackingNumber} (${shipment.trackingUrl}).${scan}${eta}${more}`;
}
