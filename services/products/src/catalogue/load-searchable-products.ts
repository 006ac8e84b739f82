import type { Database } from '@shopchat/postgres';
import type { SearchableProduct } from '../search/searchable-product.ts';

/** Every product's words, for building the search index at startup (stock and prices are not read). */
export async function loadSearchableProducts(db: Database): Promise<SearchableProduct[]> {
  const rows = await db.query<{
    id: string;
    name: string;
    brand: string;
    category_label: string;
    subcategory: string;
    tags: string[];
    description: string;
    gender: string;
    season: string;
    waterproof: boolean;
    attributes: Record<string, unknown>;
    colours: string[];
  }>(
    `SELECT p.id, p.name, p.brand, c.label AS category_label, p.subcategory, p.tags, p.description, p.gender,
       p.season, p.waterproof, p.attributes,
       ARRAY(SELECT DISTINCT v.colour FROM product_variants v WHERE v.product_id = p.id ORDER BY v.colour) AS colours
     FROM products p JOIN product_categories c ON c.id = p.category_id
     ORDER BY p.id`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    brand: row.brand,
    categoryLabel: row.category_label,
    subcategory: row.subcategory,
    tags: row.tags,
    description: row.description,
    gender: row.gender,
    season: row.season,
    waterproof: row.waterproof,
    attributes: row.attributes,
    colours: row.colours,
  }));
}
