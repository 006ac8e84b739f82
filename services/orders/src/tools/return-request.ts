import type { ReturnReason } from '../orders/return-reason.ts';
import type { ReturnItemRequest, ReturnReasonInput } from '../orders/start-return.ts';
import { normalizeOrderNumber } from './order-number-input.ts';

/** A return as it will run: the one form the preview describes and the handler executes. */
export interface ReturnRequest {
  orderNumber: string;
  /** SKUs upper-cased (as the catalogue stores them), one entry per SKU with the quantities added up. */
  items: ReturnItemRequest[];
  reason: ReturnReasonInput;
}

/** `start_return`'s arguments as the tool's schema has parsed them. */
export interface StartReturnArgs {
  order_number: string;
  items: readonly { sku: string; quantity: number }[];
  reason: ReturnReason;
  comment?: string | undefined;
}

/**
 * Turns the arguments into the return that will run, once, for both the approval card (preview) and the
 * handler: so the card can never describe something else than what Confirm starts (a lowercase SKU once read
 * "not in this order, €0.00" on the card while the handler upper-cased it and started a real return).
 */
export function canonicalReturnRequest(args: StartReturnArgs): ReturnRequest {
  const quantities = new Map<string, number>();
  for (const item of args.items) {
    const sku = item.sku.toUpperCase();
    quantities.set(sku, (quantities.get(sku) ?? 0) + item.quantity);
  }
  const comment = args.comment?.trim();
  return {
    orderNumber: normalizeOrderNumber(args.order_number),
    items: [...quantities].map(([sku, quantity]) => ({ sku, quantity })),
    reason: { code: args.reason, ...(comment ? { comment } : {}) },
  };
}
