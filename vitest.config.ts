import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Three suites: unit (pure code), api (HTTP against a real database, embedded by default or
// TEST_DATABASE_URL), e2e (Chromium against a running server). `npm test` runs unit + api.
export default defineConfig({
  test: {
    // Vitest's default leaves one core idle (one worker on a 2-core CI machine). Every API test file
    // has its own database copy, so files run side by side; at most 4 keep a PostgreSQL server's
    // 100 connections enough for the test files' pools.
    maxWorkers: Math.min(4, os.availableParallelism()),
    projects: [
      {
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/api-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
