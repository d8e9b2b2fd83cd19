/**
 * The demo end to end, in a real browser: the reference server (in memory) and the demo's Vite dev server run in
 * this process, and Debian's Chromium shows two users side by side (one browser context each). Every step waits
 * for what the user would see; nothing sleeps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The flags from TOOLCHAIN.md: no sandbox, no GPU, and no look-ups of hosts other than this machine. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

interface ReferenceServer {
  url: string;
  close(): Promise<void>;
}

// Loaded by name: the server's sources import with `.ts` extensions, which the root tsconfig does not allow.
const SERVER_ENTRY = '@natter/server';
async function startServer(): Promise<ReferenceServer> {
  const module = (await import(/* @vite-ignore */ SERVER_ENTRY)) as { createServer(options: object): Promise<ReferenceServer> };
  return module.createServer({ port: 0, db: ':memory:', logger: false });
}

let server: ReferenceServer | undefined;
let vite: ViteDevServer | undefined;
let browser: Browser | undefined;
let demoUrl = '';
const pageErrors: string[] = [];
const screenshotDir = mkdtempSync(join(tmpdir(), 'natter-e2e-'));

beforeAll(async () => {
  server = await startServer();
  vite = await createViteServer({
    configFile: join(root, 'examples/demo/vite.config.ts'),
    // Its own dependency cache, so a running `npm start` and this test never rebuild each other's.
    cacheDir: join(screenshotDir, 'vite-cache'),
    define: { 'import.meta.env.VITE_NATTER_URL': JSON.stringify(server.url) },
    server: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
    clearScreen: false,
  });
  await vite.listen();
  demoUrl = vite.resolvedUrls?.local[0] ?? '';
  expect(demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await vite?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  rmSync(join(screenshotDir, 'vite-cache'), { recursive: true, force: true });
});

/** A page in its own browser context (its own sessionStorage: its own user), in the light theme. */
async function openPage(): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width: 1100, height: 720 }, colorScheme: 'light' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  return page;
}

async function logIn(page: Page, username: string): Promise<void> {
  await page.goto(demoUrl);
  await page.getByLabel('User name').fill(username);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText(`Signed in as ${username}`).waitFor();
}

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

/** A message bubble with this text (and these `data-*` states, e.g. `[data-own="true"]`). */
const message = (page: Page, text: string, states = '') => page.locator(`[data-natter="message"]${states}`).filter({ hasText: text });

/** Runs the steps; if one fails, saves what both users saw at that moment next to the screenshots. */
async function withFailureShots(pages: Record<string, Page>, steps: () => Promise<void>): Promise<void> {
  try {
    await steps();
  } catch (error) {
    for (const [name, page] of Object.entries(pages)) await page.screenshot({ path: join(screenshotDir, `failed-${name}.png`) }).catch(() => undefined);
    console.error(`e2e failure screenshots: ${screenshotDir}/failed-*.png`);
    throw error;
  }
}

describe('the demo, two users in one browser', () => {
  it('logs in, creates a group, sends, shows typing and read receipts, and delivers a direct message', async () => {
    const alice = await openPage();
    const bob = await openPage();
    await withFailureShots({ alice, bob }, () => scenario(alice, bob));
    expect(pageErrors).toEqual([]);
  });

  it('renews the access token before it expires, logs out and in as someone else, and signs out when renewal is refused', async () => {
    const carol = await openPage();
    await withFailureShots({ carol }, async () => {
      await logIn(carol, 'carol');
      const before = await readSession(carol);

      // Pretend the token is about to expire: the next call renews it first, and the app keeps working.
      await editSession(carol, { renewAt: 0 });
      const refreshed = carol.waitForResponse((response) => response.url().endsWith('/api/v1/auth/refresh') && response.ok());
      await carol.reload();
      await refreshed;
      await carol.getByText('No chats yet').waitFor();
      const after = await readSession(carol);
      expect(after.accessToken).not.toBe(before.accessToken);
      expect(after.renewAt).toBeGreaterThan(Date.now());

      // Logging out and in again, as someone else, in the same tab.
      await carol.getByRole('button', { name: 'Log out' }).click();
      await logIn(carol, 'dave');
      await carol.getByRole('button', { name: 'New direct message' }).click();
      await carol.getByRole('button', { name: 'Message carol' }).waitFor();
      await carol.keyboard.press('Escape');
      await carol.getByRole('dialog').waitFor({ state: 'detached' });

      // A refresh token the server refuses: back to the login screen.
      await editSession(carol, { renewAt: 0, refreshToken: 'not-a-token' });
      await carol.reload();
      await carol.getByRole('button', { name: 'Log in' }).waitFor();
    });
    expect(pageErrors).toEqual([]);
  });
});

const SESSION_KEY = 'natter-demo:session';
type StoredSession = { accessToken: string; refreshToken: string; renewAt: number };

const readSession = (page: Page): Promise<StoredSession> => page.evaluate((key) => JSON.parse(sessionStorage.getItem(key) ?? 'null') as StoredSession, SESSION_KEY);

async function editSession(page: Page, changes: Partial<StoredSession>): Promise<void> {
  await page.evaluate(
    ([key, patch]) => sessionStorage.setItem(key, JSON.stringify({ ...JSON.parse(sessionStorage.getItem(key) ?? '{}'), ...patch })),
    [SESSION_KEY, changes] as const,
  );
}

async function scenario(alice: Page, bob: Page): Promise<void> {
  await logIn(alice, 'alice');
  await logIn(bob, 'bob');

  // Alice creates a group with Bob through the dialog.
  await alice.getByRole('button', { name: 'New group' }).click();
  const dialog = alice.getByRole('dialog', { name: 'New group chat' });
  await dialog.getByLabel('Chat name').fill('Team');
  await dialog.getByRole('checkbox', { name: 'bob' }).check();
  await dialog.getByRole('button', { name: 'Create chat' }).click();
  await alice.getByRole('heading', { name: 'Team', level: 2 }).waitFor();
  await dialog.waitFor({ state: 'hidden' });

  // Alice sends; the server acknowledges it.
  await send(alice, 'Hello from alice');
  await message(alice, 'Hello from alice', '[data-own="true"][data-status="sent"]').waitFor();

  // Bob finds the new group in his list and sees the message.
  await bob.getByRole('button', { name: 'Refresh chats' }).click();
  await bob.getByRole('link', { name: /Team/ }).click();
  await bob.getByRole('heading', { name: 'Team', level: 2 }).waitFor();
  await message(bob, 'Hello from alice', '[data-own="false"]').waitFor();

  // Bob types: Alice sees it. (Typing is ephemeral, never queued: wait for Bob's socket first.)
  await bob.locator('[data-natter="connection-status"][data-status="open"]').waitFor({ state: 'attached' });
  const bobBox = bob.getByRole('textbox', { name: 'Message' });
  await bobBox.pressSequentially('On my way');
  await alice.locator('[data-natter="typing-indicator"]').filter({ hasText: 'bob is typing…' }).waitFor();

  // The message is on Bob's screen, so he has read it: Alice's copy says so.
  const read = message(alice, 'Hello from alice', '[data-own="true"][data-status="read"]');
  await read.locator('[data-natter="read-receipts"]').filter({ hasText: 'Read by 1' }).waitFor();

  // Bob sends what he typed: Alice gets it, and he is no longer typing.
  await bobBox.press('Enter');
  await message(alice, 'On my way', '[data-own="false"]').waitFor();
  await alice.locator('[data-natter="typing-indicator"][data-count="0"]').waitFor({ state: 'attached' });

  // Alice starts a direct chat with Bob and writes to him while he is still in the group.
  await alice.getByRole('button', { name: 'New direct message' }).click();
  await alice.getByRole('dialog', { name: 'New direct message' }).getByRole('button', { name: 'Message bob' }).click();
  await alice.getByRole('heading', { name: 'bob', level: 2 }).waitFor();
  await send(alice, 'Psst, just between us');
  await message(alice, 'Psst, just between us', '[data-own="true"][data-status="sent"]').waitFor();

  // Bob gets a notification and a badge; opening it shows the message in the direct chat.
  const notification = bob.getByRole('region', { name: 'New direct messages' }).getByRole('article').filter({ hasText: 'New direct message from alice' });
  await notification.filter({ hasText: 'Psst, just between us' }).waitFor();
  await bob.getByRole('link', { name: /Direct messages\s*1\s*unread/ }).waitFor();
  await notification.getByRole('link', { name: 'Open chat' }).click();
  await bob.getByRole('heading', { name: 'alice', level: 2 }).waitFor();
  await message(bob, 'Psst, just between us', '[data-own="false"]').waitFor();
  await notification.waitFor({ state: 'detached' });
  await message(alice, 'Psst, just between us', '[data-status="read"]').waitFor();
  // The direct chat is in Bob's list too.
  await bob.getByRole('link', { name: /^alice/ }).waitFor();

  // Back in the group for the record: Alice's screenshot shows the read receipt, Bob's the direct chat.
  await alice.getByRole('link', { name: /Team/ }).click();
  await read.waitFor();
  await alice.screenshot({ path: join(screenshotDir, 'alice.png') });
  await bob.screenshot({ path: join(screenshotDir, 'bob.png') });
  console.info(`e2e screenshots: ${screenshotDir}/alice.png, ${screenshotDir}/bob.png`);
}
