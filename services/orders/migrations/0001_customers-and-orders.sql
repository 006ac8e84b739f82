-- Up Migration

-- Customers as the shop knows them; `id` is the `sub` of the shop's customer token.
CREATE TABLE customers (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email text NOT NULL UNIQUE CHECK (email LIKE '%_@_%'),
  country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per order; money in integer minor units (cents) so sums are exact.
CREATE TABLE orders (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_number text NOT NULL UNIQUE CHECK (order_number ~ '^[A-Z]-[0-9]{3,6}$'),
  customer_id text NOT NULL REFERENCES customers (id),
  status text NOT NULL
    CHECK (status IN ('placed', 'paid', 'packed', 'shipped', 'delivered', 'cancelled', 'returned')),
  currency char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
  subtotal_minor integer NOT NULL CHECK (subtotal_minor >= 0),
  shipping_minor integer NOT NULL CHECK (shipping_minor >= 0),
  total_minor integer NOT NULL,
  payment_method text NOT NULL CHECK (payment_method IN ('card', 'paypal', 'klarna', 'bank_transfer')),
  placed_at timestamptz NOT NULL,
  paid_at timestamptz,
  shipped_at timestamptz,
  delivered_at timestamptz,
  cancelled_at timestamptz,
  ship_name text NOT NULL CHECK (length(ship_name) BETWEEN 1 AND 200),
  ship_line1 text NOT NULL CHECK (length(ship_line1) BETWEEN 1 AND 200),
  ship_postal_code text NOT NULL CHECK (length(ship_postal_code) BETWEEN 1 AND 20),
  ship_city text NOT NULL CHECK (length(ship_city) BETWEEN 1 AND 100),
  ship_country char(2) NOT NULL CHECK (ship_country ~ '^[A-Z]{2}$'),
  CONSTRAINT orders_total_adds_up CHECK (total_minor = subtotal_minor + shipping_minor),
  -- Each state carries the timestamps that got it there, so a status never contradicts its dates.
  CONSTRAINT orders_paid_has_date
    CHECK (status IN ('placed', 'cancelled') OR paid_at IS NOT NULL),
  CONSTRAINT orders_shipped_has_date
    CHECK (status NOT IN ('shipped', 'delivered', 'returned') OR shipped_at IS NOT NULL),
  CONSTRAINT orders_delivered_has_date
    CHECK (status NOT IN ('delivered', 'returned') OR delivered_at IS NOT NULL),
  CONSTRAINT orders_cancelled_iff_date CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
);

-- Serves "my orders, newest first" and its keyset pagination on (placed_at, order_number).
CREATE INDEX orders_customer_placed_idx ON orders (customer_id, placed_at DESC, order_number DESC);

-- One line per product variant of an order; the SKU identifies the variant.
CREATE TABLE order_lines (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id integer NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no smallint NOT NULL CHECK (line_no >= 1),
  sku text NOT NULL CHECK (sku ~ '^[A-Z0-9][A-Z0-9-]{2,39}$'),
  product_name text NOT NULL CHECK (length(product_name) BETWEEN 1 AND 200),
  size text CHECK (length(size) BETWEEN 1 AND 40),
  colour text CHECK (length(colour) BETWEEN 1 AND 40),
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
  unit_price_minor integer NOT NULL CHECK (unit_price_minor >= 0),
  UNIQUE (order_id, line_no),
  -- A variant appears once per order (its quantity says how many), so a SKU names one line.
  UNIQUE (order_id, sku)
);

-- Down Migration

DROP TABLE order_lines;
DROP TABLE orders;
DROP TABLE customers;
