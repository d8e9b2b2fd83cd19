/**
 * What the demo's end-to-end tests share: the reference server, the demo's Vite dev server pointed at it, Debian's
 * Chromium, and the steps a user takes in a page. Not a test file itself (the e2e project runs `*.e2e.test.ts`).
 */
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer as createViteServer, type ViteDevServer } from 'vite';

const root = fileURLToPath(new URL('../../', import.meta.url));


export interface ReferenceServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The reference server's options used here (the full set is `ServerOptions` in server/src/config.ts). */
export interface ReferenceServerOptions {
  /** Default 0: any free port. */
  port?: number;
  /** A SQLite file, or ':memory:' (the default). */
  db?: string;
}

// Loaded by name: the server's sources import with `.ts` extensions, which the root tsconfig does not allow.
const SERVER_ENTRY = '@natter/server';

export async function startServer({ port = 0, db = ':memory:' }: ReferenceServerOptions = {}): Promise<ReferenceServer> {
  const module = (await import(/* @vite-ignore */ SERVER_ENTRY)) as { createServer(options: object): Promise<ReferenceServer> };
  return module.createServer({ port, db, logger: false });
}

/**
 * The demo's Vite dev server on a free port, talking to `serverUrl` (baked in as `VITE_NATTER_URL`), with its own
 * dependency cache in `cacheDir`, so a running `npm start` and a test never rebuild each other's.
 */
export async function startDemo(serverUrl: string, cacheDir: string): Promise<{ vite: ViteDevServer; url: string }> {
  const vite = await createViteServer({
    configFile: join(root, 'examples/demo/vite.config.ts'),
    cacheDir,
    define: { 'import.meta.env.VITE_NATTER_URL': JSON.stringify(serverUrl) },
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
    clearScreen: false,
  });
  await vite.listen();
  return { vite, url: vite.resolvedUrls?.local[0] ?? '' };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A page in its own browser context (its own sessionStorage: its own user), in the light theme. Uncaught errors
 * in the page are pushed to `pageErrors`.
 */
export async function openPage(browser: Browser, pageErrors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 }, colorScheme: 'light' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  return page;
}

export async function logIn(page: Page, demoUrl: string, username: string): Promise<void> {
  await page.goto(demoUrl);
  await page.getByLabel('User name').fill(username);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText(`Signed in as ${username}`).waitFor();
}

/** Types `text` into the open chat's message box and presses Enter. */
export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

/** A message bubble with this text (and these `data-*` states, e.g. `[data-own="true"]`). */
export const message = (page: Page, text: string, states = '') => page.locator(`[data-natter="message"]${states}`).filter({ hasText: text });

/** Runs the steps; if one fails, saves what each page showed at that moment to `dir/failed-{name}.png`. */
export async function withFailureShots(dir: string, pages: Record<string, Page>, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    for (const [name, page] of Object.entries(pages)) await page.screenshot({ path: join(dir, `failed-${name}.png`) }).catch(() => undefined);
    console.error(`e2e failure screenshots: ${dir}/failed-*.png`);
    throw error;
  }
}

/** What `useDemoInBrowser` gives a test file. */
export interface DemoSession {
  /** A page in its own browser context (its own sessionStorage: its own user), in the light theme. */
  openPage(): Promise<Page>;
  logIn(page: Page, username: string): Promise<void>;
  /** Runs the steps; if one fails, saves what each page showed next to the screenshots. */
  withFailureShots(pages: Record<string, Page>, steps: () => Promise<void>): Promise<void>;
  /** Where screenshots go (a fresh temporary folder). */
  readonly screenshotDir: string;
  /** Uncaught errors of every page opened. */
  readonly pageErrors: string[];
  /** The demo's URL, once `beforeAll` has run. */
  readonly demoUrl: string;
}

/**
 * Starts, for the calling test file, the reference server in memory, the demo's Vite dev server pointed at it and
 * Chromium (in `beforeAll`), and stops them all in `afterAll`.
 *
 * @example
 * const e2e = useDemoInBrowser('natter-e2e-');
 * it('…', async () => { const page = await e2e.openPage(); await e2e.logIn(page, 'ana'); });
 */
export function useDemoInBrowser(tempPrefix: string): DemoSession {
  const screenshotDir = mkdtempSync(join(tmpdir(), tempPrefix));
  const pageErrors: string[] = [];
  let server: ReferenceServer | undefined;
  let vite: ViteDevServer | undefined;
  let browser: Browser | undefined;
  let demoUrl = '';
  beforeAll(async () => {
    server = await startServer();
    ({ vite, url: demoUrl } = await startDemo(server.url, join(screenshotDir, 'vite-cache')));
    expect(demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await vite?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    rmSync(join(screenshotDir, 'vite-cache'), { recursive: true, force: true });
  });
  return {
    openPage: () => openPage(browser!, pageErrors),
    logIn: (page, username) => logIn(page, demoUrl, username),
    withFailureShots: (pages, steps) => withFailureShots(screenshotDir, pages, steps),
    screenshotDir,
    pageErrors,
    get demoUrl() {
      return demoUrl;
    },
  };
}
