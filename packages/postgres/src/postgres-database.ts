import pg from 'pg';
import type { Database, SqlSession } from './database.ts';

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
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections,
    connectionTimeoutMillis: options.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    // A startup parameter rather than a SET after connecting: it applies before the first query runs.
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
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
      const result = await pool.query(sql, params);
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
    async close() {
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
    async close() {
      throw new Error('close() is not available inside a transaction');
    },
  };
  return handle;
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
