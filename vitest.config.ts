import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/**
 * One Vitest run covers every suite; projects split them by environment. Tests import the package's public entries
 * (`natter`, `natter/testing`, …), resolved here to the sources so no build is needed first.
 */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^natter\/testing$/, replacement: src('testing/index.ts') },
      { find: /^natter$/, replacement: src('index.ts') },
    ],
  },
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          environment: 'node',
          include: ['test/core/**/*.test.ts'],
          testTimeout: 15_000,
        },
      },
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
