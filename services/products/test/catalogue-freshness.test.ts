import { type Database, openDatabase } from '@shopchat/postgres';
import { TEST_DATABASE_URL } from '@shopchat/postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductCard } from '../src/tools/product-card.ts';
import { eventually } from './support/eventually.ts';
import { type RunningProducts, startProductsService, type ToolResult } from './support/start-products-service.ts';
import { openSeededDatabase, type TestDatabase, testBackends } from './support/test-databases.ts';

const backends = await testBackends();
const cards = (result: ToolResult) => (result.structuredContent as { results: ProductCard[] }).results;

describe.each(backends)('search answers follow catalogue changes on $name', (backend) => {
  let database: TestDatabase;
  /** Where changes are written: another connection on PostgreSQL; PGlite has only its one. */
  let writer: Database;
  let products: RunningProducts;

  beforeAll(async () => {
    if (!backend.available) return;
    database = await openSeededDatabase(backend);
    products = await startProductsService(database.db);
    if (backend.name === 'postgres') {
      const [row] = await database.db.query<{ schema: string }>('SELECT current_schema() AS schema');
      writer = await openDatabase({ url: TEST_DATABASE_URL, ...(row ? { schema: row.schema } : {}) });
    } else {
      writer = database.db;
    }
  });
  afterAll(async () => {
    await products?.stop();
    if (writer !== database?.db) await writer?.close();
    await database?.dispose();
  });

  it.skipIf(!backend.available)('shows a new price and a sell-out made in the database', async () => {
    // The very search polled below, so its remembered answer must be forgotten when the catalogue changes.
    const [boot] = cards(await products.call('search_products', { query: 'waterproof hiking boots', limit: 20 }));
    if (!boot) throw new Error('no boot found');
    const newPrice = boot.price.amount_minor + 1_234;

    await writer.query('UPDATE products SET price_minor = $2, compare_at_price_minor = NULL WHERE id = $1', [
      boot.id,
      newPrice,
    ]);
    await writer.query('UPDATE product_variants SET price_minor = NULL WHERE product_id = $1', [boot.id]);
    await eventually(async () => {
      const result = await products.call('search_products', { query: 'waterproof hiking boots', limit: 20 });
      expect(cards(result).find((card) => card.id === boot.id)?.price.amount_minor).toBe(newPrice);
    });

    // One unit left of the first variant, none of the rest: the card says so.
    await writer.query('UPDATE product_variants SET stock = (position = 0)::int WHERE product_id = $1', [boot.id]);
    await eventually(async () => {
      const result = await products.call('search_products', { query: 'waterproof hiking boots', limit: 20 });
      expect(cards(result).find((card) => card.id === boot.id)?.availability).toMatchObject({
        status: 'low_stock',
        label: 'Only 1 left',
      });
    });

    await writer.query('UPDATE product_variants SET stock = 0 WHERE product_id = $1', [boot.id]);
    await eventually(async () => {
      const inStock = await products.call('search_products', {
        query: 'waterproof hiking boots',
        in_stock: true,
        limit: 20,
      });
      expect(cards(inStock).map((card) => card.id)).not.toContain(boot.id);
      const detail = await products.call('get_product', { product_id: boot.id });
      expect(JSON.stringify(detail.structuredContent)).not.toMatch(/"stock":[1-9]/);
    });
  });
});
