import type { Database } from '@shopchat/postgres';
import { tableFingerprint } from '@shopchat/postgres/testing';

const TABLES = ['product_categories', 'products', 'product_variants', 'products_migrations'];

/**
 * A digest of every row of every table: equal before and after means the calls in between changed
 * nothing at all.
 */
export function databaseFingerprint(db: Database): Promise<string> {
  return tableFingerprint(db, TABLES);
}
