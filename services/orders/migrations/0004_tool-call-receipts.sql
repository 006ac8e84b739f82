-- Up Migration

-- The outcome of a side-effecting tool call under the host's idempotency key (`_meta`
-- dev.shopchat/idempotency-key). A call repeated with the same key (a turn retried on another worker after
-- a crash) gets the first outcome back instead of acting twice. Written in the same transaction as the
-- effect, so an effect never exists without its receipt.
CREATE TABLE tool_call_receipts (
  idempotency_key text PRIMARY KEY CHECK (length(idempotency_key) BETWEEN 8 AND 128),
  customer_id text NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  tool text NOT NULL CHECK (length(tool) BETWEEN 1 AND 64),
  outcome jsonb NOT NULL,
  created_at timestamptz NOT NULL
);

-- Down Migration

DROP TABLE tool_call_receipts;
