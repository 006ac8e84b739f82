import type { Database } from '@shopchat/postgres';

/**
 * Rows deleted per statement: a purge after a long pause (or the first one on an old database) deletes in
 * slices, so it never holds locks on the whole table or runs past the statement timeout.
 */
export const PURGE_BATCH = 1_000;

/**
 * Deletes the conversations whose last activity is older than the retention (with everything they hold:
 * the foreign keys cascade), and leaves one audit entry saying how many went. Returns that count.
 */
export async function purgeExpiredConversations(db: Database, options: { retentionDays: number; now: number }) {
  const cutoff = new Date(options.now - options.retentionDays * 86_400_000).toISOString();
  let purged = 0;
  for (;;) {
    const rows = await db.query<{ id: string }>(
      `DELETE FROM record_conversations WHERE id IN (
         SELECT id FROM record_conversations WHERE last_activity_at < $1 LIMIT ${PURGE_BATCH})
       RETURNING id`,
      [cutoff],
    );
    purged += rows.length;
    if (rows.length < PURGE_BATCH) break;
  }
  if (purged > 0) {
    await db.query(
      `INSERT INTO record_audit (actor, action, detail) VALUES ('system:retention', 'purge_expired', $1::jsonb)`,
      [JSON.stringify({ conversations: purged, before: cutoff, retentionDays: options.retentionDays })],
    );
  }
  return purged;
}
