import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test files that start the whole product (or a part of it) as processes, or Chromium: each runs servers,
 * hosts, workers or a browser of its own, and two of them at once on a 2-core machine starve each other
 * into timeouts, so they run one at a time, after the unit tests.
 */
const PROCESS_TESTS = [
  'apps/host/test/e2e/**/*.test.ts',
  'apps/host/test/scale-out/**/*.test.ts',
  'apps/host/test/injection/**/*.test.ts',
  'apps/host/test/telemetry/trace-across-processes.test.ts',
  'apps/host/test/catalogue/orders-interop.test.ts',
  'apps/widget/test/chat-client.test.ts',
  'apps/widget/test/widget-browser.test.ts',
  'apps/widget/test/widget-stream-overlap.test.ts',
  'apps/widget/test/widget-handoff-browser.test.ts',
  'apps/console/test/console-browser.test.ts',
  'apps/console/test/queue-browser.test.ts',
  'apps/console/test/handoff-side-by-side.test.ts',
];

// One runner for the whole repo: every workspace's tests run from the root.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        // Everything else, in parallel: in-process servers on ephemeral ports, real PostgreSQL and Redis
        // under unique names per test, so files do not share state.
        test: {
          name: 'unit',
          include: ['{packages,services,apps,tools}/*/test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...PROCESS_TESTS],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'process',
          include: PROCESS_TESTS,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
