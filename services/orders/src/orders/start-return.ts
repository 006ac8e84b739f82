import type { Database } from '@shopchat/postgres';
import type { OrderStatus } from './order-status.ts';
import { returnInstructions } from './return-instructions.ts';
import { isWithinReturnWindow, returnWindowEnd, shipBackDeadline } from './return-policy.ts';
import type { ReturnReason } from './return-reason.ts';

/** An item to send back: which variant and how many units. */
export interface ReturnItemRequest {
  sku: string;
  quantity: number;
}

/** Why the items go back; the comment is the customer's own words, if any. */
export interface ReturnReasonInput {
  code: ReturnReason;
  comment?: string;
}

/** Why a requested item cannot be returned. */
export type InvalidReturnItem =
  | { sku: string; problem: 'not_in_order' }
  | { sku: string; problem: 'too_many'; requested: number; returnable: number };

export interface StartedReturn {
  kind: 'started';
  returnId: string;
  rma: string;
  orderNumber: string;
  items: { sku: string; productName: string; quantity: number; refundMinor: number }[];
  refundMinor: number;
  currency: string;
  labelCode: string;
  labelCarrier: string;
  shipBackBy: Date;
  instructions: string[];
}

export type StartReturnResult =
  | StartedReturn
  | { kind: 'outside_window'; orderNumber: string; deliveredAt: Date; windowEnd: Date }
  /** Only delivered orders can be returned (not yet delivered, cancelled, or already returned). */
  | { kind: 'not_returnable'; orderNumber: string; status: OrderStatus }
  | { kind: 'invalid_items'; orderNumber: string; details: InvalidReturnItem[] }
  | { kind: 'not_found' };

/** How to mint the code the customer shows at the drop-off point; injectable so tests can predict it. */
export type ReturnCodeGenerator = () => string;

/** Carrier for return parcels when the order's own carrier is unknown. */
const DEFAULT_RETURN_CARRIER = 'DHL';

/** The tool name a started return's receipt is filed under. */
const RECEIPT_TOOL = 'start_return';

/**
 * Starts a return of some units of a delivered order within the return window. The order row is locked
 * first, so two returns of the same order are checked one after the other and can never together send
 * back more units than were bought. With an `idempotencyKey`, a return already started under that key is
 * answered again instead of starting a second one (the receipt is written in the same transaction).
 */
export async function startReturn(
  db: Database,
  customerId: string,
  orderNumber: string,
  items: ReturnItemRequest[],
  reason: ReturnReasonInput,
  now: Date,
  newReturnCode: ReturnCodeGenerator,
  idempotencyKey?: string,
): Promise<StartReturnResult> {
  return db.transaction(async (tx) => {
    const [order] = await tx.query<{
      id: number;
      order_number: string;
      status: OrderStatus;
      delivered_at: Date | null;
      currency: string;
    }>(
      `SELECT id, order_number, status, delivered_at, currency FROM orders
       WHERE customer_id = $1 AND order_number = $2
       FOR UPDATE`,
      [customerId, orderNumber],
    );
    if (!order) return { kind: 'not_found' };
    if (idempotencyKey) {
      // After the row lock: a repeat running at the same time waits here, then finds the first one's receipt.
      const [receipt] = await tx.query<{ outcome: StartedReturn & { shipBackBy: string } }>(
        `SELECT outcome FROM tool_call_receipts WHERE idempotency_key = $1 AND customer_id = $2 AND tool = $3`,
        [idempotencyKey, customerId, RECEIPT_TOOL],
      );
      if (receipt) return { ...receipt.outcome, shipBackBy: new Date(receipt.outcome.shipBackBy) };
    }
    if (order.status !== 'delivered' || !order.delivered_at) {
      return { kind: 'not_returnable', orderNumber: order.order_number, status: order.status };
    }
    if (!isWithinReturnWindow(order.delivered_at, now)) {
      return {
        kind: 'outside_window',
        orderNumber: order.order_number,
        deliveredAt: order.delivered_at,
        windowEnd: returnWindowEnd(order.delivered_at),
      };
    }

    const lines = await tx.query<{
      id: number;
      sku: string;
      product_name: string;
      quantity: number;
      unit_price_minor: number;
      returned: number;
    }>(
      `SELECT l.id, l.sku, l.product_name, l.quantity, l.unit_price_minor,
         (SELECT coalesce(sum(rl.quantity), 0) FROM return_lines rl JOIN returns r ON r.id = rl.return_id
          WHERE rl.order_line_id = l.id AND r.status <> 'rejected')::int AS returned
       FROM order_lines l WHERE l.order_id = $1`,
      [order.id],
    );
    const bySku = new Map(lines.map((line) => [line.sku, line]));
    const requested = mergeBySku(items);
    const details: InvalidReturnItem[] = [];
    for (const [sku, quantity] of requested) {
      const line = bySku.get(sku);
      if (!line) details.push({ sku, problem: 'not_in_order' });
      else if (quantity > line.quantity - line.returned) {
        details.push({ sku, problem: 'too_many', requested: quantity, returnable: line.quantity - line.returned });
      }
    }
    if (details.length > 0 || requested.size === 0) {
      return { kind: 'invalid_items', orderNumber: order.order_number, details };
    }

    const chosen = [...requested].map(([sku, quantity]) => {
      const line = bySku.get(sku);
      if (!line) throw new Error('unreachable: SKU checked above');
      return { line, quantity, refundMinor: quantity * line.unit_price_minor };
    });
    const refundMinor = chosen.reduce((sum, item) => sum + item.refundMinor, 0);
    const [carrier] = await tx.query<{ carrier: string }>(
      'SELECT carrier FROM shipments WHERE order_id = $1 ORDER BY id LIMIT 1',
      [order.id],
    );
    const labelCarrier = carrier?.carrier ?? DEFAULT_RETURN_CARRIER;
    const shipBackBy = shipBackDeadline(now);
    const [created] = await tx.query<{ id: string; rma: string; label_code: string }>(
      `INSERT INTO returns (order_id, status, reason, comment, refund_minor, currency, label_code, label_carrier,
         created_at, ship_back_by)
       VALUES ($1, 'requested', $2, $3, $4, $5, $6, $7, $8, $9)
       RETURNING id, rma, label_code`,
      [
        order.id,
        reason.code,
        reason.comment ?? null,
        refundMinor,
        order.currency,
        newReturnCode(),
        labelCarrier,
        now,
        shipBackBy,
      ],
    );
    if (!created) throw new Error('INSERT … RETURNING gave no row');
    await tx.query(
      `INSERT INTO return_lines (return_id, order_line_id, quantity)
       SELECT $1::uuid, x.line_id, x.quantity
       FROM jsonb_to_recordset($2::text::jsonb) AS x(line_id integer, quantity integer)`,
      [created.id, JSON.stringify(chosen.map((item) => ({ line_id: item.line.id, quantity: item.quantity })))],
    );

    const facts = {
      rma: created.rma,
      labelCode: created.label_code,
      labelCarrier,
      shipBackBy,
      refundMinor,
      currency: order.currency,
    };
    const started: StartedReturn = {
      kind: 'started',
      returnId: created.id,
      orderNumber: order.order_number,
      items: chosen.map((item) => ({
        sku: item.line.sku,
        productName: item.line.product_name,
        quantity: item.quantity,
        refundMinor: item.refundMinor,
      })),
      ...facts,
      instructions: returnInstructions(facts),
    };
    if (idempotencyKey) {
      await tx.query(
        `INSERT INTO tool_call_receipts (idempotency_key, customer_id, tool, outcome, created_at)
         VALUES ($1, $2, $3, $4::text::jsonb, $5) ON CONFLICT DO NOTHING`,
        [idempotencyKey, customerId, RECEIPT_TOOL, JSON.stringify(started), now],
      );
    }
    return started;
  });
}

/** The same SKU named twice counts once, with the quantities added. */
function mergeBySku(items: ReturnItemRequest[]): Map<string, number> {
  const merged = new Map<string, number>();
  for (const item of items) merged.set(item.sku, (merged.get(item.sku) ?? 0) + item.quantity);
  return merged;
}
