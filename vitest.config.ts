import { defineConfig } from 'vitest/config';

// One runner for the whole repo: every workspace's tests run from the root.
export default defineConfig({
  test: {
    include: ['{packages,services,apps,tools}/*/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One file at a time: many files start whole products (servers, hosts, workers, Chromium) as processes,
    // and two of those at once on a 2-core machine starve each other into timeouts. Serial is as fast here.
    fileParallelism: false,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
