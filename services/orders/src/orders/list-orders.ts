import type { Database } from '@shopchat/postgres';
import { decodeOrderCursor, encodeOrderCursor } from './order-cursor.ts';
import type { OrderStatus } from './order-status.ts';

/** Filters and paging for a customer's order history. */
export interface ListOrdersOptions {
  status?: OrderStatus;
  /** Only orders placed at or after this moment. */
  placedAfter?: Date;
  /** Only orders placed before this moment (exclusive). */
  placedBefore?: Date;
  /** Page size; callers bound it (the tool allows at most 20). */
  limit: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** One row of the order history. */
export interface OrderSummary {
  orderNumber: string;
  status: OrderStatus;
  placedAt: Date;
  currency: string;
  totalMinor: number;
  /** Units across all lines. */
  itemCount: number;
  /** Product names in line order. */
  productNames: string[];
}

export type ListOrdersResult =
  | { kind: 'page'; orders: OrderSummary[]; nextCursor: string | null }
  | { kind: 'invalid_cursor' };

interface SummaryRow {
  order_number: string;
  status: OrderStatus;
  placed_at: Date;
  placed_at_key: string;
  currency: string;
  total_minor: number;
  item_count: number;
  product_names: string[];
}

/**
 * A customer's orders, newest first, one page at a time. Keyset pagination on (placed_at, order_number)
 * walks the (customer_id, placed_at, order_number) index, so page 50 costs what page 1 does, and orders
 * placed meanwhile do not shift the pages.
 */
export async function listOrders(
  db: Database,
  customerId: string,
  options: ListOrdersOptions,
): Promise<ListOrdersResult> {
  const after = options.cursor === undefined ? null : decodeOrderCursor(options.cursor);
  if (options.cursor !== undefined && after === null) return { kind: 'invalid_cursor' };

  const rows = await db.query<SummaryRow>(
    `SELECT o.order_number, o.status, o.placed_at,
       to_char(o.placed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS placed_at_key,
       o.currency, o.total_minor,
       (SELECT coalesce(sum(l.quantity), 0) FROM order_lines l WHERE l.order_id = o.id)::int AS item_count,
       (SELECT coalesce(json_agg(l.product_name ORDER BY l.line_no), '[]') FROM order_lines l WHERE l.order_id = o.id)
         AS product_names
     FROM orders o
     WHERE o.customer_id = $1
       AND ($2::text IS NULL OR o.status = $2::text)
       AND ($3::timestamptz IS NULL OR o.placed_at >= $3::timestamptz)
       AND ($4::timestamptz IS NULL OR o.placed_at < $4::timestamptz)
       AND ($5::timestamptz IS NULL OR (o.placed_at, o.order_number) < ($5::timestamptz, $6::text))
     ORDER BY o.placed_at DESC, o.order_number DESC
     LIMIT $7`,
    [
      customerId,
      options.status ?? null,
      options.placedAfter ?? null,
      options.placedBefore ?? null,
      after?.placedAt ?? null,
      after?.orderNumber ?? null,
      // One extra row says whether another page exists without a COUNT.
      options.limit + 1,
    ],
  );
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    kind: 'page',
    orders: page.map((row) => ({
      orderNumber: row.order_number,
      status: row.status,
      placedAt: row.placed_at,
      currency: row.currency,
      totalMinor: row.total_minor,
      itemCount: row.item_count,
      productNames: row.product_names,
    })),
    nextCursor:
      rows.length > options.limit && last
        ? encodeOrderCursor({ placedAt: last.placed_at_key, orderNumber: last.order_number })
        : null,
  };
}
