import type { Database } from '@shopchat/postgres';

const TABLES = ['product_categories', 'products', 'product_variants', 'products_migrations'];

/**
 * A digest of every row of every table: equal before and after means the calls in between changed
 * nothing at all.
 */
export async function databaseFingerprint(db: Database): Promise<string> {
  const parts: string[] = [];
  for (const table of TABLES) {
    // Table names come from the constant above, never from input.
    const [row] = await db.query<{ digest: string | null; n: number }>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest, count(*)::int AS n FROM ${table} t`,
    );
    parts.push(`${table}:${row?.n}:${row?.digest}`);
  }
  return parts.join(';');
}
