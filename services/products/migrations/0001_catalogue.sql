-- Up Migration

-- The shop's departments, in the order the shop lists them.
CREATE TABLE product_categories (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
  position smallint NOT NULL UNIQUE CHECK (position >= 0)
);

-- One row per product. The attributes every filter reads (gender, season, waterproof) are columns with
-- CHECKs; the category-specific rest (cut, fill, capacity…) is jsonb. Money in integer minor units.
CREATE TABLE products (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,119}$'),
  sku text NOT NULL UNIQUE CHECK (sku ~ '^[A-Z0-9][A-Z0-9-]{2,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  brand text NOT NULL CHECK (length(brand) BETWEEN 1 AND 100),
  category_id text NOT NULL REFERENCES product_categories (id),
  subcategory text NOT NULL CHECK (length(subcategory) BETWEEN 1 AND 100),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
  price_minor integer NOT NULL CHECK (price_minor > 0),
  compare_at_price_minor integer CHECK (compare_at_price_minor > price_minor),
  currency char(3) NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
  rating numeric(2, 1) NOT NULL CHECK (rating BETWEEN 0 AND 5),
  review_count integer NOT NULL CHECK (review_count >= 0),
  gender text NOT NULL CHECK (gender IN ('men', 'women', 'unisex', 'kids')),
  season text NOT NULL CHECK (season IN ('summer', '3-season', 'winter', 'all-season')),
  waterproof boolean NOT NULL,
  attributes jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
  tags text[] NOT NULL DEFAULT '{}',
  -- A file name in public/images, served at /images/<file>.
  image text NOT NULL CHECK (image ~ '^[a-z0-9][a-z0-9-]*\.svg$')
);

CREATE INDEX products_category_idx ON products (category_id);

-- One row per size × colour. Stock is live: it is what availability answers are read from.
CREATE TABLE product_variants (
  sku text PRIMARY KEY CHECK (sku ~ '^[A-Z0-9][A-Z0-9-]{2,59}$'),
  product_id text NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  position smallint NOT NULL CHECK (position >= 0),
  size text NOT NULL CHECK (length(size) BETWEEN 1 AND 40),
  colour text NOT NULL CHECK (length(colour) BETWEEN 1 AND 40),
  stock integer NOT NULL CHECK (stock >= 0),
  -- Set only when this variant costs more or less than the product (a long sleeping bag).
  price_minor integer CHECK (price_minor > 0),
  image text NOT NULL CHECK (image ~ '^[a-z0-9][a-z0-9-]*\.svg$'),
  UNIQUE (product_id, size, colour),
  UNIQUE (product_id, position)
);

-- Serves the size filter (compared upper-cased) and "in stock in this size" look-ups.
CREATE INDEX product_variants_product_size_idx ON product_variants (product_id, upper(size));

-- Down Migration

DROP TABLE product_variants;
DROP TABLE products;
DROP TABLE product_categories;
