/**
 * Rich messaging in the demo, between two users in two browser contexts of Debian's Chromium, against the
 * reference server: a mention notification and unread badge, presence (online, away, offline), editing with the Up arrow, reactions, a
 * reply with its thread, an image upload that keeps its box, search that jumps to the message, and deletion.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { message, send, useDemoInBrowser } from './harness';
import { pngBytes } from './png';

const e2e = useDemoInBrowser('natter-e2e-rich-');

/** Hovers a message (its actions toolbar shows on hover or focus) and clicks one of its actions. */
async function act(page: Page, text: string, action: string): Promise<void> {
  const row = message(page, text);
  await row.hover();
  await row.getByRole('toolbar', { name: 'Message actions' }).getByRole('button', { name: action, exact: true }).click();
}

/** Makes the page report itself hidden (or visible again), as when its tab goes to the background. */
async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((value) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (value ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

describe('rich messaging in the demo, two users', () => {
  it('mentions, unread, presence, edit, reactions, threads, files, search and deletion reach the other user', async () => {
    const alice = await e2e.openPage();
    const bob = await e2e.openPage();
    await e2e.withFailureShots({ alice, bob }, async () => {
      await e2e.logIn(alice, 'alice');
      await e2e.logIn(bob, 'bob');

      // Alice makes a group with Bob and mentions him while he is looking at nothing.
      await alice.getByRole('button', { name: 'New group' }).click();
      const dialog = alice.getByRole('dialog', { name: 'New group chat' });
      await dialog.getByLabel('Chat name').fill('Launch');
      await dialog.getByRole('checkbox', { name: 'bob' }).check();
      await dialog.getByRole('button', { name: 'Create chat' }).click();
      await alice.getByRole('heading', { name: 'Launch', level: 2 }).waitFor();
      await send(alice, 'Hello @bob, ready?');

      // Bob: the chat appears in his list with an unread badge, and a mention notification.
      const launchRow = bob.getByRole('link', { name: /Launch/ });
      await launchRow.getByRole('img', { name: '1 unread message' }).waitFor();
      const mention = bob.locator('[data-natter="notification"][data-kind="mention"]');
      await mention.getByRole('button', { name: 'alice mentioned you in #Launch: Hello @bob, ready?', exact: true }).click();
      await bob.getByRole('heading', { name: 'Launch', level: 2 }).waitFor();
      await message(bob, 'Hello @bob, ready?', '[data-own="false"]').waitFor();
      // It was unread: the "New messages" line stands before it, and stays while Bob reads.
      await bob.getByRole('separator', { name: 'New messages' }).waitFor();
      await mention.waitFor({ state: 'detached' });
      await launchRow.getByRole('img', { name: /unread/ }).waitFor({ state: 'detached' });

      // Presence: each sees the other online in the chat's header.
      await alice.getByRole('list', { name: 'Members' }).getByRole('img', { name: 'bob (Online)' }).waitFor();
      await bob.getByRole('list', { name: 'Members' }).getByRole('img', { name: 'alice (Online)' }).waitFor();
      // Bob's tab goes to the background: Alice sees him away, then back.
      await setHidden(bob, true);
      await alice.getByRole('list', { name: 'Members' }).getByRole('img', { name: 'bob (Away)' }).waitFor();
      await setHidden(bob, false);
      await alice.getByRole('list', { name: 'Members' }).getByRole('img', { name: 'bob (Online)' }).waitFor();

      // Editing: Up in the empty box edits Alice's last message; Bob sees the new text marked edited.
      const box = alice.getByRole('textbox', { name: 'Message' });
      await box.click();
      await box.press('ArrowUp');
      const editBox = alice.getByRole('textbox', { name: 'Edit message' });
      await expect.poll(() => editBox.inputValue()).toBe('Hello @bob, ready?');
      await editBox.fill('Hello @bob, ready for launch?');
      await editBox.press('Enter');
      const edited = message(bob, 'Hello @bob, ready for launch?', '[data-edited="true"]');
      await edited.locator('[data-natter="message-edited"]').filter({ hasText: 'edited' }).waitFor();

      // Reactions: Bob adds a thumbs up; Alice sees the count, Bob sees it as his.
      await act(bob, 'ready for launch?', 'React');
      await bob.getByRole('menu', { name: 'Add reaction' }).getByRole('menuitemcheckbox', { name: /Thumbs up/ }).click();
      await message(alice, 'ready for launch?').getByRole('button', { name: '👍 1 reaction' }).waitFor();
      await message(bob, 'ready for launch?').getByRole('button', { name: '👍 1 reaction, including yours' }).waitFor();

      // A reply: quoted in the main list, counted on the parent, listed in the thread panel.
      await act(bob, 'ready for launch?', 'Reply');
      await bob.getByText('Replying to alice').waitFor();
      await send(bob, 'Count me in');
      const reply = message(alice, 'Count me in', '[data-own="false"]');
      await reply.locator('[data-natter="message-quote"]').filter({ hasText: 'alice' }).waitFor();
      await message(alice, 'ready for launch?').getByRole('button', { name: '1 reply' }).click();
      const thread = alice.getByRole('region', { name: 'Thread' });
      await thread.locator('[data-natter="message"]').filter({ hasText: 'Count me in' }).waitFor();
      await thread.getByRole('button', { name: 'Close thread' }).click();

      // A picture: uploaded by Alice, shown to Bob in a box of its own size before and after it loads.
      await alice.locator('[data-natter="composer-file-input"]').setInputFiles({ name: 'chart.png', mimeType: 'image/png', buffer: pngBytes(40, 30) });
      const image = bob.locator('[data-natter="message"] [data-kind="image"] img');
      await image.waitFor();
      expect(await image.getAttribute('width')).toBe('40');
      expect(await image.getAttribute('height')).toBe('30');
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(40);

      // Search: Bob finds the edited text; choosing the result highlights the message in the list.
      await bob.getByRole('button', { name: 'Search messages' }).click();
      await bob.getByRole('searchbox', { name: 'Search messages' }).fill('laun');
      const result = bob.getByRole('option').filter({ hasText: 'ready for launch?' });
      await result.locator('mark').filter({ hasText: /^launch$/i }).waitFor();
      await result.click();
      await message(bob, 'ready for launch?', '[data-highlighted="true"]').waitFor();

      // Deletion: Alice takes a message back; Bob sees a tombstone.
      await send(alice, 'Oops, wrong chat');
      await message(bob, 'Oops, wrong chat').waitFor();
      await act(alice, 'Oops, wrong chat', 'Delete');
      await alice.getByRole('button', { name: 'Confirm delete' }).click();
      await bob.locator('[data-natter="message"][data-deleted="true"]').filter({ hasText: 'Message deleted' }).waitFor();
      await message(bob, 'Oops, wrong chat').waitFor({ state: 'detached' });
      // Neither chat list previews the deleted text.
      await bob.getByRole('link', { name: /Launch/ }).filter({ hasText: 'Message deleted' }).waitFor();
      await alice.getByRole('link', { name: /Launch/ }).filter({ hasText: 'Message deleted' }).waitFor();

      // Bob leaves: Alice sees him offline.
      await bob.getByRole('button', { name: 'Log out' }).click();
      await alice.getByRole('list', { name: 'Members' }).getByRole('img', { name: /^bob \((Offline|Last seen)/ }).waitFor();

      await alice.screenshot({ path: join(e2e.screenshotDir, 'alice-rich.png') });
      console.info(`e2e screenshot: ${e2e.screenshotDir}/alice-rich.png`);
    });
    expect(e2e.pageErrors).toEqual([]);
  });
});
