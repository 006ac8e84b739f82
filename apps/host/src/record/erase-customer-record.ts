import type { Database } from '@shopchat/postgres';

/**
 * The right to erasure: deletes every recorded conversation of one customer (messages, calls, approvals
 * and ratings cascade) and, in the same transaction, leaves an audit entry naming who erased whom and
 * how many conversations went. The entry holds no message content.
 */
export async function eraseCustomerRecord(
  db: Database,
  request: { customerId: string; staffId: string },
): Promise<{ conversations: number }> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      'DELETE FROM record_conversations WHERE customer_id = $1 RETURNING id',
      [request.customerId],
    );
    await tx.query(
      `INSERT INTO record_audit (actor, action, subject, detail) VALUES ($1, 'erase_customer', $2, $3::jsonb)`,
      [request.staffId, request.customerId, JSON.stringify({ conversations: rows.length })],
    );
    return { conversations: rows.length };
  });
}
