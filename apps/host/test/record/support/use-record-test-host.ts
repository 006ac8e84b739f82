import type { Database } from '@shopchat/postgres';
import type { TestBackend, TestDatabase } from '@shopchat/postgres/testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type RecordTestHost, startRecordTestHost } from './record-test-host.ts';

/**
 * One database and record host on `backend` for the calling suite, not one per test: an embedded PGlite takes
 * seconds to start on a busy machine. `use` gets the host (and its database) once it runs (to keep it, and to write what the
 * suite's tests read); tests on an engine that is not available are skipped.
 */
export function useRecordTestHost(
  backend: TestBackend,
  modelUrl: () => string,
  use: (host: RecordTestHost, db: Database) => void | Promise<void>,
): void {
  let database: TestDatabase | undefined;
  let host: RecordTestHost | undefined;
  beforeAll(async () => {
    if (!backend.available) return;
    database = await backend.open();
    host = await startRecordTestHost({ db: database.db, modelUrl: modelUrl() });
    await use(host, database.db);
    // Generous: an embedded PGlite and a few model turns take long on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await host?.close();
    await database?.dispose();
  });
  beforeEach((context) => {
    if (!backend.available) context.skip();
  });
}
