/**
 * Issue 4, end to end: "stop the demo's server, type three messages, start it again; each arrives once, in order,
 * in both windows." The reference server keeps its data in a SQLite file and listens on a fixed port, so a restart
 * (close, then createServer on the same file and port) is the same server to the demo, whose Vite dev server points
 * at that URL throughout. The client reconnects on its default backoff (up to 30 s between attempts); nothing here
 * sleeps: every step waits for what the user would see.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from './harness';
import { launchChromium, message, send, startDemo, startServer, type ReferenceServer } from './harness';

/** Longest wait for the client to come back after the restart: its backoff ceiling (30 s) plus slack. */
const RECONNECT_TIMEOUT_MS = 35_000;

const workDir = mkdtempSync(join(tmpdir(), 'natter-e2e-restart-'));
const dbFile = join(workDir, 'natter.db');
let port = 0;
let serverUrl = '';
let server: ReferenceServer | undefined;
let vite: ViteDevServer | undefined;
let browser: Browser | undefined;
let demoUrl = '';
const pageErrors: string[] = [];

/** A port nothing listens on now: the kernel picks one for a throwaway listener, which is closed at once. */
async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port: free } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return free;
}

/**
 * The server on `port` and `dbFile`. Closing a server frees its port at once (Node listens with SO_REUSEADDR), but
 * allow a few retries in case the kernel is slow to let go of it.
 */
async function startOnPort(): Promise<ReferenceServer> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await startServer({ port, db: dbFile });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

beforeAll(async () => {
  port = await freePort();
  server = await startOnPort();
  serverUrl = server.url;
  expect(serverUrl).toBe(`http://127.0.0.1:${port}`);
  ({ vite, url: demoUrl } = await startDemo(serverUrl, join(workDir, 'vite-cache')));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await vite?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  // The screenshots stay for a look; the cache and the database go.
  rmSync(join(workDir, 'vite-cache'), { recursive: true, force: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true });
});

/** Every message bubble's text in this page, top to bottom. */
const texts = (page: Page) => page.locator('[data-natter="message"] [data-natter="message-content"]').allTextContents();

/** The `data-status` of each of this page's own messages, top to bottom. */
const ownStatuses = (page: Page) =>
  page.locator('[data-natter="message"][data-own="true"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-status')));

/** The open chat's socket as the ConnectionStatus banner shows it. */
const banner = (page: Page, status: string) => page.locator(`[data-natter="connection-status"][data-status="${status}"]`);

interface SocketAttempt {
  openedAt: number;
  /** Closed without ever receiving a frame: the attempt was refused. */
  refused: boolean;
}

/** Every WebSocket the page opens to a URL containing `path`, from now on, as the browser reports them. */
function watchSockets(page: Page, path: string): SocketAttempt[] {
  const attempts: SocketAttempt[] = [];
  page.on('websocket', (socket) => {
    if (!socket.url().includes(path)) return;
    const attempt: SocketAttempt = { openedAt: Date.now(), refused: false };
    let heard = false;
    socket.on('framereceived', () => {
      heard = true;
    });
    socket.on('close', () => {
      attempt.refused = !heard;
    });
    attempts.push(attempt);
  });
  return attempts;
}

/** How many attempts made after `since` were refused. */
const failedSince = (attempts: SocketAttempt[], since: number) => attempts.filter((a) => a.openedAt >= since && a.refused).length;

/** Acknowledged by the server: anything but `pending` or `failed`. */
const CONFIRMED = ':not([data-status="pending"]):not([data-status="failed"])';

describe('the demo across a server restart', () => {
  it('queues three messages while the server is down and delivers each once, in order, to both windows', async () => {
    const alice = await demo.openPage(browser!, pageErrors);
    const bob = await demo.openPage(browser!, pageErrors);
    await demo.withFailureShots(workDir, { alice, bob }, () => scenario(alice, bob));
    expect(pageErrors).toEqual([]);
  });
});

async function scenario(alice: Page, bob: Page): Promise<void> {
  await demo.logIn(alice, demoUrl, 'alice');
  await demo.logIn(bob, demoUrl, 'bob');

  // Alice creates a group with Bob and opens it.
  await alice.getByRole('button', { name: 'New group' }).click();
  const dialog = alice.getByRole('dialog', { name: 'New group chat' });
  await dialog.getByLabel('Chat name').fill('Restart');
  await dialog.getByRole('checkbox', { name: 'bob' }).check();
  await dialog.getByRole('button', { name: 'Create chat' }).click();
  await alice.getByRole('heading', { name: 'Restart', level: 2 }).waitFor();
  await dialog.waitFor({ state: 'hidden' });
  const chatId = decodeURIComponent(new URL(alice.url()).hash.replace(/^#\/chats\//, ''));
  expect(chatId).not.toBe('');
  const aliceSockets = watchSockets(alice, `/api/v1/ws/chat/${encodeURIComponent(chatId)}`);

  // Bob opens it too.
  await bob.getByRole('button', { name: 'Refresh chats' }).click();
  await bob.getByRole('link', { name: /Restart/ }).click();
  await bob.getByRole('heading', { name: 'Restart', level: 2 }).waitFor();

  // One message each way proves the link.
  const [fromAlice, fromBob] = ['Before the restart, from alice', 'Before the restart, from bob'] as const;
  const before = [fromAlice, fromBob];
  await send(alice, fromAlice);
  await message(alice, fromAlice, `[data-own="true"]${CONFIRMED}`).waitFor();
  await message(bob, fromAlice, '[data-own="false"]').waitFor();
  await send(bob, fromBob);
  await message(bob, fromBob, `[data-own="true"]${CONFIRMED}`).waitFor();
  await message(alice, fromBob, '[data-own="false"]').waitFor();
  await banner(alice, 'open').waitFor({ state: 'attached' });
  await banner(bob, 'open').waitFor({ state: 'attached' });

  // The server goes away: both windows say they are reconnecting.
  await server!.close();
  server = undefined;
  const downAt = Date.now();
  await banner(alice, 'reconnecting').waitFor();
  await expect.poll(() => banner(alice, 'reconnecting').textContent()).toContain('Reconnecting');
  await banner(bob, 'reconnecting').waitFor();

  // Alice writes three messages meanwhile: each shows at once, pending, below the earlier ones.
  const queued = ['Queued one', 'Queued two', 'Queued three'];
  for (const text of queued) {
    await send(alice, text);
    await message(alice, text, '[data-own="true"][data-status="pending"]').waitFor({ timeout: 2_000 });
  }
  expect(await texts(alice)).toEqual([...before, ...queued]);
  expect(await alice.locator('[data-natter="message"][data-status="pending"] [data-natter="message-content"]').allTextContents()).toEqual(queued);
  // Still down, still trying: Alice's page has tried the chat's socket again, on its backoff, and been refused
  // (twice, so the wait has grown at least once), and her messages are still waiting, not failed.
  await expect.poll(() => failedSince(aliceSockets, downAt), { timeout: RECONNECT_TIMEOUT_MS }).toBeGreaterThanOrEqual(2);
  await banner(alice, 'reconnecting').waitFor({ state: 'attached' });
  expect(await alice.locator('[data-natter="message"][data-status="pending"] [data-natter="message-content"]').allTextContents()).toEqual(queued);
  await alice.screenshot({ path: join(workDir, 'alice-offline.png') });

  // The same server again: the same database file, the same port, so the same URL.
  server = await startOnPort();
  expect(server.url).toBe(serverUrl);
  const upAt = Date.now();

  // Both windows come back and show all five messages, each once, in the order sent; Alice's are all acknowledged.
  const expected = [...before, ...queued];
  await expect.poll(() => texts(alice), { timeout: RECONNECT_TIMEOUT_MS, interval: 250 }).toEqual(expected);
  await expect
    .poll(async () => (await ownStatuses(alice)).map((status) => (status === 'pending' || status === 'failed' ? status : 'confirmed')), {
      timeout: RECONNECT_TIMEOUT_MS,
      interval: 250,
    })
    .toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed']);
  const aliceDoneAt = Date.now();
  await expect.poll(() => texts(bob), { timeout: RECONNECT_TIMEOUT_MS, interval: 250 }).toEqual(expected);
  const bobDoneAt = Date.now();
  await banner(alice, 'open').waitFor({ state: 'attached', timeout: RECONNECT_TIMEOUT_MS });
  await banner(bob, 'open').waitFor({ state: 'attached', timeout: RECONNECT_TIMEOUT_MS });
  for (const text of queued) {
    await expect(message(alice, text).count()).resolves.toBe(1);
    await expect(message(bob, text, '[data-own="false"]').count()).resolves.toBe(1);
  }
  console.info(
    `restart e2e: server down ${upAt - downAt} ms (alice's chat socket refused ${failedSince(aliceSockets, downAt)} times); after the restart alice confirmed in ${aliceDoneAt - upAt} ms, bob had all in ${bobDoneAt - upAt} ms`,
  );

  // The server stored each exactly once, in the order sent, each with its own client id.
  const { accessToken } = await alice.evaluate(() => JSON.parse(sessionStorage.getItem('natter-demo:session') ?? 'null') as { accessToken: string });
  const response = await fetch(`${serverUrl}/api/v1/chats/${encodeURIComponent(chatId)}/messages?limit=100`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  expect(response.status).toBe(200);
  const history = (await response.json()) as { messages: Array<{ content: string; seq: number; client_id: string | null }>; has_more: boolean };
  expect(history.has_more).toBe(false);
  const stored = [...history.messages].sort((a, b) => a.seq - b.seq);
  expect(stored.map((m) => m.content)).toEqual(expected);
  expect(new Set(stored.map((m) => m.client_id)).size).toBe(stored.length);

  // Nothing turns up late: still each once, in order, in both windows.
  expect(await texts(alice)).toEqual(expected);
  expect(await texts(bob)).toEqual(expected);

  // The chat lists catch up too (they refetch on activity), so the screenshots show the newest message there.
  await alice.getByRole('link', { name: /Restart.*Queued three/ }).waitFor({ timeout: 20_000 });
  await bob.getByRole('link', { name: /Restart.*Queued three/ }).waitFor({ timeout: 20_000 });

  // The record: both windows after the restart.
  await alice.screenshot({ path: join(workDir, 'alice.png') });
  await bob.screenshot({ path: join(workDir, 'bob.png') });
  console.info(`restart e2e screenshots: ${workDir}/alice-offline.png, ${workDir}/alice.png, ${workDir}/bob.png`);
}
