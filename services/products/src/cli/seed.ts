/**
 * `npm run seed -w services/products`: migrates DATABASE_URL, then writes the demo catalogue's missing
 * categories, products and variants (existing rows, and so their stock, are left as they are).
 */

import { runDatabaseCli } from '@shopchat/postgres';
import { readCatalogueFile } from '../db/catalogue-file.ts';
import { migrate } from '../db/migrate.ts';
import { seedCatalogue } from '../db/seed-catalogue.ts';

await runDatabaseCli('products', 'seed', async (db) => {
  const migrated = await migrate(db);
  const report = await seedCatalogue(db, await readCatalogueFile());
  return { ...report, migrationsApplied: migrated.applied };
});
