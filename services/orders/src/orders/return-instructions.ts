import { formatMoney } from '@shopchat/money';
import { formatDay } from './format-day.ts';
import { REFUND_WITHIN_DAYS } from './return-policy.ts';

/** The facts a customer needs to send a return back. */
export interface ReturnShippingFacts {
  rma: string;
  labelCode: string;
  labelCarrier: string;
  shipBackBy: Date;
  refundMinor: number;
  currency: string;
}

/**
 * The steps a customer follows once a return is started, in words a chat answer can quote directly.
 * The drop-off code replaces a printed label, so no printer is needed.
 */
export function returnInstructions(facts: ReturnShippingFacts): string[] {
  const by = formatDay(facts.shipBackBy);
  return [
    `Pack the items securely and write ${facts.rma} on a note inside the parcel.`,
    `Take the parcel to any ${facts.labelCarrier} drop-off point by ${by} and show the return code ${facts.labelCode}; no label printing needed.`,
    `Once the parcel reaches our warehouse, ${formatMoney(facts.refundMinor, facts.currency)} is refunded to your original payment method within ${REFUND_WITHIN_DAYS} days.`,
  ];
}
