import type { Database } from '@shopchat/postgres';
import type { ConsoleMetrics } from '../console/console-schemas.ts';
import { resolvedSql } from './conversation-status-sql.ts';

type Row = Record<string, unknown>;
const num = (value: unknown): number => Number(value ?? 0);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const rate = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

/**
 * The console's outcome figures for conversations started in [from, to): volume, resolution by the bot,
 * CSAT, tool error rates (`tool_error` and `unavailable` count as errors; a refusal is the server working),
 * time to first token, tokens and cost per conversation, and the same per UTC day for charts.
 */
export async function computeConsoleMetrics(
  db: Database,
  window: { from: string; to: string; now: number },
): Promise<ConsoleMetrics> {
  const params = [window.from, window.to, new Date(window.now).toISOString()];
  const inWindow = 'c.started_at >= $1 AND c.started_at < $2';
  const [totals, days, tools, ttft] = await Promise.all([
    db.query<Row>(
      `SELECT count(*) AS conversations, coalesce(sum(c.turns), 0) AS turns,
         count(*) FILTER (WHERE ${resolvedSql(3)}) AS resolved,
         count(*) FILTER (WHERE c.handed_off) AS handed_off,
         avg(f.rating) AS csat_average, count(f.rating) AS csat_count,
         coalesce(sum(u.tokens), 0) AS tokens, coalesce(sum(u.cost_usd), 0) AS cost_usd
       FROM record_conversations c
       LEFT JOIN record_feedback f ON f.conversation_id = c.id
       LEFT JOIN LATERAL (
         SELECT sum(input_tokens + output_tokens + cache_creation_input_tokens + cache_read_input_tokens) AS tokens,
           sum(cost_usd) AS cost_usd
         FROM record_turns t WHERE t.conversation_id = c.id) u ON true
       WHERE ${inWindow}`,
      params,
    ),
    db.query<Row>(
      `SELECT to_char(date_trunc('day', c.started_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
         count(*) AS conversations, count(*) FILTER (WHERE ${resolvedSql(3)}) AS resolved, avg(f.rating) AS csat
       FROM record_conversations c LEFT JOIN record_feedback f ON f.conversation_id = c.id
       WHERE ${inWindow} GROUP BY 1 ORDER BY 1`,
      params,
    ),
    db.query<Row>(
      `SELECT t.server, t.tool, count(*) AS calls,
         count(*) FILTER (WHERE t.outcome IN ('tool_error', 'unavailable')) AS errors
       FROM record_tool_calls t JOIN record_conversations c ON c.id = t.conversation_id
       WHERE ${inWindow} GROUP BY 1, 2 ORDER BY 1, 2`,
      params.slice(0, 2),
    ),
    db.query<Row>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ttft_ms) AS p50,
         percentile_cont(0.95) WITHIN GROUP (ORDER BY t.ttft_ms) AS p95
       FROM record_turns t JOIN record_conversations c ON c.id = t.conversation_id
       WHERE ${inWindow} AND t.ttft_ms IS NOT NULL`,
      params.slice(0, 2),
    ),
  ]);
  const total = totals[0] ?? {};
  const conversations = num(total.conversations);
  const resolved = num(total.resolved);
  const csatAverage = numOrNull(total.csat_average);
  return {
    from: window.from,
    to: window.to,
    conversations,
    turns: num(total.turns),
    resolvedByBot: { count: resolved, rate: rate(resolved, conversations) },
    handedOff: num(total.handed_off),
    csat: { average: csatAverage === null ? null : Math.round(csatAverage * 100) / 100, count: num(total.csat_count) },
    toolErrorRate: tools.map((t) => ({
      server: t.server as string,
      tool: t.tool as string,
      calls: num(t.calls),
      errors: num(t.errors),
      rate: rate(num(t.errors), num(t.calls)),
    })),
    ttftMs: { p50: numOrNull(ttft[0]?.p50), p95: numOrNull(ttft[0]?.p95) },
    perConversation: {
      tokens: rate(num(total.tokens), conversations),
      costUsd: rate(num(total.cost_usd), conversations),
    },
    days: days.map((d) => ({
      day: d.day as string,
      conversations: num(d.conversations),
      resolvedByBot: num(d.resolved),
      rate: rate(num(d.resolved), num(d.conversations)),
      csatAverage: numOrNull(d.csat),
    })),
  };
}
