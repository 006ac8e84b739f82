import type { Database } from '@shopchat/postgres';
import { CatalogueSnapshot, type Category } from './catalogue-snapshot.ts';
import { readProducts } from './read-products.ts';

/** The catalogue version now: one row, one index-free read. */
export async function readCatalogueVersion(db: Database): Promise<number> {
  const [row] = await db.query<{ version: string }>('SELECT version FROM products_catalogue_version');
  if (!row) throw new Error('products_catalogue_version is empty: run the products migrations');
  return Number(row.version);
}

/**
 * The whole catalogue and its version in one REPEATABLE READ transaction, so the rows are exactly those
 * of the version read with them, whatever commits meanwhile.
 */
export function readCatalogueSnapshot(db: Database): Promise<CatalogueSnapshot> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const version = await readCatalogueVersion(tx);
    const products = await readProducts(tx);
    const categories = await tx.query<Category>('SELECT id, label, position FROM product_categories ORDER BY position');
    return new CatalogueSnapshot(version, products, categories);
  });
}
