import { randomUUID } from 'node:crypto';
import { type Database, openDatabase } from '../database.ts';

/** The PostgreSQL the tests use: TEST_DATABASE_URL, or a local server with trust auth. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A database a test file owns, and how to throw it away. */
export interface TestDatabase {
  db: Database;
  dispose(): Promise<void>;
}

/** One engine the repository runs on; `describe.each` runs every suite against each. */
export interface TestBackend {
  name: 'pglite' | 'postgres';
  /** False when the engine is missing on this machine and the suite should be skipped. */
  available: boolean;
  open(): Promise<TestDatabase>;
}

/**
 * Embedded PGlite, always available: a fresh in-memory database per `open()`. Alone, it serves suites about
 * a server rather than the database engine (interop, pictures), which need no PostgreSQL probe.
 */
export const EMBEDDED_TEST_BACKEND: TestBackend = Object.freeze({
  name: 'pglite',
  available: true,
  open: async () => ({ db: await openDatabase(), dispose: async () => {} }),
});

/**
 * Embedded PGlite always; PostgreSQL when reachable. Without PostgreSQL the suites skip with one loud
 * line, except under CI=true, where they run and fail, so a broken CI service cannot pass silently.
 */
export async function testBackends(suite: string): Promise<TestBackend[]> {
  const problem = await probePostgres();
  const inCi = process.env.CI === 'true';
  if (problem && !inCi) {
    console.warn(
      `⚠ PostgreSQL tests of ${suite} SKIPPED: cannot reach ${redact(TEST_DATABASE_URL)} (${problem}). Install and start PostgreSQL with a database "test" (e.g. apt-get install postgresql), or set TEST_DATABASE_URL.`,
    );
  }
  return [
    EMBEDDED_TEST_BACKEND,
    {
      name: 'postgres',
      available: problem === null || inCi,
      open:
        problem === null
          ? openPostgresSchema
          : () =>
              Promise.reject(
                new Error(
                  `PostgreSQL is required under CI=true but ${redact(TEST_DATABASE_URL)} is unreachable: ${problem}`,
                ),
              ),
    },
  ];
}

/** A fresh schema of its own, so test files running in parallel never see each other's rows. */
async function openPostgresSchema(): Promise<TestDatabase> {
  const schema = `test_${randomUUID().replaceAll('-', '')}`;
  const db = await openDatabase({ url: TEST_DATABASE_URL, schema });
  // The name is generated above, never input, so it may be written into the statement.
  await db.query(`CREATE SCHEMA ${schema}`);
  return {
    db,
    async dispose() {
      try {
        await db.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await db.close();
      }
    },
  };
}

/** Null when PostgreSQL answers, else why not. */
async function probePostgres(): Promise<string | null> {
  try {
    const db = await openDatabase({ url: TEST_DATABASE_URL, connectTimeoutMs: 2_000 });
    await db.close();
    return null;
  } catch (error) {
    const reason = error instanceof AggregateError ? error.errors[0] : error;
    return reason instanceof Error ? reason.message || reason.name : String(reason);
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
