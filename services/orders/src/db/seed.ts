import type { Database } from '@shopchat/postgres';
import { buildDemoData } from './demo/build-demo-data.ts';
import type { DemoData } from './demo/demo-data-types.ts';

/** What a seed run did, and how much demo data the database now holds. */
export interface SeedReport {
  /** False when the demo data was already there and nothing was written. */
  seeded: boolean;
  customers: number;
  orders: number;
}

/** The customer whose presence means "already seeded". */
const MARKER_CUSTOMER = 'cust_alice';

/**
 * Writes the demo customers and their orders, dated relative to `now`. Idempotent: when the demo
 * customers already exist it writes nothing, so a restart never duplicates or rewrites what a demo
 * changed (a cancelled order stays cancelled). Replicas seeding at once queue on an advisory lock.
 */
export async function seedDemoData(db: Database, options: { now: Date }): Promise<SeedReport> {
  const data = buildDemoData(options.now);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['shopchat.orders.seed']);
    const existing = await tx.query<{ found: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM customers WHERE id = $1) AS found',
      [MARKER_CUSTOMER],
    );
    const seeded = !existing[0]?.found;
    if (seeded) await writeDemoData(tx, data);
    const [counts] = await tx.query<{ customers: number; orders: number }>(
      'SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM orders)::int AS orders',
    );
    return { seeded, customers: counts?.customers ?? 0, orders: counts?.orders ?? 0 };
  });
}

/**
 * One statement per table: rows travel as a single JSON parameter and are unpacked by
 * jsonb_to_recordset, which keeps the seed fast on PGlite and free of SQL built from data. Child rows
 * find their parents through natural keys (order number, tracking number, label code).
 */
async function writeDemoData(tx: Database, data: DemoData): Promise<void> {
  // `::text::jsonb`: sent as text, because PGlite would JSON-encode a string bound to a jsonb parameter again.
  const rows = (value: unknown) => [JSON.stringify(value)];

  await tx.query(
    `INSERT INTO customers (id, name, email, country, created_at)
     SELECT id, name, email, country, created_at
     FROM jsonb_to_recordset($1::text::jsonb) AS c(id text, name text, email text, country text, created_at timestamptz)`,
    rows(data.customers.map((c) => ({ ...c, country: c.address.country, created_at: c.createdAt }))),
  );

  const customers = new Map(data.customers.map((customer) => [customer.id, customer]));
  await tx.query(
    `INSERT INTO orders (order_number, customer_id, status, currency, subtotal_minor, shipping_minor, total_minor,
       payment_method, placed_at, paid_at, shipped_at, delivered_at, cancelled_at,
       ship_name, ship_line1, ship_postal_code, ship_city, ship_country)
     SELECT order_number, customer_id, status, 'EUR', subtotal, shipping, subtotal + shipping,
       payment_method, placed_at, paid_at, shipped_at, delivered_at, cancelled_at,
       ship_name, ship_line1, ship_postal_code, ship_city, ship_country
     FROM jsonb_to_recordset($1::text::jsonb) AS o(order_number text, customer_id text, status text,
       subtotal integer, shipping integer, payment_method text, placed_at timestamptz, paid_at timestamptz,
       shipped_at timestamptz, delivered_at timestamptz, cancelled_at timestamptz, ship_name text,
       ship_line1 text, ship_postal_code text, ship_city text, ship_country text)`,
    rows(
      data.orders.map((order) => {
        const customer = customers.get(order.customerId);
        if (!customer) throw new Error(`demo order ${order.orderNumber} has no customer`);
        return {
          order_number: order.orderNumber,
          customer_id: order.customerId,
          status: order.status,
          subtotal: order.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0),
          shipping: order.shippingMinor,
          payment_method: order.paymentMethod,
          placed_at: order.placedAt,
          paid_at: order.paidAt,
          shipped_at: order.shippedAt,
          delivered_at: order.deliveredAt,
          cancelled_at: order.cancelledAt,
          ship_name: customer.name,
          ship_line1: customer.address.line1,
          ship_postal_code: customer.address.postalCode,
          ship_city: customer.address.city,
          ship_country: customer.address.country,
        };
      }),
    ),
  );

  await tx.query(
    `INSERT INTO order_lines (order_id, line_no, sku, product_name, size, colour, quantity, unit_price_minor)
     SELECT o.id, l.line_no, l.sku, l.product_name, l.size, l.colour, l.quantity, l.unit_price_minor
     FROM jsonb_to_recordset($1::text::jsonb) AS l(order_number text, line_no smallint, sku text,
       product_name text, size text, colour text, quantity integer, unit_price_minor integer)
     JOIN orders o ON o.order_number = l.order_number`,
    rows(
      data.orders.flatMap((order) =>
        order.lines.map((line, index) => ({
          order_number: order.orderNumber,
          line_no: index + 1,
          sku: line.sku,
          product_name: line.productName,
          size: line.size,
          colour: line.colour,
          quantity: line.quantity,
          unit_price_minor: line.unitPriceMinor,
        })),
      ),
    ),
  );

  const shipments = data.orders.flatMap((order) => order.shipments.map((shipment) => ({ order, shipment })));
  await tx.query(
    `INSERT INTO shipments (order_id, carrier, tracking_number, tracking_url, status, shipped_at,
       estimated_delivery, delivered_at)
     SELECT o.id, s.carrier, s.tracking_number, s.tracking_url, s.status, s.shipped_at, s.estimated_delivery,
       s.delivered_at
     FROM jsonb_to_recordset($1::text::jsonb) AS s(order_number text, carrier text, tracking_number text,
       tracking_url text, status text, shipped_at timestamptz, estimated_delivery date, delivered_at timestamptz)
     JOIN orders o ON o.order_number = s.order_number`,
    rows(
      shipments.map(({ order, shipment }) => ({
        order_number: order.orderNumber,
        carrier: shipment.carrier,
        tracking_number: shipment.trackingNumber,
        tracking_url: shipment.trackingUrl,
        status: shipment.status,
        shipped_at: shipment.shippedAt,
        estimated_delivery: shipment.estimatedDelivery,
        delivered_at: shipment.deliveredAt,
      })),
    ),
  );

  await tx.query(
    `INSERT INTO tracking_events (shipment_id, occurred_at, location, description)
     SELECT s.id, e.occurred_at, e.location, e.description
     FROM jsonb_to_recordset($1::text::jsonb) AS e(carrier text, tracking_number text,
       occurred_at timestamptz, location text, description text)
     JOIN shipments s ON s.carrier = e.carrier AND s.tracking_number = e.tracking_number`,
    rows(
      shipments.flatMap(({ shipment }) =>
        shipment.events.map((event) => ({
          carrier: shipment.carrier,
          tracking_number: shipment.trackingNumber,
          occurred_at: event.occurredAt,
          location: event.location,
          description: event.description,
        })),
      ),
    ),
  );

  const returns = data.orders.flatMap((order) => order.returns.map((ret) => ({ order, ret })));
  await tx.query(
    `INSERT INTO returns (order_id, status, reason, refund_minor, currency, label_code, label_carrier,
       created_at, ship_back_by)
     SELECT o.id, r.status, r.reason, r.refund_minor, 'EUR', r.label_code, r.label_carrier, r.created_at,
       r.ship_back_by
     FROM jsonb_to_recordset($1::text::jsonb) AS r(order_number text, status text, reason text,
       refund_minor integer, label_code text, label_carrier text, created_at timestamptz, ship_back_by timestamptz)
     JOIN orders o ON o.order_number = r.order_number
     ORDER BY r.created_at`,
    rows(
      returns.map(({ order, ret }) => ({
        order_number: order.orderNumber,
        status: ret.status,
        reason: ret.reason,
        refund_minor: ret.refundMinor,
        label_code: ret.labelCode,
        label_carrier: ret.labelCarrier,
        created_at: ret.createdAt,
        ship_back_by: ret.shipBackBy,
      })),
    ),
  );

  await tx.query(
    `INSERT INTO return_lines (return_id, order_line_id, quantity)
     SELECT r.id, ol.id, rl.quantity
     FROM jsonb_to_recordset($1::text::jsonb) AS rl(label_code text, sku text, quantity integer)
     JOIN returns r ON r.label_code = rl.label_code
     JOIN order_lines ol ON ol.order_id = r.order_id AND ol.sku = rl.sku`,
    rows(
      returns.flatMap(({ ret }) =>
        ret.lines.map((line) => ({ label_code: ret.labelCode, sku: line.sku, quantity: line.quantity })),
      ),
    ),
  );
}
