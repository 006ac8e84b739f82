import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database, SqlSession } from './database.ts';
import { listenOnPostgres } from './postgres-listener.ts';

/** Settings the PostgreSQL adapter needs; `openDatabase` fills the defaults. */
export interface PostgresDatabaseOptions {
  url: string;
  schema?: string;
  maxConnections: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  onIdleError?: (error: Error) => void;
}

/** A `Database` on a `pg` connection pool. */
export async function openPostgresDatabase(options: PostgresDatabaseOptions): Promise<Database> {
  const connection = {
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    // A startup parameter rather than a SET after connecting: it applies before the first query runs.
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  } satisfies pg.ClientConfig;
  const pool = new pg.Pool({ ...connection, max: options.maxConnections });
  const listeners = new Set<() => Promise<void>>();
  // Without a listener an idle connection dropped by the server would crash the process.
  pool.on('error', options.onIdleError ?? reportIdleError);
  try {
    // Fail at startup, with the driver's reason, rather than at the first tool call.
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw error;
  }

  return {
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await pool.query(prepared(sql, params));
      return result.rows as Row[];
    },
    async transaction(work) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work(transactionHandle(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          // The connection itself failed: drop it from the pool instead of reusing it.
          broken = true;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async withSession(work) {
      const client = await pool.connect();
      try {
        return await work(sessionOf(client));
      } finally {
        // Session state (search_path, locks) may have been changed: do not hand this connection on.
        client.release(true);
      }
    },
    async listen(channel, onNotify) {
      const unlisten = await listenOnPostgres({
        connection,
        channel,
        onNotify,
        onError: options.onIdleError ?? reportIdleError,
      });
      const stop = async () => {
        listeners.delete(stop);
        await unlisten();
      };
      listeners.add(stop);
      return stop;
    },
    async close() {
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}

/** A handle bound to the transaction's connection; nested `transaction` calls join it. */
function transactionHandle(client: pg.PoolClient): Database {
  const handle: Database = {
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await client.query(sql, params);
      return result.rows as Row[];
    },
    transaction: (work) => work(handle),
    withSession: (work) => work(sessionOf(client)),
    async listen() {
      throw new Error('listen() is not available inside a transaction');
    },
    async close() {
      throw new Error('close() is not available inside a transaction');
    },
  };
  return handle;
}

/** Distinct statement texts named: ours are constants, a few dozen per service. */
const MAX_NAMED_STATEMENTS = 1_000;
const statementNames = new Map<string, string>();

/**
 * A statement with parameters as a named prepared statement: each pooled connection parses and plans it
 * once, then only binds and executes (a multi-join read spends more time planning than running). The name
 * is a hash of the text, so one name never stands for two texts. Without parameters the text may hold
 * several statements, which only the simple protocol runs, so it is sent as it is.
 */
function prepared(sql: string, params: unknown[] | undefined): pg.QueryConfig {
  if (!params || params.length === 0) return { text: sql };
  let name = statementNames.get(sql);
  if (name === undefined) {
    if (statementNames.size >= MAX_NAMED_STATEMENTS) return { text: sql, values: params };
    name = `s_${createHash('sha256').update(sql).digest('base64url').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: params };
}

function sessionOf(client: pg.PoolClient): SqlSession {
  return {
    async query(textOrConfig, values) {
      const text = typeof textOrConfig === 'string' ? textOrConfig : textOrConfig.text;
      const params = values ?? (typeof textOrConfig === 'string' ? undefined : textOrConfig.values);
      const result = await client.query(text, params);
      // A multi-statement text yields one result per statement: keep the last, as psql shows.
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rows: last?.rows ?? [] };
    },
  };
}

function reportIdleError(error: Error): void {
  console.error(JSON.stringify({ level: 'error', msg: 'idle PostgreSQL connection failed', err: error.message }));
}
