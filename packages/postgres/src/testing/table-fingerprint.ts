import type { Database } from '../database.ts';

const TABLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A digest of every row of `tables`: equal before and after means the statements in between changed
 * nothing at all. Each test suite names the tables its service owns. One statement, so a property test
 * can afford one per generated call.
 */
export async function tableFingerprint(db: Database, tables: readonly string[]): Promise<string> {
  if (tables.length === 0) throw new TypeError('name at least one table');
  // Table names are written into the statement, so only plain identifiers from the caller's constant.
  const invalid = tables.find((table) => !TABLE_NAME.test(table));
  if (invalid !== undefined) throw new TypeError(`"${invalid}" is not a plain table name`);
  const digests = tables.map(
    (table) =>
      `(SELECT '${table}:' || count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM ${table} t)`,
  );
  const [row] = await db.query<{ fingerprint: string }>(`SELECT ${digests.join(" || ';' || ")} AS fingerprint`);
  return row?.fingerprint ?? '';
}
