import { openPgliteDatabase } from './pglite-database.ts';
import { openPostgresDatabase } from './postgres-database.ts';
import { traceDatabase } from './trace-database.ts';

/**
 * The one way the orders service talks to SQL, whatever the engine behind it (PostgreSQL in deployments,
 * embedded PGlite on a bare developer machine). Parameters are always bound (`$1`, `$2`, …): SQL text is
 * never built from input.
 */
export interface Database {
  /** Runs one parameterised statement and returns its rows. */
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /**
   * Runs `work` inside one transaction on one connection: committed when it resolves, rolled back when it
   * throws. Calling `transaction` on the `tx` handle joins the open transaction instead of nesting.
   */
  transaction<T>(work: (tx: Database) => Promise<T>): Promise<T>;
  /**
   * Lends one dedicated connection, with no transaction opened, to code that needs session state or
   * multi-statement scripts: the migration runner (advisory locks, `SET`, its own `BEGIN`/`COMMIT`).
   */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` for each `NOTIFY` on `channel` (delivered after the notifying transaction commits),
   * and once more after the listening connection was lost and is back, since notifications sent in
   * between are gone. Until the returned function is called. Not available inside a transaction.
   */
  listen(channel: string, onNotify: () => void): Promise<Unlisten>;
  /** Closes every connection; the handle is unusable afterwards. */
  close(): Promise<void>;
}

/** Stops a {@link Database.listen}. */
export type Unlisten = () => Promise<void>;

/**
 * A raw connection in the shape the `pg` driver's `client.query` has, which is what node-pg-migrate calls.
 * Without values the text may hold several statements; the rows are those of the last one.
 */
export interface SqlSession {
  query(
    textOrConfig: string | { text: string; values?: unknown[] },
    values?: unknown[],
  ): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Where the data lives. Leave `url` unset to run on embedded PGlite with the very same schema. */
export interface DatabaseOptions {
  /** PostgreSQL connection URL (`DATABASE_URL`). Unset: embedded PGlite. */
  url?: string;
  /** PGlite only: directory to keep data in. Unset: in memory, gone when the process exits. */
  dataDir?: string;
  /**
   * Schema put first on every connection's `search_path`, so tests can share one database and still be
   * isolated. Must be a plain lowercase identifier. Unset: the server's default (`public`).
   */
  schema?: string;
  /** PostgreSQL only: most connections held open at once. */
  maxConnections?: number;
  /** PostgreSQL only: longest a statement may run before the server cancels it, in milliseconds. */
  statementTimeoutMs?: number;
  /** PostgreSQL only: longest to wait for a free or new connection, in milliseconds. */
  connectTimeoutMs?: number;
  /** Told about errors of idle pooled connections (a restarted server), which would otherwise crash. */
  onIdleError?: (error: Error) => void;
}

/**
 * Defaults for the pool: 10 connections serve a replica's tool calls (each holds one for a few ms);
 * 10 s bounds a runaway query; 5 s to connect turns an unreachable database into a quick, clear error.
 */
export const DATABASE_DEFAULTS = {
  maxConnections: 10,
  statementTimeoutMs: 10_000,
  connectTimeoutMs: 5_000,
} as const satisfies Partial<DatabaseOptions>;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens PostgreSQL when a URL is given, embedded PGlite otherwise; each query inside a traced operation is a span. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    // The name ends up in a connection parameter, so only a plain identifier is accepted.
    throw new TypeError(
      `Database schema "${options.schema}" is invalid: use lowercase letters, digits and underscores.`,
    );
  }
  if (options.url) {
    const db = await openPostgresDatabase({ ...DATABASE_DEFAULTS, ...options, url: options.url });
    return traceDatabase(db, { url: options.url });
  }
  return traceDatabase(await openPgliteDatabase(options));
}
