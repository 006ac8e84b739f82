// Test helpers for services on the shared database layer: `@shopchat/postgres/testing`.
export { type SuiteDatabase, type SuiteHooks, suiteDatabase, useSuiteDatabase } from './suite-database.ts';
export { tableFingerprint } from './table-fingerprint.ts';
export {
  EMBEDDED_TEST_BACKEND,
  TEST_DATABASE_URL,
  type TestBackend,
  type TestDatabase,
  testBackends,
} from './test-backends.ts';
