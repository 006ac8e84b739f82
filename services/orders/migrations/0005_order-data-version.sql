-- Up Migration

-- The version of what `get_order` shows: bumped by every statement that changes an order, its lines, its
-- parcels or its returns, in the same transaction, so a replica reading it in the same statement as an
-- order knows which version its copy is of (docs/decisions/0023, amendment). Every change also NOTIFYs
-- `orders_data` (delivered after commit): replicas forget their copies at once; comparing the version is
-- their fallback when a notification is lost.
CREATE TABLE orders_data_version (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version bigint NOT NULL
);
INSERT INTO orders_data_version (singleton, version) VALUES (true, 1);

CREATE FUNCTION orders_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE orders_data_version SET version = version + 1;
  PERFORM pg_notify('orders_data', '');
  RETURN NULL;
END
$$;

-- Per statement, not per row: a bulk status update is one bump and one notification.
CREATE TRIGGER orders_data_orders_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON orders
  FOR EACH STATEMENT EXECUTE FUNCTION orders_data_changed();
CREATE TRIGGER orders_data_lines_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON order_lines
  FOR EACH STATEMENT EXECUTE FUNCTION orders_data_changed();
CREATE TRIGGER orders_data_shipments_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON shipments
  FOR EACH STATEMENT EXECUTE FUNCTION orders_data_changed();
CREATE TRIGGER orders_data_returns_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON returns
  FOR EACH STATEMENT EXECUTE FUNCTION orders_data_changed();
CREATE TRIGGER orders_data_return_lines_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON return_lines
  FOR EACH STATEMENT EXECUTE FUNCTION orders_data_changed();

-- Down Migration

DROP TRIGGER orders_data_return_lines_changed ON return_lines;
DROP TRIGGER orders_data_returns_changed ON returns;
DROP TRIGGER orders_data_shipments_changed ON shipments;
DROP TRIGGER orders_data_lines_changed ON order_lines;
DROP TRIGGER orders_data_orders_changed ON orders;
DROP FUNCTION orders_data_changed();
DROP TABLE orders_data_version;
