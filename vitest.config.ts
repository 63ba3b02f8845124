import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The API reads projects on worker threads: their script is bundled once per run.
const LOAD_WORKER_SETUP = 'test/support/load-worker-build.ts';

// `npm test` runs every project; the integration and e2e projects need the Docker engine,
// the test images and Chromium that scripts/setup.sh provides.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          globalSetup: [LOAD_WORKER_SETUP],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['src/renderer/test-setup.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: [LOAD_WORKER_SETUP],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time on a two-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
