import type { Database } from '@shopchat/postgres';
import {
  CONSOLE_QUERY_LIMITS,
  type ConversationListQuery,
  type ConversationSummary,
} from '../console/console-schemas.ts';
import { statusSql } from './conversation-status-sql.ts';

export interface ConversationPage {
  conversations: ConversationSummary[];
  nextCursor: string | null;
}

interface SummaryRow {
  id: string;
  customer_id: string | null;
  started_at: Date | string;
  last_activity_at: Date | string;
  status: ConversationSummary['status'];
  turns: number;
  tools_used: string[] | null;
  rating: number | null;
}

/** A page position: the last row's activity instant and id, opaque to clients (base64url JSON). */
function encodeCursor(row: SummaryRow): string {
  return Buffer.from(JSON.stringify([iso(row.last_activity_at), row.id])).toString('base64url');
}

/** Undefined when the cursor is not one this API made. */
export function decodeCursor(cursor: string): [string, string] | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      if (!Number.isNaN(Date.parse(value[0] as string))) return value as [string, string];
    }
  } catch {
    // falls through: not a cursor of ours
  }
  return undefined;
}

export const iso = (value: Date | string): string => new Date(value).toISOString();

export function toSummary(row: SummaryRow): ConversationSummary {
  return {
    id: row.id,
    customerId: row.customer_id,
    startedAt: iso(row.started_at),
    lastActivityAt: iso(row.last_activity_at),
    status: row.status,
    turns: row.turns,
    toolsUsed: row.tools_used ?? [],
    rating: row.rating,
  };
}

/** The columns of a {@link ConversationSummary} for `record_conversations c LEFT JOIN record_feedback f`. */
export function summaryColumns(nowParam: number): string {
  return `c.id, c.customer_id, c.started_at, c.last_activity_at, ${statusSql(nowParam)} AS status, c.turns,
    ARRAY(SELECT DISTINCT t.tool FROM record_tool_calls t WHERE t.conversation_id = c.id ORDER BY 1) AS tools_used,
    f.rating`;
}

/**
 * One page of recorded conversations, newest activity first, keyset-paginated on (last activity, id) so a
 * page deep in 100,000 conversations costs what the first does. `cursor` must have been checked with
 * {@link decodeCursor}.
 */
export async function listRecordedConversations(
  db: Database,
  query: ConversationListQuery,
  now: number,
): Promise<ConversationPage> {
  const params: unknown[] = [new Date(now).toISOString()];
  const where: string[] = [];
  const add = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.customer) where.push(`c.customer_id = ${add(query.customer)}`);
  if (query.status) where.push(`${statusSql(1)} = ${add(query.status)}`);
  if (query.from) where.push(`c.last_activity_at >= ${add(query.from)}`);
  if (query.to) where.push(`c.last_activity_at < ${add(query.to)}`);
  if (query.q) {
    where.push(`EXISTS (SELECT 1 FROM record_messages m WHERE m.conversation_id = c.id
      AND to_tsvector('simple', m.text) @@ plainto_tsquery('simple', ${add(query.q)}))`);
  }
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  if (cursor) where.push(`(c.last_activity_at, c.id) < (${add(cursor[0])}::timestamptz, ${add(cursor[1])})`);
  const limit = query.limit ?? CONSOLE_QUERY_LIMITS.defaultPageSize;
  const rows = await db.query<SummaryRow>(
    `SELECT ${summaryColumns(1)}
     FROM record_conversations c LEFT JOIN record_feedback f ON f.conversation_id = c.id
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY c.last_activity_at DESC, c.id DESC
     LIMIT ${add(limit + 1)}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    conversations: page.map(toSummary),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}
