import type { Database } from '@shopchat/postgres';

/** A department of the shop and how much is in it now. */
export interface CategorySummary {
  id: string;
  label: string;
  productCount: number;
  /** Products with at least one variant in stock. */
  inStockCount: number;
}

/** Every category, in the shop's order, with live product counts. */
export async function listCategories(db: Database): Promise<CategorySummary[]> {
  const rows = await db.query<{ id: string; label: string; product_count: number; in_stock_count: number }>(
    `SELECT c.id, c.label, count(p.id)::int AS product_count,
       count(p.id) FILTER (WHERE EXISTS (
         SELECT 1 FROM product_variants v WHERE v.product_id = p.id AND v.stock > 0))::int AS in_stock_count
     FROM product_categories c LEFT JOIN products p ON p.category_id = c.id
     GROUP BY c.id, c.label, c.position
     ORDER BY c.position`,
  );
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    productCount: row.product_count,
    inStockCount: row.in_stock_count,
  }));
}
