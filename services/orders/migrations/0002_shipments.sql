-- Up Migration

-- A parcel of an order as the carrier knows it. An order usually ships as one parcel, but may ship as several.
CREATE TABLE shipments (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id integer NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  carrier text NOT NULL CHECK (length(carrier) BETWEEN 1 AND 60),
  tracking_number text NOT NULL CHECK (length(tracking_number) BETWEEN 4 AND 60),
  tracking_url text NOT NULL CHECK (tracking_url ~ '^https://'),
  status text NOT NULL
    CHECK (status IN ('label_created', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned_to_sender')),
  shipped_at timestamptz,
  estimated_delivery date,
  delivered_at timestamptz,
  UNIQUE (carrier, tracking_number),
  CONSTRAINT shipments_delivered_has_date CHECK (status <> 'delivered' OR delivered_at IS NOT NULL)
);

CREATE INDEX shipments_order_idx ON shipments (order_id);

-- The carrier's scans, oldest to newest.
CREATE TABLE tracking_events (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  shipment_id integer NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
  occurred_at timestamptz NOT NULL,
  location text NOT NULL CHECK (length(location) BETWEEN 1 AND 120),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 300)
);

CREATE INDEX tracking_events_shipment_idx ON tracking_events (shipment_id, occurred_at);

-- Down Migration

DROP TABLE tracking_events;
DROP TABLE shipments;
