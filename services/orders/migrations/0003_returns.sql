-- Up Migration

-- Customer-facing return numbers (RMA-000001, …) come from their own sequence: short, unique, never reused.
CREATE SEQUENCE return_rma_seq;

-- A return the customer started for some lines of a delivered order.
CREATE TABLE returns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rma text NOT NULL UNIQUE DEFAULT ('RMA-' || lpad(nextval('return_rma_seq')::text, 6, '0')),
  order_id integer NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('requested', 'received', 'refunded', 'rejected')),
  reason text NOT NULL
    CHECK (reason IN ('too_small', 'too_large', 'not_as_described', 'defective', 'wrong_item', 'changed_mind', 'other')),
  comment text CHECK (length(comment) <= 500),
  refund_minor integer NOT NULL CHECK (refund_minor >= 0),
  currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- The code the customer shows at a drop-off point instead of printing a label.
  label_code text NOT NULL UNIQUE CHECK (length(label_code) BETWEEN 4 AND 40),
  label_carrier text NOT NULL CHECK (length(label_carrier) BETWEEN 1 AND 60),
  created_at timestamptz NOT NULL,
  ship_back_by timestamptz NOT NULL,
  CONSTRAINT returns_ship_back_after_start CHECK (ship_back_by > created_at)
);

CREATE INDEX returns_order_idx ON returns (order_id);

-- How many units of which order line a return covers.
CREATE TABLE return_lines (
  return_id uuid NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
  order_line_id integer NOT NULL REFERENCES order_lines (id) ON DELETE CASCADE,
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
  PRIMARY KEY (return_id, order_line_id)
);

-- Serves "units of this line already returned" when a new return is checked.
CREATE INDEX return_lines_order_line_idx ON return_lines (order_line_id);

-- Down Migration

DROP TABLE return_lines;
DROP TABLE returns;
DROP SEQUENCE return_rma_seq;
