-- Up Migration

-- The catalogue's version: bumped by every statement that changes products, variants or categories, in
-- the same transaction, so a replica that reads it together with the rows knows what its copy is of.
-- Every change also NOTIFYs `products_catalogue` (delivered after commit), which replicas LISTEN on to
-- reload at once; comparing the version is their fallback when a notification is lost.
CREATE TABLE products_catalogue_version (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version bigint NOT NULL
);
INSERT INTO products_catalogue_version (singleton, version) VALUES (true, 1);

CREATE FUNCTION products_catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE products_catalogue_version SET version = version + 1;
  PERFORM pg_notify('products_catalogue', '');
  RETURN NULL;
END
$$;

-- Per statement, not per row: a bulk stock update is one bump and one notification.
CREATE TRIGGER product_categories_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON product_categories
  FOR EACH STATEMENT EXECUTE FUNCTION products_catalogue_changed();
CREATE TRIGGER products_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON products
  FOR EACH STATEMENT EXECUTE FUNCTION products_catalogue_changed();
CREATE TRIGGER product_variants_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON product_variants
  FOR EACH STATEMENT EXECUTE FUNCTION products_catalogue_changed();

-- Down Migration

DROP TRIGGER product_variants_changed ON product_variants;
DROP TRIGGER products_changed ON products;
DROP TRIGGER product_categories_changed ON product_categories;
DROP FUNCTION products_catalogue_changed();
DROP TABLE products_catalogue_version;
