import type { Prng } from './create-prng.ts';
import { type DemoCarrier, destinationHub, pickCarrier } from './demo-carriers.ts';
import type { DemoAddress, DemoShipment, DemoTrackingEvent } from './demo-data-types.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The shop's warehouse, where every parcel starts. */
const WAREHOUSE = 'Hamburg, DE';

/** When a parcel reached each step; later steps are null when it has not got there yet. */
export interface ShipmentTimeline {
  packedAt: Date;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  /** Overrides the estimate for a parcel still in transit (default: 3 days after pick-up, not before tomorrow). */
  estimatedDelivery?: Date;
  /** Overrides the carrier picked for the destination. */
  carrier?: DemoCarrier;
}

/**
 * A parcel with the carrier scans a customer would see so far: 2 while it waits at the warehouse, 2–4 in
 * transit, 4–6 once delivered. No scan is ever later than `now`.
 */
export function buildShipment(rng: Prng, to: DemoAddress, timeline: ShipmentTimeline, now: Date): DemoShipment {
  const carrier = timeline.carrier ?? pickCarrier(rng, to.country);
  const trackingNumber = carrier.trackingNumber(rng);
  const { packedAt, shippedAt, deliveredAt } = timeline;
  const after = (from: Date, hours: number) => new Date(from.getTime() + hours * HOUR_MS);
  const events: DemoTrackingEvent[] = [
    { occurredAt: packedAt, location: WAREHOUSE, description: `Shipment information received by ${carrier.name}` },
  ];

  if (!shippedAt) {
    events.push({
      occurredAt: after(packedAt, 1),
      location: WAREHOUSE,
      description: 'Parcel packed and waiting for carrier pick-up',
    });
  } else {
    events.push({ occurredAt: shippedAt, location: WAREHOUSE, description: `Picked up by ${carrier.name}` });
    const end = deliveredAt ?? now;
    const span = end.getTime() - shippedAt.getTime();
    const departed = after(shippedAt, rng.int(4, 8));
    const arrived = new Date(shippedAt.getTime() + span * (0.55 + rng.next() * 0.2));
    if (rng.chance(0.75) && departed < end) {
      events.push({
        occurredAt: departed,
        location: `${carrier.name} hub Hamburg, DE`,
        description: 'Departed sort facility',
      });
    }
    if (arrived.getTime() - shippedAt.getTime() > 12 * HOUR_MS && (deliveredAt ? rng.chance(0.8) : true)) {
      events.push({
        occurredAt: arrived,
        location: destinationHub(to.country),
        description: 'Arrived at destination sort facility',
      });
    }
    if (deliveredAt) {
      events.push({
        occurredAt: after(deliveredAt, -rng.int(3, 6)),
        location: to.city,
        description: 'Out for delivery',
      });
      events.push({ occurredAt: deliveredAt, location: to.city, description: 'Delivered' });
    }
  }

  return {
    carrier: carrier.name,
    trackingNumber,
    trackingUrl: carrier.trackingUrl(trackingNumber),
    status: deliveredAt ? 'delivered' : shippedAt ? 'in_transit' : 'label_created',
    shippedAt,
    estimatedDelivery: calendarDate(estimate(timeline, now)),
    deliveredAt,
    events: events.filter((event) => event.occurredAt <= now),
  };
}

function estimate(timeline: ShipmentTimeline, now: Date): Date {
  if (timeline.deliveredAt) return timeline.deliveredAt;
  if (timeline.estimatedDelivery) return timeline.estimatedDelivery;
  const start = timeline.shippedAt ?? new Date(timeline.packedAt.getTime() + DAY_MS);
  const planned = start.getTime() + 3 * DAY_MS;
  // A late parcel is re-estimated for tomorrow rather than shown as due in the past.
  return new Date(Math.max(planned, now.getTime() + DAY_MS));
}

function calendarDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
