/**
 * The demo end to end, in a real browser: the reference server (in memory) and the demo's Vite dev server run in
 * this process, and Debian's Chromium shows two users side by side (one browser context each). Every step waits
 * for what the user would see; nothing sleeps.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { message, send, useDemoInBrowser } from './harness';

const CONFIRMED = ':is([data-status="sent"], [data-status="delivered"], [data-status="read"])[data-own="true"]';

const e2e = useDemoInBrowser('natter-e2e-');
const { openPage, logIn, withFailureShots, pageErrors, screenshotDir } = e2e;

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
  // Confirmed by the server: sent, or already delivered / read if bob's sockets got it first.
  await message(alice, 'Hello from alice', CONFIRMED).waitFor();

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
  await message(alice, 'Psst, just between us', CONFIRMED).waitFor();

  // Bob gets a notification and a badge; opening it shows the message in the direct chat.
  const notification = bob.locator('[data-natter="notification"][data-kind="direct_message"]').filter({ hasText: 'alice: Psst, just between us' });
  await notification.waitFor();
  await bob.getByRole('link', { name: /Notifications\s*1\s*unseen/ }).waitFor();
  await notification.getByRole('button', { name: 'alice: Psst, just between us', exact: true }).click();
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
