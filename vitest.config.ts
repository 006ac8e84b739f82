import { defineConfig } from 'vitest/config';

// One runner for the whole repo: every workspace's tests run from the root.
export default defineConfig({
  test: {
    include: ['{packages,services,apps,tools}/*/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
