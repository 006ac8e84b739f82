import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, SqlSession } from './database.ts';

/** Settings the PGlite adapter needs. */
export interface PgliteDatabaseOptions {
  /** Directory to keep data in; unset keeps it in memory. */
  dataDir?: string;
  schema?: string;
}

/**
 * A `Database` on embedded PGlite: real PostgreSQL compiled to WebAssembly, one connection in-process.
 * It lets `npm start` run on nothing but Node.js with the same migrations and SQL as production.
 */
export async function openPgliteDatabase(options: PgliteDatabaseOptions = {}): Promise<Database> {
  const pglite = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  if (options.schema) {
    // One connection, so one SET covers every later statement.
    await pglite.exec(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"; SET search_path TO "${options.schema}";`);
  }
  const exclusive = createExclusiveRunner();

  return {
    async query<Row>(sql: string, params?: unknown[]) {
      // PGlite queues plain queries behind an open transaction itself; the session lock is ours to honour.
      return exclusive(async () => (await pglite.query<Row>(sql, params ?? [])).rows);
    },
    transaction: (work) => exclusive(() => pglite.transaction((tx) => work(transactionHandle(tx)))),
    withSession: (work) => exclusive(() => work(sessionOf(pglite))),
    // In-process: PGlite calls back after the statement that notified, once its transaction committed.
    listen: (channel, onNotify) =>
      exclusive(async () => {
        const unlisten = await pglite.listen(channel, () => onNotify());
        return () => exclusive(() => unlisten());
      }),
    close: () => pglite.close(),
  };
}

function transactionHandle(tx: Transaction): Database {
  const handle: Database = {
    async query<Row>(sql: string, params?: unknown[]) {
      return (await tx.query<Row>(sql, params ?? [])).rows;
    },
    transaction: (work) => work(handle),
    withSession: (work) => work(sessionOf(tx)),
    async listen() {
      throw new Error('listen() is not available inside a transaction');
    },
    async close() {
      throw new Error('close() is not available inside a transaction');
    },
  };
  return handle;
}

function sessionOf(target: PGlite | Transaction): SqlSession {
  return {
    async query(textOrConfig, values) {
      const text = typeof textOrConfig === 'string' ? textOrConfig : textOrConfig.text;
      const params = values ?? (typeof textOrConfig === 'string' ? undefined : textOrConfig.values);
      if (params && params.length > 0) {
        const result = await target.query<Record<string, unknown>>(text, params);
        return { rows: result.rows };
      }
      // PGlite's query() takes one statement only; migration files hold many, which exec() runs.
      const results = await target.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
  };
}

/**
 * Runs tasks one at a time, in call order. A session lent to the migration runner issues its own BEGIN
 * and COMMIT on PGlite's single connection, so nothing else may slip in between.
 */
function createExclusiveRunner() {
  let tail: Promise<unknown> = Promise.resolve();
  return function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
