import type { Database } from '@shopchat/postgres';
import type { Gender } from './product.ts';
import type { ProductFilters } from './product-filters.ts';

/** How a product meets the filters, from its live variants. */
export interface FilterMatch {
  /** Lowest price among the variants the size, colour and stock filters select (minor units). */
  priceFromMinor: number;
  /** Units in stock across those variants. */
  unitsInStock: number;
  rating: number;
  reviewCount: number;
  gender: Gender;
}

/**
 * Every product that meets every filter, with its price and stock over the selected variants. One
 * statement with bound parameters; an absent filter is a NULL parameter that its clause lets through.
 * The filters are applied here, exactly, never left to ranking. `among` limits the answer to the products
 * a text search found, which saves reading the rest.
 */
export async function matchFilters(
  db: Database,
  filters: ProductFilters,
  among?: readonly string[],
): Promise<Map<string, FilterMatch>> {
  const rows = await db.query<{
    id: string;
    price_from_minor: number;
    units_in_stock: number;
    rating: number;
    review_count: number;
    gender: Gender;
  }>(
    `SELECT p.id, min(coalesce(v.price_minor, p.price_minor))::int AS price_from_minor,
       sum(v.stock)::int AS units_in_stock, p.rating::float8 AS rating, p.review_count, p.gender
     FROM products p
     JOIN product_variants v ON v.product_id = p.id
     WHERE ($1::text IS NULL OR p.category_id = $1)
       AND ($2::boolean IS NULL OR p.waterproof = $2)
       AND ($3::text IS NULL OR p.gender = $3 OR (p.gender = 'unisex' AND $3 IN ('men', 'women')))
       AND ($4::text IS NULL OR p.season = $4 OR p.season = 'all-season')
       AND ($5::text IS NULL OR upper(v.size) = $5)
       AND ($6::text IS NULL OR lower(v.colour) = $6 OR $6 = ANY(string_to_array(lower(v.colour), ' ')))
       AND ($7::boolean IS NOT TRUE OR v.stock > 0)
       AND ($10::text[] IS NULL OR p.id = ANY($10::text[]))
     GROUP BY p.id
     HAVING ($8::int IS NULL OR min(coalesce(v.price_minor, p.price_minor)) >= $8)
       AND ($9::int IS NULL OR min(coalesce(v.price_minor, p.price_minor)) <= $9)`,
    [
      filters.category ?? null,
      filters.waterproof ?? null,
      filters.gender ?? null,
      filters.season ?? null,
      filters.size ?? null,
      filters.colour ?? null,
      filters.inStock ?? null,
      filters.minPriceMinor ?? null,
      filters.maxPriceMinor ?? null,
      among ?? null,
    ],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        priceFromMinor: row.price_from_minor,
        unitsInStock: row.units_in_stock,
        rating: row.rating,
        reviewCount: row.review_count,
        gender: row.gender,
      },
    ]),
  );
}
