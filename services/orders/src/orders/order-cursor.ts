import { z } from 'zod';

/** Where a page of "my orders, newest first" ended: the last order's placement time and number. */
export interface OrderCursor {
  /** `placed_at` in full microsecond precision, as PostgreSQL printed it, so no order is skipped or repeated. */
  placedAt: string;
  orderNumber: string;
}

const cursorSchema = z.strictObject({
  t: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
  n: z.string().regex(/^[A-Z]-\d{3,6}$/),
});

/** Opaque to callers: base64url JSON, so clients pass it back rather than build it. */
export function encodeOrderCursor(cursor: OrderCursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.placedAt, n: cursor.orderNumber })).toString('base64url');
}

/** The position a cursor names, or null when it is not one of ours (tampered, truncated, from elsewhere). */
export function decodeOrderCursor(text: string): OrderCursor | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { placedAt: parsed.data.t, orderNumber: parsed.data.n } : null;
  } catch {
    return null;
  }
}
