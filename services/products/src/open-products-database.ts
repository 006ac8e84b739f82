import { type Database, openServiceDatabase } from '@shopchat/postgres';
import type { Logger } from 'pino';
import { readCatalogueFile } from './db/catalogue-file.ts';
import { migrate } from './db/migrate.ts';
import { seedCatalogue } from './db/seed-catalogue.ts';
import type { ProductsSettings } from './products-settings.ts';

/** Opens the database the settings name, migrates it and seeds the demo catalogue, as configured. */
export function openProductsDatabase(settings: ProductsSettings, log: Logger): Promise<Database> {
  return openServiceDatabase({
    ...(settings.databaseUrl ? { url: settings.databaseUrl } : {}),
    ...(settings.dataDir ? { dataDir: settings.dataDir } : {}),
    migrateOnStart: settings.migrateOnStart,
    migrate,
    ...(settings.seedDemoData ? { seed: async (db: Database) => seedCatalogue(db, await readCatalogueFile()) } : {}),
    log,
  });
}
