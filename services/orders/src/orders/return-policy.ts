const DAY_MS = 86_400_000;

/** Items can be sent back for 30 days after delivery (the shop's returns policy). */
export const RETURN_WINDOW_DAYS = 30;

/** After starting a return, the customer has 14 days to hand the parcel to the carrier. */
export const SHIP_BACK_DAYS = 14;

/**
 * Refunds reach the original payment method within 10 days: of cancelling a paid order, or of a
 * returned parcel reaching the warehouse. Card schemes and PayPal settle well inside that.
 */
export const REFUND_WITHIN_DAYS = 10;

/** The last moment a return can be started for an order delivered at `deliveredAt`. */
export function returnWindowEnd(deliveredAt: Date): Date {
  return new Date(deliveredAt.getTime() + RETURN_WINDOW_DAYS * DAY_MS);
}

/** Whether a return may be started at `now` for an order delivered at `deliveredAt` (the end is inclusive). */
export function isWithinReturnWindow(deliveredAt: Date, now: Date): boolean {
  return now.getTime() <= returnWindowEnd(deliveredAt).getTime();
}

/** The deadline for handing over a return started at `startedAt`. */
export function shipBackDeadline(startedAt: Date): Date {
  return new Date(startedAt.getTime() + SHIP_BACK_DAYS * DAY_MS);
}
