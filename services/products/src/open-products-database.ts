import { type Database, openDatabase } from '@shopchat/postgres';
import type { Logger } from 'pino';
import { readCatalogueFile } from './db/catalogue-file.ts';
import { migrate } from './db/migrate.ts';
import { seedCatalogue } from './db/seed-catalogue.ts';
import type { ProductsSettings } from './products-settings.ts';

/** Opens the database the settings name, migrates it and seeds the demo catalogue, as configured. */
export async function openProductsDatabase(settings: ProductsSettings, log: Logger): Promise<Database> {
  const db = await openDatabase({
    ...(settings.databaseUrl ? { url: settings.databaseUrl } : {}),
    ...(settings.dataDir ? { dataDir: settings.dataDir } : {}),
    onIdleError: (error) => log.warn({ err: error }, 'an idle database connection failed; the pool replaces it'),
  });
  try {
    if (settings.migrateOnStart) {
      const report = await migrate(db);
      log.info({ schema: report.schema, applied: report.applied }, 'database schema up to date');
    }
    if (settings.seedDemoData) {
      const report = await seedCatalogue(db, await readCatalogueFile());
      log.info(report, report.seeded ? 'demo catalogue written' : 'demo catalogue already present');
    }
    log.info({ engine: settings.databaseUrl ? 'postgresql' : 'pglite (embedded)' }, 'database ready');
    return db;
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
