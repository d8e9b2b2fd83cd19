import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { elementOf, fromBottom, installListHarness, messageElements, scrollListTo, settled, until, varied } from './browser-harness';

const { render } = installListHarness();

/** The first message element wholly on screen: what the reader is looking at. */
function anchorOf(log: HTMLElement): HTMLElement {
  const view = log.getBoundingClientRect();
  const anchor = messageElements(log).find((element) => element.getBoundingClientRect().top >= view.top);
  expect(anchor).toBeDefined();
  return anchor!;
}

const held = (client: { store: { getState(): { chats: Record<string, { messages: unknown[] } | undefined> } } }, chatId: string) =>
  client.store.getState().chats[chatId]?.messages.length ?? 0;

describe('MessageList in a browser: history', () => {
  it('prepends an older page without moving the row the reader looks at (0 px)', async () => {
    const { log, mock, client, chatId } = await render({ messages: varied(200) });
    await settled(() => log.scrollTop);
    expect(held(client, chatId)).toBe(50);
    mock.setLatency(200);

    // Up, within the 200 px threshold: the older page is asked for, and arrives while the reader looks.
    await scrollListTo(log, 120);
    await until(() => expect(log.getAttribute('data-loading')).toBe('older'));
    const anchor = anchorOf(log);
    const id = anchor.getAttribute('data-message-id')!;
    const before = anchor.getBoundingClientRect().top;

    await until(() => expect(held(client, chatId)).toBe(100));
    await until(() => expect(log.getAttribute('data-loading')).toBeNull());
    await settled(() => elementOf(log, id)?.getBoundingClientRect().top);
    // The same element, still there, at the same place on screen.
    expect(elementOf(log, id)).toBe(anchor);
    expect(Math.abs(anchor.getBoundingClientRect().top - before)).toBeLessThanOrEqual(0.5);
    // The older messages are above it now.
    expect(log.scrollTop).toBeGreaterThan(1000);
  });

  it('a reader who goes straight to the top as the chat opens stays there while the older page goes in above', async () => {
    // A short latency: long enough for the scroll to reach the list before the page does on a loaded machine.
    const { log, client, chatId } = await render({ messages: 400, latencyMs: 150 });
    const oldest = client.store.getState().chats[chatId]!.messages[0]!;
    // No wait for the list to settle at the bottom: the wheel, to the top at once, and the page soon after.
    await userEvent.wheel(log, { delta: { y: -100_000 } });
    const first = await until(() => {
      const found = elementOf(log, oldest.id!);
      expect(found).not.toBeNull();
      return found!;
    });
    const before = first.getBoundingClientRect().top;
    await until(() => expect(held(client, chatId)).toBe(100));
    await settled(() => first.getBoundingClientRect().top, 10);
    expect(first.isConnected).toBe(true);
    expect(Math.abs(first.getBoundingClientRect().top - before)).toBeLessThanOrEqual(0.5);
  });

  it('jumps to a message far up that is not rendered: scrolled by index, in view, focused and highlighted', async () => {
    const { log, mock, client, chatId, handle } = await render({ messages: varied(150) });
    await settled(() => log.scrollTop);
    // Hold all 150, but far from the bottom the oldest are not in the DOM.
    while (held(client, chatId) < 150) await client.loadOlder(chatId, 50);
    await settled(() => log.scrollTop);
    const target = mock.messages('general')[3]!;
    expect(elementOf(log, target.id)).toBeNull();

    const found = await handle.current!.scrollToMessage(target.id);
    expect(found).toBe(true);
    const row = elementOf(log, target.id)!;
    expect(row.getAttribute('data-highlighted')).toBe('true');
    expect(document.activeElement).toBe(row);
    await settled(() => row.getBoundingClientRect().top);
    const box = row.getBoundingClientRect();
    const view = log.getBoundingClientRect();
    expect(box.top).toBeGreaterThanOrEqual(view.top - 1);
    expect(box.bottom).toBeLessThanOrEqual(view.bottom + 1);
    expect(log.hasAttribute('data-window')).toBe(false);
  });

  it('jumps far back into a window of history, and "Jump to latest" returns to the bottom', async () => {
    const { log, mock, handle } = await render({ messages: varied(400) });
    await settled(() => log.scrollTop);
    const target = mock.messages('general')[20]!;
    expect(await handle.current!.scrollToMessage(target.id)).toBe(true);
    expect(log.getAttribute('data-window')).toBe('true');
    const row = elementOf(log, target.id)!;
    await settled(() => row.getBoundingClientRect().top);
    expect(row.getBoundingClientRect().top).toBeGreaterThanOrEqual(log.getBoundingClientRect().top - 1);
    expect(row.getBoundingClientRect().bottom).toBeLessThanOrEqual(log.getBoundingClientRect().bottom + 1);

    log.querySelector<HTMLButtonElement>('[data-natter="jump-to-latest"]')!.click();
    const newest = mock.messages('general').at(-1)!;
    await until(() => expect(elementOf(log, newest.id)).not.toBeNull());
    await settled(() => log.scrollTop);
    expect(log.hasAttribute('data-window')).toBe(false);
    expect(fromBottom(log)).toBeLessThanOrEqual(1);
  });

  it('holds 5,000 messages with only a bounded number of rows in the DOM, wherever the reader is', async () => {
    const { log, mock, client, chatId } = await render({ messages: 5000 });
    while (held(client, chatId) < 5000) await client.loadOlder(chatId, 200);
    await settled(() => log.scrollTop);
    expect(held(client, chatId)).toBe(5000);
    const rows = () => log.querySelectorAll('[data-natter="message-row"]').length;
    expect(rows()).toBeLessThan(60);
    expect(fromBottom(log)).toBeLessThanOrEqual(1);
    expect(elementOf(log, mock.messages('general').at(-1)!.id)).not.toBeNull();

    await scrollListTo(log, log.scrollHeight / 2);
    await settled(() => rows());
    expect(rows()).toBeGreaterThan(0);
    expect(rows()).toBeLessThan(60);
  });
});
