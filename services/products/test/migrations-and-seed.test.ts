import type { Database } from '@shopchat/postgres';
import { useSuiteDatabase } from '@shopchat/postgres/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalogueFile } from '../src/db/catalogue-file.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedCatalogue } from '../src/db/seed-catalogue.ts';
import { databaseFingerprint } from './support/database-fingerprint.ts';
import { testBackends } from './support/test-databases.ts';

const backends = await testBackends();

describe.each(backends)('migrations and seed on $name', (backend) => {
  describe.skipIf(!backend.available)('in a database of its own', () => {
    let db: Database;
    useSuiteDatabase(backend, { beforeAll, afterAll }, (opened) => {
      db = opened;
    });

    it('applies every migration once, then nothing, keeping its history in products_migrations', async () => {
      const first = await migrate(db);
      expect(first.applied).toEqual(['0001_catalogue', '0002_catalogue-version']);
      expect(await migrate(db)).toEqual({ schema: first.schema, applied: [] });
      const [history] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM products_migrations');
      expect(history?.n).toBe(2);
    });

    it('seeds every category, product and variant of the catalogue file', async () => {
      const catalogue = await readCatalogueFile();
      const report = await seedCatalogue(db, catalogue);
      const variants = catalogue.products.reduce((sum, product) => sum + product.variants.length, 0);
      expect(report).toEqual({
        seeded: true,
        inserted: { categories: 13, products: 337, variants },
        categories: 13,
        products: 337,
        variants,
      });
      expect(variants).toBe(3787);
      const perCategory = await db.query<{ id: string; n: number }>(
        `SELECT c.id, count(p.id)::int AS n FROM product_categories c LEFT JOIN products p ON p.category_id = c.id
         GROUP BY c.id, c.position ORDER BY c.position`,
      );
      expect(perCategory).toEqual(catalogue.categories.map((c) => ({ id: c.id, n: c.productCount })));
      const [sample] = await db.query<{ image: string; rating: string; waterproof: boolean; attributes: object }>(
        `SELECT image, rating::text, waterproof, attributes FROM products WHERE id = 'alpora-mens-ridgeback-mid-waterproof-hiking-boot'`,
      );
      expect(sample).toMatchObject({ image: 'boot-brown.svg', rating: '4.5', waterproof: true });
      expect(sample?.attributes).toMatchObject({ material: 'suede and polyamide mesh', cut: 'mid' });
    });

    it('changes nothing when run again, and never resets stock that has moved', async () => {
      const sku = 'ALP-HB-GITZE-BRN-41';
      await db.query('UPDATE product_variants SET stock = 7 WHERE sku = $1', [sku]);
      const before = await databaseFingerprint(db);
      const report = await seedCatalogue(db, await readCatalogueFile());
      expect(report.seeded).toBe(false);
      expect(report.inserted).toEqual({ categories: 0, products: 0, variants: 0 });
      expect(await databaseFingerprint(db)).toBe(before);
      const [row] = await db.query<{ stock: number }>('SELECT stock FROM product_variants WHERE sku = $1', [sku]);
      expect(row?.stock).toBe(7);
    });

    it('enforces the catalogue invariants in the schema itself', async () => {
      await expect(
        db.query(`UPDATE product_variants SET stock = -1 WHERE sku = 'ALP-HB-GITZE-BRN-41'`),
      ).rejects.toThrow(/check constraint/);
      await expect(
        db.query(`UPDATE products SET compare_at_price_minor = price_minor WHERE sku = 'ALP-HB-GITZE'`),
      ).rejects.toThrow(/check constraint/);
      await expect(db.query(`UPDATE products SET image = '../secret.svg' WHERE sku = 'ALP-HB-GITZE'`)).rejects.toThrow(
        /check constraint/,
      );
      await expect(db.query(`UPDATE products SET gender = 'robots' WHERE sku = 'ALP-HB-GITZE'`)).rejects.toThrow(
        /check constraint/,
      );
    });
  });
});
