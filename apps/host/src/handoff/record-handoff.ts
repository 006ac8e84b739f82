import type { Database } from '@shopchat/postgres';
import type { UIMessage } from 'ai';
import { actorName, type Handoff, type HandoffActor } from './handoff-state.ts';

/**
 * Puts a hand-off change on record: the conversation's status (and, once handed over, `handed_off`, which
 * the console's metrics count) and a row naming who made the change. The conversation's row may not be on
 * record yet (the turn that handed over is written after it), so it is created here if needed.
 */
export async function recordHandoffChange(
  db: Database,
  change: { handoff: Handoff; actor: HandoffActor; conversationStartedAt: number },
): Promise<void> {
  const { handoff, actor } = change;
  const at = new Date(handoff.changedAt);
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO record_conversations (id, customer_id, status, handed_off, started_at, last_activity_at)
       VALUES ($1, $2, $3, true, $4, $5)
       ON CONFLICT (id) DO UPDATE SET status = $3, handed_off = true,
         last_activity_at = greatest(record_conversations.last_activity_at, $5)`,
      [handoff.conversationId, handoff.customerId, handoff.state, new Date(change.conversationStartedAt), at],
    );
    await tx.query(
      `INSERT INTO record_handoff_changes (conversation_id, at, state, actor, reason, summary)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        handoff.conversationId,
        at,
        handoff.state,
        actorName(actor),
        handoff.state === 'waiting' ? handoff.reason : null,
        handoff.state === 'waiting' ? handoff.summary : null,
      ],
    );
  });
}

/** An agent's message on record beside the bot's (its `turn_id` names the agent, as no turn wrote it). */
export async function recordAgentMessage(
  db: Database,
  input: { conversationId: string; message: UIMessage; text: string; staffId: string; at: number },
): Promise<void> {
  await db.query(
    `INSERT INTO record_messages (conversation_id, id, role, parts, text, created_at, turn_id)
     VALUES ($1, $2, 'assistant', $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [
      input.conversationId,
      input.message.id,
      JSON.stringify(input.message.parts),
      input.text,
      new Date(input.at),
      `agent:${input.staffId}`,
    ],
  );
}
