/// <reference types="vite/client" />

/** Where vitest.setup.ts puts the URL of the reference server the test run started. */
export const LIVE_SERVER_URL_KEY = '__NATTER_LIVE_SERVER_URL__';

/**
 * The reference server the live story talks to: the one the test run started (`npm test`), else
 * `STORYBOOK_NATTER_URL`, else `npm run server`'s default.
 *
 * @example
 * const { url, required } = liveServer();
 */
export function liveServer(): { url: string; /** True in the test run: a server must be there. */ required: boolean } {
  const fromTestRun = (globalThis as Record<string, unknown>)[LIVE_SERVER_URL_KEY];
  if (typeof fromTestRun === 'string') return { url: fromTestRun, required: true };
  const fromEnv = import.meta.env.STORYBOOK_NATTER_URL as string | undefined;
  return { url: (fromEnv || 'http://127.0.0.1:8787').replace(/\/+$/, ''), required: false };
}
