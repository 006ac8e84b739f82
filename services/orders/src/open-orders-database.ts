import { type Database, openServiceDatabase } from '@shopchat/postgres';
import type { Logger } from 'pino';
import { migrate } from './db/migrate.ts';
import { seedDemoData } from './db/seed.ts';
import type { OrdersSettings } from './orders-settings.ts';

/** Opens the database the settings name, migrates it and seeds the demo data, as configured. */
export function openOrdersDatabase(settings: OrdersSettings, log: Logger): Promise<Database> {
  return openServiceDatabase({
    ...(settings.databaseUrl ? { url: settings.databaseUrl } : {}),
    ...(settings.dataDir ? { dataDir: settings.dataDir } : {}),
    migrateOnStart: settings.migrateOnStart,
    migrate,
    ...(settings.seedDemoData ? { seed: (db: Database) => seedDemoData(db, { now: new Date() }) } : {}),
    log,
  });
}
