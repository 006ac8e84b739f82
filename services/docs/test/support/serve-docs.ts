import type { TestBackend, TestDatabase } from '@shopchat/postgres/testing';
import { afterAll, beforeAll } from 'vitest';
import { type RunningDocs, startDocs } from './start-docs.ts';

/** What a suite's tests use: filled in by the suite's `beforeAll`, before its first test runs. */
export interface ServedDocs {
  database: TestDatabase;
  docs: RunningDocs;
}

/**
 * For the suite being declared: before its tests, a fresh database on `backend` and one docs server on it
 * (which migrates it and ingests the help center); after them, both stopped. Call it in the `describe` body
 * and destructure the result there: the objects are filled in place. On a backend that is not available
 * nothing opens, and the suite's tests skip themselves (`it.skipIf(!backend.available)`).
 */
export function serveDocs(backend: TestBackend): ServedDocs {
  const served: ServedDocs = { database: {} as TestDatabase, docs: {} as RunningDocs };
  let database: TestDatabase | undefined;
  let docs: RunningDocs | undefined;
  beforeAll(async () => {
    if (!backend.available) return;
    database = await backend.open();
    docs = await startDocs(database.db);
    Object.assign(served.database, database);
    Object.assign(served.docs, docs);
  });
  afterAll(async () => {
    await docs?.stop();
    await database?.dispose();
  });
  return served;
}
