import { type Attributes, context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Database } from './database.ts';

/** Where the statements go, for the spans' `server.*` and `db.namespace` attributes. */
export interface QueryTarget {
  /** The PostgreSQL URL; only its host, port and database name reach the spans. Unset: embedded PGlite. */
  url?: string;
}

const tracer = trace.getTracer('@shopchat/postgres');

/** Distinct SQL texts whose span name and attributes are kept: ours are constants, a few hundred at most. */
const MAX_DESCRIBED_STATEMENTS = 1_000;

/**
 * Wraps `db` so each `query`, inside a transaction too, is a client span (`SELECT orders`) with the
 * database semantic conventions: `db.system.name`, `db.operation.name`, `db.collection.name`, and
 * `db.query.text` — the parameterised text, never the values (parameters are always bound). A statement
 * gets a span only when it runs inside a traced operation (a tool call): startup, migrations and
 * background work make no root spans of their own. With tracing off this costs one context lookup.
 */
export function traceDatabase(db: Database, target: QueryTarget = {}): Database {
  const base = connectionAttributes(target.url);
  const described = new Map<string, { name: string; attributes: Attributes }>();
  const describe = (sql: string) => {
    let found = described.get(sql);
    if (!found) {
      if (described.size >= MAX_DESCRIBED_STATEMENTS) described.clear();
      found = describeStatement(sql, base);
      described.set(sql, found);
    }
    return found;
  };
  const wrap = (inner: Database): Database => {
    const handle: Database = {
      query<Row>(sql: string, params?: unknown[]) {
        const parent = context.active();
        if (!trace.getSpan(parent)) return inner.query<Row>(sql, params);
        const { name, attributes } = describe(sql);
        const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, parent);
        return inner.query<Row>(sql, params).then(
          (rows) => {
            span.end();
            return rows;
          },
          (error: unknown) => {
            endFailed(span, error);
            throw error;
          },
        );
      },
      transaction: (work) => inner.transaction((tx) => work(wrap(tx))),
      withSession: (work) => inner.withSession(work),
      listen: (channel, onNotify) => inner.listen(channel, onNotify),
      close: () => inner.close(),
    };
    return handle;
  };
  return wrap(db);
}

const LEADING_COMMENTS = /^(?:\s+|--[^\n]*\n|\/\*[\s\S]*?\*\/)*/;
const OPERATION = /^([a-z]+)/i;
const TARGET: Record<string, RegExp> = {
  SELECT: /\bfrom\s+("?[\w.]+"?)/i,
  INSERT: /^insert\s+into\s+("?[\w.]+"?)/i,
  UPDATE: /^update\s+(?:only\s+)?("?[\w.]+"?)/i,
  DELETE: /^delete\s+from\s+(?:only\s+)?("?[\w.]+"?)/i,
};

/** `SELECT orders` and its attributes, from the statement's first keyword and first table. */
function describeStatement(sql: string, base: Attributes): { name: string; attributes: Attributes } {
  const text = sql.replace(LEADING_COMMENTS, '');
  const operation = OPERATION.exec(text)?.[1]?.toUpperCase();
  const collection = operation ? TARGET[operation]?.exec(text)?.[1]?.replaceAll('"', '') : undefined;
  const summary = [operation, collection].filter(Boolean).join(' ');
  return {
    name: summary || 'postgresql',
    attributes: {
      ...base,
      'db.query.text': sql,
      ...(operation ? { 'db.operation.name': operation } : {}),
      ...(collection ? { 'db.collection.name': collection } : {}),
      ...(summary ? { 'db.query.summary': summary } : {}),
    },
  };
}

function connectionAttributes(url: string | undefined): Attributes {
  const attributes: Attributes = { 'db.system.name': 'postgresql' };
  if (!url) return attributes;
  try {
    const parsed = new URL(url);
    attributes['server.address'] = parsed.hostname;
    attributes['server.port'] = Number(parsed.port || 5432);
    const database = decodeURIComponent(parsed.pathname.slice(1));
    if (database) attributes['db.namespace'] = database;
  } catch {
    // A connection string the URL parser cannot read still connects; the span just lacks the server.
  }
  return attributes;
}

/** SQLSTATE as `db.response.status_code` and `error.type`; the message is left out (it may quote values). */
function endFailed(span: Span, error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  const type = typeof code === 'string' ? code : error instanceof Error ? error.name : '_OTHER';
  if (typeof code === 'string') span.setAttribute('db.response.status_code', code);
  span.setAttribute('error.type', type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
  span.end();
}
