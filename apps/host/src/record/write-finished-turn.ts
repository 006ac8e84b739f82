import type { Database } from '@shopchat/postgres';
import type { FinishedTurn } from './finished-turn.ts';

/** What one write did: `duplicate` when the turn was already on record (a retried job or write). */
export interface WriteReport {
  written: boolean;
  /** Rows inserted or changed, for the rows/s figure. */
  rows: number;
}

/**
 * The turn answers approvals whose question is not on record yet (its turn's write is still to come, as
 * jobs of one conversation can run out of order): retry later.
 */
export class QuestionNotOnRecordError extends Error {
  readonly code = 'question_not_on_record';
  readonly turnId: string;
  constructor(turnId: string) {
    super(`turn ${turnId} answers approvals that are not on record yet`);
    this.name = 'QuestionNotOnRecordError';
    this.turnId = turnId;
  }
}

export interface WriteOptions {
  /** Throw QuestionNotOnRecordError, writing nothing, when an answered approval's question is not on record. */
  waitForQuestions?: boolean;
}

const ms = (epochMs: number): string => new Date(epochMs).toISOString();

/** The plain text of a UI message's text parts: what the console's search looks in. */
function plainText(parts: unknown[]): string {
  return parts
    .map((part) => {
      const p = part as { type?: unknown; text?: unknown };
      return p.type === 'text' && typeof p.text === 'string' ? p.text : '';
    })
    .filter(Boolean)
    .join('\n');
}

/**
 * Writes one finished turn in one transaction, keyed by its turn id: the turn row goes first with
 * `ON CONFLICT DO NOTHING`, and when it was already there nothing else is written, so a retried write (or
 * a retried job of the same turn) never duplicates a row. Batches go in as one JSON parameter per table.
 */
export async function writeFinishedTurn(
  db: Database,
  turn: FinishedTurn,
  options: WriteOptions = {},
): Promise<WriteReport> {
  return db.transaction(async (tx) => {
    if (options.waitForQuestions && turn.approvalsAnswered.length > 0) {
      const asked = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM record_approvals WHERE conversation_id = $1 AND id = ANY($2::text[])`,
        [turn.conversationId, turn.approvalsAnswered.map((a) => a.approvalId)],
      );
      const known = await tx.query(`SELECT 1 FROM record_turns WHERE id = $1`, [turn.turnId]);
      if (known.length === 0 && (asked[0]?.n ?? 0) < turn.approvalsAnswered.length) {
        throw new QuestionNotOnRecordError(turn.turnId);
      }
    }
    const lastCustomer = turn.customerWrote ? ms(turn.startedAt) : null;
    await tx.query(
      `INSERT INTO record_conversations (id, customer_id, started_at, last_activity_at, last_customer_message_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING`,
      [turn.conversationId, turn.customerId, ms(turn.conversationStartedAt), ms(turn.finishedAt), lastCustomer],
    );
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO record_turns (id, conversation_id, started_at, finished_at, outcome, trace_id, ttft_ms,
         input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens, cost_usd)
       SELECT $1, $2, $3, $4, $5, $6, $7, coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0),
         coalesce(sum(cache_creation_input_tokens), 0), coalesce(sum(cache_read_input_tokens), 0),
         coalesce(sum(cost_usd), 0)
       FROM jsonb_to_recordset($8::jsonb) AS c(input_tokens int, output_tokens int,
         cache_creation_input_tokens int, cache_read_input_tokens int, cost_usd numeric)
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [
        turn.turnId,
        turn.conversationId,
        ms(turn.startedAt),
        ms(turn.finishedAt),
        turn.outcome,
        turn.traceId,
        turn.ttftMs,
        JSON.stringify(
          turn.modelCalls.map((c) => ({
            input_tokens: c.inputTokens,
            output_tokens: c.outputTokens,
            cache_creation_input_tokens: c.cacheCreationInputTokens,
            cache_read_input_tokens: c.cacheReadInputTokens,
            cost_usd: c.costUsd,
          })),
        ),
      ],
    );
    if (inserted.length === 0) return { written: false, rows: 0 };

    await tx.query(
      `UPDATE record_conversations
       SET turns = turns + 1,
           last_activity_at = greatest(last_activity_at, $2),
           last_customer_message_at = CASE WHEN $3::timestamptz IS NULL THEN last_customer_message_at
             ELSE greatest(coalesce(last_customer_message_at, $3), $3) END
       WHERE id = $1`,
      [turn.conversationId, ms(turn.finishedAt), lastCustomer],
    );
    const messages = await tx.query(
      `INSERT INTO record_messages (conversation_id, id, role, parts, text, created_at, turn_id)
       SELECT $1, m.id, m.role, m.parts, m.text, $2, $3
       FROM jsonb_to_recordset($4::jsonb) AS m(id text, role text, parts jsonb, text text)
       ON CONFLICT (conversation_id, id) DO UPDATE SET parts = excluded.parts, text = excluded.text
       RETURNING 1`,
      [
        turn.conversationId,
        ms(turn.startedAt),
        turn.turnId,
        JSON.stringify(turn.messages.map((m) => ({ ...m, text: plainText(m.parts) }))),
      ],
    );
    const modelCalls = await tx.query(
      `INSERT INTO record_model_calls (turn_id, seq, conversation_id, model, input_tokens, output_tokens,
         cache_creation_input_tokens, cache_read_input_tokens, cost_usd, duration_ms, stop_reason)
       SELECT $1, c.seq, $2, c.model, c.input_tokens, c.output_tokens, c.cache_creation_input_tokens,
         c.cache_read_input_tokens, c.cost_usd, c.duration_ms, c.stop_reason
       FROM jsonb_to_recordset($3::jsonb) AS c(seq int, model text, input_tokens int, output_tokens int,
         cache_creation_input_tokens int, cache_read_input_tokens int, cost_usd numeric, duration_ms int,
         stop_reason text)
       ON CONFLICT DO NOTHING
       RETURNING 1`,
      [
        turn.turnId,
        turn.conversationId,
        JSON.stringify(
          turn.modelCalls.map((c, i) => ({
            seq: i + 1,
            model: c.model,
            input_tokens: c.inputTokens,
            output_tokens: c.outputTokens,
            cache_creation_input_tokens: c.cacheCreationInputTokens,
            cache_read_input_tokens: c.cacheReadInputTokens,
            cost_usd: c.costUsd,
            duration_ms: c.durationMs,
            stop_reason: c.stopReason,
          })),
        ),
      ],
    );
    // jsonb stores an object's keys in one canonical order, so equal arguments are stored equal.
    const toolCalls = await tx.query(
      `INSERT INTO record_tool_calls (conversation_id, id, turn_id, server, tool, args, outcome, error_code,
         duration_ms, at)
       SELECT $1, t.id, $2, t.server, t.tool, coalesce(t.args, 'null'::jsonb), t.outcome, t.error_code,
         t.duration_ms, to_timestamp(t.at / 1000.0)
       FROM jsonb_to_recordset($3::jsonb) AS t(id text, server text, tool text, args jsonb, outcome text,
         error_code text, duration_ms int, at bigint)
       ON CONFLICT DO NOTHING
       RETURNING 1`,
      [
        turn.conversationId,
        turn.turnId,
        JSON.stringify(
          turn.toolCalls.map((t) => ({
            id: t.toolCallId,
            server: t.server,
            tool: t.tool,
            args: t.input ?? null,
            outcome: t.outcome,
            error_code: t.errorCode ?? null,
            duration_ms: t.durationMs,
            at: t.at,
          })),
        ),
      ],
    );
    const asked = await tx.query(
      `INSERT INTO record_approvals (conversation_id, id, tool_call_id, tool, args_hash, summary, asked_at,
         expires_at)
       SELECT $1, a.id, a.tool_call_id, a.tool, a.args_hash, a.summary, $2, to_timestamp(a.expires_at / 1000.0)
       FROM jsonb_to_recordset($3::jsonb) AS a(id text, tool_call_id text, tool text, args_hash text,
         summary text, expires_at bigint)
       ON CONFLICT DO NOTHING
       RETURNING 1`,
      [
        turn.conversationId,
        ms(turn.finishedAt),
        JSON.stringify(
          turn.approvalsAsked.map((a) => ({
            id: a.approvalId,
            tool_call_id: a.toolCallId,
            tool: a.toolName,
            args_hash: a.inputHash,
            summary: a.summary,
            expires_at: a.expiresAt,
          })),
        ),
      ],
    );
    // An answer is recorded once: a later write of the same answer finds it set and changes nothing.
    const answered = await tx.query(
      `UPDATE record_approvals AS r SET approved = a.approved, answered_by = $2, answered_at = $3
       FROM jsonb_to_recordset($4::jsonb) AS a(id text, approved boolean)
       WHERE r.conversation_id = $1 AND r.id = a.id AND r.answered_at IS NULL
       RETURNING 1`,
      [
        turn.conversationId,
        turn.customerId ?? 'anonymous',
        ms(turn.startedAt),
        JSON.stringify(turn.approvalsAnswered.map((a) => ({ id: a.approvalId, approved: a.approved }))),
      ],
    );
    const rows = 2 + messages.length + modelCalls.length + toolCalls.length + asked.length + answered.length;
    return { written: true, rows };
  });
}
