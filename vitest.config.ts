import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { configDefaults, defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';
import { NATTER_SOURCE_ALIASES } from './scripts/source-aliases';


/**
 * One Vitest run covers every suite; projects split them by environment. Tests import the package's public entries
 * (`natter`, `natter/testing`, …), resolved here to the sources so no build is needed first.
 */
export default defineConfig({
  resolve: {
    alias: NATTER_SOURCE_ALIASES,
  },
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          environment: 'node',
          include: ['test/core/**/*.test.ts', 'test/features/**/*.test.ts'],
          exclude: [...configDefaults.exclude, '**/*.browser.test.*'],
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'react',
          environment: 'jsdom',
          include: ['test/react/**/*.test.{ts,tsx}', 'test/components/**/*.test.{ts,tsx}', 'test/testing/**/*.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, '**/*.browser.test.*'],
          testTimeout: 15_000,
        },
      },
      {
        // Issue 4's proof: the core's client against the reference server through a fault-injecting TCP proxy (cuts,
        // stalls, delays, splits, refusals, server restarts). One long test; FAULT_SEED replays a scenario.
        extends: true,
        test: {
          name: 'fault',
          environment: 'node',
          include: ['test/fault/**/*.test.ts'],
          testTimeout: 110_000,
          hookTimeout: 30_000,
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
      {
        // Component behaviour that needs real layout (scrolling, measured heights, ResizeObserver): the kit's parts
        // rendered in Debian's Chromium (Vitest browser mode), against msw's mock server like the jsdom suites.
        extends: true,
        // One React for the tests, the kit's sources and the libraries: pre-bundled together, not one copy each.
        resolve: { dedupe: ['react', 'react-dom'] },
        optimizeDeps: {
          include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime', '@testing-library/react', '@tanstack/react-query', 'zustand', 'virtua'],
        },
        test: {
          name: 'browser',
          include: ['test/**/*.browser.test.{ts,tsx}'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        // Every story in stories/ as a test, in Debian's Chromium (Vitest browser mode): rendered with the preview's
        // decorators, its play function run, then axe (a11y `test: 'error'`). .storybook/main.ts resolves `natter/*`;
        // the global setup starts the reference server for the live story.
        plugins: [storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) })],
        test: {
          name: 'storybook',
          globalSetup: ['./.storybook/vitest.global-setup.ts'],
          setupFiles: ['./.storybook/vitest.setup.ts'],
          env: { STORYBOOK_DISABLE_TELEMETRY: '1' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
