import { openDatabase } from '@shopchat/postgres';

/** A product to add to the catalogue: a copy of an existing one with this id, name and description. */
export interface ExtraProduct {
  id: string;
  name: string;
  description: string;
}

/**
 * Adds products to a stopped products server's embedded database (`PRODUCTS_DATA_DIR`), each a copy of the
 * catalogue's first product (category, price, variants) under a new id, SKU, name and description, so the
 * test depends on nothing of the schema but these columns. The server indexes them when it starts again.
 */
export async function addProducts(dataDir: string, products: readonly ExtraProduct[]): Promise<void> {
  const db = await openDatabase({ dataDir });
  try {
    await db.transaction(async (tx) => {
      const [template] = await tx.query<{ id: string }>('SELECT id FROM products ORDER BY id LIMIT 1');
      if (!template) throw new Error(`no products in ${dataDir} to copy`);
      for (const [n, product] of products.entries()) {
        const sku = `INJ-${n + 1}`;
        await tx.query('CREATE TEMP TABLE extra_product ON COMMIT DROP AS SELECT * FROM products WHERE id = $1', [
          template.id,
        ]);
        await tx.query('UPDATE extra_product SET id = $1, sku = $2, name = $3, description = $4', [
          product.id,
          sku,
          product.name,
          product.description,
        ]);
        await tx.query('INSERT INTO products SELECT * FROM extra_product');
        await tx.query('DROP TABLE extra_product');
        await tx.query(
          'CREATE TEMP TABLE extra_variants ON COMMIT DROP AS SELECT * FROM product_variants WHERE product_id = $1',
          [template.id],
        );
        await tx.query("UPDATE extra_variants SET product_id = $1, sku = $2 || '-' || position", [product.id, sku]);
        await tx.query('INSERT INTO product_variants SELECT * FROM extra_variants');
        await tx.query('DROP TABLE extra_variants');
      }
    });
  } finally {
    await db.close();
  }
}
