import type { Database } from '@shopchat/postgres';
import type { Transcript } from '../console/console-schemas.ts';
import { iso, summaryColumns, toSummary } from './list-recorded-conversations.ts';

type Row = Record<string, unknown>;
const isoOrNull = (value: unknown): string | null => (value === null ? null : iso(value as Date | string));
const num = (value: unknown): number => Number(value);

/**
 * A conversation's whole record for the console: its messages with their parts, every turn with its model
 * calls (tokens, cost, trace id), every tool call and approval, and its rating. Undefined when it is not on
 * record (never was, purged or erased).
 */
export async function readRecordedTranscript(db: Database, id: string, now: number): Promise<Transcript | undefined> {
  const [summary] = await db.query<Parameters<typeof toSummary>[0]>(
    `SELECT ${summaryColumns(2)} FROM record_conversations c LEFT JOIN record_feedback f ON f.conversation_id = c.id
     WHERE c.id = $1`,
    [id, new Date(now).toISOString()],
  );
  if (!summary) return undefined;
  const [feedback, messages, turns, modelCalls, toolCalls, approvals] = await Promise.all([
    db.query<Row>('SELECT rating, comment, created_at FROM record_feedback WHERE conversation_id = $1', [id]),
    db.query<Row>(
      `SELECT id, role, parts, created_at, turn_id FROM record_messages WHERE conversation_id = $1
       ORDER BY created_at, role DESC, id`,
      [id],
    ),
    db.query<Row>('SELECT * FROM record_turns WHERE conversation_id = $1 ORDER BY started_at, id', [id]),
    db.query<Row>('SELECT * FROM record_model_calls WHERE conversation_id = $1 ORDER BY turn_id, seq', [id]),
    db.query<Row>('SELECT * FROM record_tool_calls WHERE conversation_id = $1 ORDER BY at, id', [id]),
    db.query<Row>('SELECT * FROM record_approvals WHERE conversation_id = $1 ORDER BY asked_at, id', [id]),
  ]);
  const rating = feedback[0];
  return {
    conversation: toSummary(summary),
    feedback: rating
      ? {
          rating: num(rating.rating),
          comment: (rating.comment as string | null) ?? null,
          at: iso(rating.created_at as Date),
        }
      : null,
    messages: messages.map((m) => ({
      id: m.id as string,
      role: m.role as 'user' | 'assistant' | 'system',
      parts: m.parts as { type: string }[],
      createdAt: iso(m.created_at as Date),
      turnId: m.turn_id as string,
    })),
    turns: turns.map((t) => ({
      id: t.id as string,
      startedAt: iso(t.started_at as Date),
      finishedAt: iso(t.finished_at as Date),
      outcome: t.outcome as string,
      traceId: (t.trace_id as string | null) ?? null,
      ttftMs: t.ttft_ms === null ? null : num(t.ttft_ms),
      costUsd: num(t.cost_usd),
      modelCalls: modelCalls
        .filter((c) => c.turn_id === t.id)
        .map((c) => ({
          seq: num(c.seq),
          model: c.model as string,
          inputTokens: num(c.input_tokens),
          outputTokens: num(c.output_tokens),
          cacheCreationInputTokens: num(c.cache_creation_input_tokens),
          cacheReadInputTokens: num(c.cache_read_input_tokens),
          costUsd: num(c.cost_usd),
          durationMs: num(c.duration_ms),
          stopReason: (c.stop_reason as string | null) ?? null,
        })),
    })),
    toolCalls: toolCalls.map((t) => ({
      id: t.id as string,
      turnId: t.turn_id as string,
      server: t.server as string,
      tool: t.tool as string,
      args: t.args,
      outcome: t.outcome as Transcript['toolCalls'][number]['outcome'],
      errorCode: (t.error_code as string | null) ?? null,
      durationMs: num(t.duration_ms),
      at: iso(t.at as Date),
    })),
    approvals: approvals.map((a) => ({
      id: a.id as string,
      toolCallId: a.tool_call_id as string,
      tool: a.tool as string,
      argsHash: a.args_hash as string,
      summary: a.summary as string,
      askedAt: iso(a.asked_at as Date),
      expiresAt: iso(a.expires_at as Date),
      approved: (a.approved as boolean | null) ?? null,
      answeredBy: (a.answered_by as string | null) ?? null,
      answeredAt: isoOrNull(a.answered_at),
    })),
  };
}
