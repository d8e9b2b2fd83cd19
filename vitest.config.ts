import { defineConfig } from 'vitest/config';

/**
 * One Vitest run covers every suite; projects split them by environment. Later issues add `core` (node),
 * `react` (jsdom) and `browser` (Chromium) projects beside `server`.
 */
export default defineConfig({
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'server',
          root: './server',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          testTimeout: 15_000,
          hookTimeout: 15_000,
        },
      },
    ],
  },
});
