import type { Database } from '@shopchat/postgres';
import type { CatalogueFile } from './catalogue-file.ts';

/** What a seed run wrote, and how much catalogue the database now holds. */
export interface SeedReport {
  /** False when every row was already there and nothing was written. */
  seeded: boolean;
  inserted: { categories: number; products: number; variants: number };
  categories: number;
  products: number;
  variants: number;
}

/**
 * Writes the catalogue's categories, products and variants that are missing, keyed by id and SKU.
 * Existing rows are left exactly as they are, so running it twice changes nothing and a restart never
 * resets stock that sales have moved. Replicas seeding at once queue on an advisory lock.
 */
export async function seedCatalogue(db: Database, catalogue: CatalogueFile): Promise<SeedReport> {
  // `::text::jsonb`: sent as text, because PGlite would JSON-encode a string bound to a jsonb parameter again.
  const rows = (value: unknown) => [JSON.stringify(value)];
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['shopchat.products.seed']);

    const categories = await tx.query(
      `INSERT INTO product_categories (id, label, position)
       SELECT id, label, position FROM jsonb_to_recordset($1::text::jsonb) AS c(id text, label text, position smallint)
       ON CONFLICT DO NOTHING RETURNING id`,
      rows(catalogue.categories.map((category, position) => ({ id: category.id, label: category.label, position }))),
    );

    const products = await tx.query(
      `INSERT INTO products (id, sku, name, brand, category_id, subcategory, description, price_minor,
         compare_at_price_minor, currency, rating, review_count, gender, season, waterproof, attributes, tags, image)
       SELECT id, sku, name, brand, category_id, subcategory, description, price_minor, compare_at_price_minor,
         currency, rating, review_count, gender, season, waterproof, attributes,
         ARRAY(SELECT jsonb_array_elements_text(tags)), image
       FROM jsonb_to_recordset($1::text::jsonb) AS p(id text, sku text, name text, brand text, category_id text,
         subcategory text, description text, price_minor integer, compare_at_price_minor integer, currency text,
         rating numeric, review_count integer, gender text, season text, waterproof boolean, attributes jsonb,
         tags jsonb, image text)
       ON CONFLICT DO NOTHING RETURNING id`,
      rows(
        catalogue.products.map((product) => {
          const { gender, season, waterproof, ...attributes } = product.attributes;
          return {
            id: product.id,
            sku: product.sku,
            name: product.name,
            brand: product.brand,
            category_id: product.category,
            subcategory: product.subcategory,
            description: product.description,
            price_minor: product.priceMinor,
            compare_at_price_minor: product.compareAtPriceMinor ?? null,
            currency: product.currency,
            rating: product.rating,
            review_count: product.reviewCount,
            gender,
            season,
            waterproof,
            attributes,
            tags: product.tags,
            image: product.image,
          };
        }),
      ),
    );

    const variants = await tx.query(
      `INSERT INTO product_variants (sku, product_id, position, size, colour, stock, price_minor, image)
       SELECT sku, product_id, position, size, colour, stock, price_minor, image
       FROM jsonb_to_recordset($1::text::jsonb) AS v(sku text, product_id text, position smallint, size text,
         colour text, stock integer, price_minor integer, image text)
       ON CONFLICT DO NOTHING RETURNING sku`,
      rows(
        catalogue.products.flatMap((product) =>
          product.variants.map((variant, position) => ({
            sku: variant.sku,
            product_id: product.id,
            position,
            size: variant.size,
            colour: variant.colour,
            stock: variant.stock,
            price_minor: variant.priceMinor ?? null,
            image: variant.image,
          })),
        ),
      ),
    );

    const [counts] = await tx.query<{ categories: number; products: number; variants: number }>(
      `SELECT (SELECT count(*) FROM product_categories)::int AS categories,
         (SELECT count(*) FROM products)::int AS products,
         (SELECT count(*) FROM product_variants)::int AS variants`,
    );
    const inserted = { categories: categories.length, products: products.length, variants: variants.length };
    return {
      seeded: inserted.categories + inserted.products + inserted.variants > 0,
      inserted,
      categories: counts?.categories ?? 0,
      products: counts?.products ?? 0,
      variants: counts?.variants ?? 0,
    };
  });
}
