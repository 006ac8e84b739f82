import type { Database } from '../database.ts';
import type { TestBackend, TestDatabase } from './test-backends.ts';

/** One test database that a suite opens in its `beforeAll` and throws away in its `afterAll`. */
export interface SuiteDatabase {
  /** Opens a fresh database on the backend; throws on a backend that is not available. */
  open(): Promise<Database>;
  /** Throws the database away; harmless when it was never opened. */
  dispose(): Promise<void>;
}

/**
 * The open/dispose pair every database suite needs, without tying this package to a test runner:
 * `let db: Database; const suite = suiteDatabase(backend); beforeAll(async () => { db = await suite.open(); });
 * afterAll(suite.dispose);`.
 */
export function suiteDatabase(backend: TestBackend): SuiteDatabase {
  let opened: TestDatabase | undefined;
  return {
    async open() {
      if (!backend.available) throw new Error(`the ${backend.name} test backend is not available on this machine`);
      opened = await backend.open();
      return opened.db;
    },
    async dispose() {
      await opened?.dispose();
      opened = undefined;
    },
  };
}

/** The two suite hooks of a test runner (vitest's, jest's), passed in so that this package depends on none. */
export interface SuiteHooks {
  beforeAll(fn: () => Promise<void>): unknown;
  afterAll(fn: () => Promise<void>): unknown;
}

/**
 * A fresh database on `backend` for the calling suite: opened before its first test and handed to `use`
 * (which keeps it, and may create what the suite needs), thrown away after its last. On a backend that is
 * not available nothing is opened: the suite skips its tests there.
 *   let db: Database;
 *   useSuiteDatabase(backend, { beforeAll, afterAll }, (opened) => { db = opened; });
 */
export function useSuiteDatabase(
  backend: TestBackend,
  hooks: SuiteHooks,
  use: (db: Database) => void | Promise<void>,
): void {
  const suite = suiteDatabase(backend);
  hooks.beforeAll(async () => {
    if (backend.available) await use(await suite.open());
  });
  hooks.afterAll(suite.dispose);
}
