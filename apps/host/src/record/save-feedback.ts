import type { Database } from '@shopchat/postgres';

export interface Feedback {
  conversationId: string;
  /** The owner: the customer id, or null for an anonymous visitor's conversation. */
  customerId: string | null;
  /** Epoch ms when the conversation started (its row may not be on record yet). */
  conversationStartedAt: number;
  rating: number;
  comment?: string;
  /** Epoch ms. */
  at: number;
}

/**
 * Stores the one rating a conversation may get; false when it already has one. The conversation's row is
 * created when its first turn is still on its way to the record, and the conversation is marked closed:
 * the customer rated it on leaving.
 */
export async function saveFeedback(db: Database, feedback: Feedback): Promise<boolean> {
  return db.transaction(async (tx) => {
    const at = new Date(feedback.at).toISOString();
    await tx.query(
      `INSERT INTO record_conversations (id, customer_id, started_at, last_activity_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`,
      [feedback.conversationId, feedback.customerId, new Date(feedback.conversationStartedAt).toISOString(), at],
    );
    const rows = await tx.query(
      `INSERT INTO record_feedback (conversation_id, rating, comment, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (conversation_id) DO NOTHING RETURNING 1`,
      [feedback.conversationId, feedback.rating, feedback.comment ?? null, at],
    );
    if (rows.length === 0) return false;
    await tx.query(`UPDATE record_conversations SET status = 'closed' WHERE id = $1 AND status = 'bot'`, [
      feedback.conversationId,
    ]);
    return true;
  });
}
