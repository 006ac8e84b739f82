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
 * Writes one finished turn in one transaction, keyed by its turn id: see `writeFinishedTurns`. With
 * `waitForQuestions` it first checks that the approvals it answers are on record (a record job's write).
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
    const report = await insertFinishedTurns(tx, [turn]);
    return { written: report.written > 0, rows: report.rows };
  });
}

/** What a batch write did: turns written, turns already on record, rows inserted or changed. */
export interface BatchWriteReport {
  written: number;
  /** The turns written (not already on record), in order. */
  writtenTurnIds: string[];
  duplicates: number;
  rows: number;
}

/**
 * Writes finished turns, in order, in one transaction and one statement per table for all of them: the
 * record's cost on an embedded database is mostly per statement and per commit, not per row, so the
 * write queue hands over everything that waits at once. Keyed by turn id: the turn rows go first with
 * `ON CONFLICT DO NOTHING`, and a turn that was already there gets nothing else written, so a retried write
 * never duplicates a row. What is stored is what writing the turns one after the other would store.
 */
export async function writeFinishedTurns(db: Database, turns: FinishedTurn[]): Promise<BatchWriteReport> {
  return db.transaction((tx) => insertFinishedTurns(tx, turns));
}

/** Keeps the first of each key, in order. */
function firstOfEach<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

async function insertFinishedTurns(tx: Database, given: FinishedTurn[]): Promise<BatchWriteReport> {
  const turns = firstOfEach(given, (t) => t.turnId);
  const lastCustomer = (turn: FinishedTurn) => (turn.customerWrote ? ms(turn.startedAt) : null);
  // A conversation's first turn in the batch creates it, as a write of that turn alone would.
  await tx.query(
    `INSERT INTO record_conversations (id, customer_id, started_at, last_activity_at, last_customer_message_at)
     SELECT c.id, c.customer_id, c.started_at, c.last_activity_at, c.last_customer_message_at
     FROM jsonb_to_recordset($1::jsonb) AS c(id text, customer_id text, started_at timestamptz,
       last_activity_at timestamptz, last_customer_message_at timestamptz)
     ON CONFLICT (id) DO NOTHING`,
    [
      JSON.stringify(
        firstOfEach(turns, (t) => t.conversationId).map((t) => ({
          id: t.conversationId,
          customer_id: t.customerId,
          started_at: ms(t.conversationStartedAt),
          last_activity_at: ms(t.finishedAt),
          last_customer_message_at: lastCustomer(t),
        })),
      ),
    ],
  );
  // A turn's token and cost totals are summed here from its model calls, in numeric, as the calls' rows are.
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO record_turns (id, conversation_id, started_at, finished_at, outcome, trace_id, ttft_ms,
       input_tokens, output_tokens, cache_creation_input_tokens, cache_read_input_tokens, cost_usd)
     SELECT t.id, t.conversation_id, t.started_at, t.finished_at, t.outcome, t.trace_id, t.ttft_ms,
       s.input_tokens, s.output_tokens, s.cache_creation_input_tokens, s.cache_read_input_tokens, s.cost_usd
     FROM jsonb_to_recordset($1::jsonb) AS t(id text, conversation_id text, started_at timestamptz,
       finished_at timestamptz, outcome text, trace_id text, ttft_ms int, calls jsonb)
     CROSS JOIN LATERAL (
       SELECT coalesce(sum(c.input_tokens), 0) AS input_tokens, coalesce(sum(c.output_tokens), 0) AS output_tokens,
         coalesce(sum(c.cache_creation_input_tokens), 0) AS cache_creation_input_tokens,
         coalesce(sum(c.cache_read_input_tokens), 0) AS cache_read_input_tokens,
         coalesce(sum(c.cost_usd), 0) AS cost_usd
       FROM jsonb_to_recordset(t.calls) AS c(input_tokens int, output_tokens int,
         cache_creation_input_tokens int, cache_read_input_tokens int, cost_usd numeric)
     ) AS s
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [
      JSON.stringify(
        turns.map((t) => ({
          id: t.turnId,
          conversation_id: t.conversationId,
          started_at: ms(t.startedAt),
          finished_at: ms(t.finishedAt),
          outcome: t.outcome,
          trace_id: t.traceId,
          ttft_ms: t.ttftMs,
          calls: t.modelCalls.map((c) => ({
            input_tokens: c.inputTokens,
            output_tokens: c.outputTokens,
            cache_creation_input_tokens: c.cacheCreationInputTokens,
            cache_read_input_tokens: c.cacheReadInputTokens,
            cost_usd: c.costUsd,
          })),
        })),
      ),
    ],
  );
  const insertedIds = new Set(inserted.map((row) => row.id));
  const written = turns.filter((t) => insertedIds.has(t.turnId));
  const report = {
    written: written.length,
    writtenTurnIds: written.map((t) => t.turnId),
    duplicates: given.length - written.length,
    rows: 0,
  };
  if (written.length === 0) return report;

  const conversations = await tx.query(
    `UPDATE record_conversations AS r
     SET turns = r.turns + u.turns,
         last_activity_at = greatest(r.last_activity_at, u.last_activity_at),
         last_customer_message_at = CASE WHEN u.last_customer_message_at IS NULL THEN r.last_customer_message_at
           ELSE greatest(coalesce(r.last_customer_message_at, u.last_customer_message_at), u.last_customer_message_at) END
     FROM (
       SELECT t.id, count(*)::int AS turns, max(t.finished_at) AS last_activity_at,
         max(t.last_customer_message_at) AS last_customer_message_at
       FROM jsonb_to_recordset($1::jsonb) AS t(id text, finished_at timestamptz, last_customer_message_at timestamptz)
       GROUP BY t.id
     ) AS u
     WHERE r.id = u.id
     RETURNING 1`,
    [
      JSON.stringify(
        written.map((t) => ({
          id: t.conversationId,
          finished_at: ms(t.finishedAt),
          last_customer_message_at: lastCustomer(t),
        })),
      ),
    ],
  );
  report.rows += inserted.length + conversations.length;
  /** Runs one statement over `rows` (its one JSON parameter), unless there are none. */
  const writeRows = async (sql: string, rows: unknown[]): Promise<void> => {
    if (rows.length > 0) report.rows += (await tx.query(sql, [JSON.stringify(rows)])).length;
  };

  // A message changed by several turns of the batch keeps its first turn and time, and its last parts.
  const messages = new Map<string, Record<string, unknown>>();
  for (const t of written) {
    for (const m of t.messages) {
      const key = JSON.stringify([t.conversationId, m.id]);
      const first = messages.get(key);
      messages.set(key, {
        conversation_id: t.conversationId,
        id: m.id,
        role: first?.role ?? m.role,
        parts: m.parts,
        text: plainText(m.parts),
        created_at: first?.created_at ?? ms(t.startedAt),
        turn_id: first?.turn_id ?? t.turnId,
      });
    }
  }
  await writeRows(
    `INSERT INTO record_messages (conversation_id, id, role, parts, text, created_at, turn_id)
       SELECT m.conversation_id, m.id, m.role, m.parts, m.text, m.created_at, m.turn_id
       FROM jsonb_to_recordset($1::jsonb) AS m(conversation_id text, id text, role text, parts jsonb, text text,
         created_at timestamptz, turn_id text)
       ON CONFLICT (conversation_id, id) DO UPDATE SET parts = excluded.parts, text = excluded.text
       RETURNING 1`,
    [...messages.values()],
  );
  const modelCalls = written.flatMap((t) =>
    t.modelCalls.map((c, i) => ({
      turn_id: t.turnId,
      seq: i + 1,
      conversation_id: t.conversationId,
      model: c.model,
      input_tokens: c.inputTokens,
      output_tokens: c.outputTokens,
      cache_creation_input_tokens: c.cacheCreationInputTokens,
      cache_read_input_tokens: c.cacheReadInputTokens,
      cost_usd: c.costUsd,
      duration_ms: c.durationMs,
      stop_reason: c.stopReason,
    })),
  );
  await writeRows(
    `INSERT INTO record_model_calls (turn_id, seq, conversation_id, model, input_tokens, output_tokens,
         cache_creation_input_tokens, cache_read_input_tokens, cost_usd, duration_ms, stop_reason)
       SELECT c.turn_id, c.seq, c.conversation_id, c.model, c.input_tokens, c.output_tokens,
         c.cache_creation_input_tokens, c.cache_read_input_tokens, c.cost_usd, c.duration_ms, c.stop_reason
       FROM jsonb_to_recordset($1::jsonb) AS c(turn_id text, seq int, conversation_id text, model text,
         input_tokens int, output_tokens int, cache_creation_input_tokens int, cache_read_input_tokens int,
         cost_usd numeric, duration_ms int, stop_reason text)
       ON CONFLICT DO NOTHING
       RETURNING 1`,
    modelCalls,
  );
  const toolCalls = written.flatMap((t) =>
    t.toolCalls.map((c) => ({
      conversation_id: t.conversationId,
      id: c.toolCallId,
      turn_id: t.turnId,
      server: c.server,
      tool: c.tool,
      args: c.input ?? null,
      outcome: c.outcome,
      error_code: c.errorCode ?? null,
      duration_ms: c.durationMs,
      at: c.at,
    })),
  );
  // jsonb stores an object's keys in one canonical order, so equal arguments are stored equal.
  await writeRows(
    `INSERT INTO record_tool_calls (conversation_id, id, turn_id, server, tool, args, outcome, error_code,
         duration_ms, at)
       SELECT t.conversation_id, t.id, t.turn_id, t.server, t.tool, coalesce(t.args, 'null'::jsonb), t.outcome,
         t.error_code, t.duration_ms, to_timestamp(t.at / 1000.0)
       FROM jsonb_to_recordset($1::jsonb) AS t(conversation_id text, id text, turn_id text, server text,
         tool text, args jsonb, outcome text, error_code text, duration_ms int, at bigint)
       ON CONFLICT DO NOTHING
       RETURNING 1`,
    toolCalls,
  );
  const asked = written.flatMap((t) =>
    t.approvalsAsked.map((a) => ({
      conversation_id: t.conversationId,
      id: a.approvalId,
      tool_call_id: a.toolCallId,
      tool: a.toolName,
      args_hash: a.inputHash,
      summary: a.summary,
      asked_at: ms(t.finishedAt),
      expires_at: a.expiresAt,
    })),
  );
  await writeRows(
    `INSERT INTO record_approvals (conversation_id, id, tool_call_id, tool, args_hash, summary, asked_at,
         expires_at)
       SELECT a.conversation_id, a.id, a.tool_call_id, a.tool, a.args_hash, a.summary, a.asked_at,
         to_timestamp(a.expires_at / 1000.0)
       FROM jsonb_to_recordset($1::jsonb) AS a(conversation_id text, id text, tool_call_id text, tool text,
         args_hash text, summary text, asked_at timestamptz, expires_at bigint)
       ON CONFLICT DO NOTHING
       RETURNING 1`,
    asked,
  );
  // An answer is recorded once: the first given wins, and a later write of an answer finds it set.
  const answers = firstOfEach(
    written.flatMap((t) =>
      t.approvalsAnswered.map((a) => ({
        conversation_id: t.conversationId,
        id: a.approvalId,
        approved: a.approved,
        answered_by: t.customerId ?? 'anonymous',
        answered_at: ms(t.startedAt),
      })),
    ),
    (a) => JSON.stringify([a.conversation_id, a.id]),
  );
  await writeRows(
    `UPDATE record_approvals AS r SET approved = a.approved, answered_by = a.answered_by,
         answered_at = a.answered_at
       FROM jsonb_to_recordset($1::jsonb) AS a(conversation_id text, id text, approved boolean, answered_by text,
         answered_at timestamptz)
       WHERE r.conversation_id = a.conversation_id AND r.id = a.id AND r.answered_at IS NULL
       RETURNING 1`,
    answers,
  );
  return report;
}
