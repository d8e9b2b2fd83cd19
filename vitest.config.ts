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
      { find: /^natter\/react$/, replacement: src('react/index.ts') },
      { find: /^natter\/components$/, replacement: src('components/index.ts') },
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
        extends: true,
        test: {
          name: 'react',
          environment: 'jsdom',
          include: ['test/react/**/*.test.{ts,tsx}', 'test/components/**/*.test.{ts,tsx}', 'test/testing/**/*.test.{ts,tsx}'],
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
      {
        // The built package (dist/, via tsup), loaded by name in child `node` processes: no aliases to src/, so no
        // `extends`. Its beforeAll runs the build.
        test: {
          name: 'package',
          environment: 'node',
          include: ['test/package/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The demo in a real browser: the reference server and the demo's Vite dev server in-process, Debian's
        // Chromium driven by playwright-core (two users in two browser contexts). No aliases: the demo's own
        // vite.config.ts resolves `natter/*` for the browser.
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
