import { defineConfig } from 'vitest/config';

// Two cores on CI: run test files in two forked workers. Every suite that touches a store opens its
// own SQLite file and its own PostgreSQL database, so files never share state.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts', 'ui/src/**/*.test.ts'],
    // Builds the sales schema once per run for the suites that copy it (test/support/schema-templates.ts).
    globalSetup: ['test/support/schema-templates.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
