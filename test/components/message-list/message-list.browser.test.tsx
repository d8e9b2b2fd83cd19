import { describe, expect, it, vi } from 'vitest';
import { elementOf, fromBottom, installListHarness, messageElements, scrollListTo, settled, until, varied } from './browser-harness';
import { addReaction } from 'natter/features';

const { render } = installListHarness();

/** Is the element's box entirely inside the list's visible box (±1 px)? */
const inView = (log: HTMLElement, element: HTMLElement) => {
  const box = element.getBoundingClientRect();
  const view = log.getBoundingClientRect();
  return box.top >= view.top - 1 && box.bottom <= view.bottom + 1;
};

describe('MessageList in a browser: layout', () => {
  it('lays out rows of different heights one after another, without overlaps, and opens at the bottom', async () => {
    const { log, mock } = await render({ messages: varied(50) });
    const last = mock.messages('general').at(-1)!;
    await until(() => expect(inView(log, elementOf(log, last.id)!)).toBe(true));
    await settled(() => log.scrollTop);
    expect(fromBottom(log)).toBeLessThanOrEqual(1);

    // Up a screen at a time: each rendered row starts where the one before it ends, whatever its measured height.
    const heights = new Map<string, number>();
    for (let step = 0; step < 6; step++) {
      // Those around the viewport (the unread line's row stays mounted far up).
      const view = log.getBoundingClientRect();
      const rows = [...log.querySelectorAll<HTMLElement>('[data-natter="message-row"]')].filter((row) => {
        const box = row.getBoundingClientRect();
        return box.bottom > view.top - 400 && box.top < view.bottom + 400;
      });
      const boxes = rows.map((row) => row.getBoundingClientRect()).sort((a, b) => a.top - b.top);
      for (let i = 1; i < boxes.length; i++) expect(Math.abs(boxes[i]!.top - boxes[i - 1]!.bottom)).toBeLessThanOrEqual(0.5);
      for (const row of rows) heights.set(row.getAttribute('data-message-key')!, Math.round(row.getBoundingClientRect().height));
      await scrollListTo(log, log.scrollTop - 300);
      await settled(() => log.querySelectorAll('[data-natter="message-row"]').length);
    }
    expect(new Set(heights.values()).size).toBeGreaterThan(3);
    // Virtualized: 50 messages of several lines in 400 px are never all in the DOM.
    expect(heights.size).toBeLessThan(50);
    expect(messageElements(log).length).toBeLessThan(20);
  });
});

describe('MessageList in a browser: new messages', () => {
  it('keeps a reader at the bottom there when messages arrive, even tall ones', async () => {
    const { log, mock } = await render({ messages: varied(40) });
    await settled(() => log.scrollTop);
    for (const content of ['short', `tall ${'word '.repeat(200)}`, 'after the tall one']) {
      mock.addMessage('general', { from: 'ben', content });
      const added = mock.messages('general').at(-1)!;
      await until(() => expect(elementOf(log, added.id)).not.toBeNull());
      await settled(() => log.scrollTop);
      expect(fromBottom(log)).toBeLessThanOrEqual(1);
      // The newest message's bottom is on screen.
      expect(elementOf(log, added.id)!.getBoundingClientRect().bottom).toBeLessThanOrEqual(log.getBoundingClientRect().bottom + 1);
    }
    expect(log.querySelector('[data-natter="new-messages-button"]')).toBeNull();
  });

  it('does not pull back a reader whose scroll up has not been dispatched yet when the messages change', async () => {
    const { log, client, chatId, mock } = await render({ messages: varied(60) });
    await settled(() => log.scrollTop);
    const last = mock.messages('general').at(-1)!;
    // As a wheel goes: its event, then the scroll, whose event the browser dispatches only at the next frame. A message
    // committed in between must not stick to the bottom again and undo the reader's scroll.
    log.dispatchEvent(new WheelEvent('wheel', { deltaY: -600, bubbles: true }));
    log.scrollTop = log.scrollTop - 600;
    addReaction(client, chatId, last.id, '👍');
    await settled(() => log.scrollTop);
    expect(fromBottom(log)).toBeGreaterThan(400);
  });

  it('shows a reader who scrolled up a "new messages" button with the count, without moving their view; it takes them down and goes away', async () => {
    const { log, mock } = await render({ messages: varied(60) });
    await settled(() => log.scrollTop);
    await scrollListTo(log, log.scrollTop - 700);
    const anchor = messageElements(log).find((element) => inView(log, element))!;
    const topBefore = anchor.getBoundingClientRect().top;
    expect(log.querySelector('[data-natter="new-messages-button"]')).toBeNull();

    mock.addMessage('general', { from: 'ben', content: 'one below' });
    mock.addMessage('general', { from: 'cy', content: 'two below' });
    const button = await until(() => {
      const found = log.querySelector<HTMLButtonElement>('[data-natter="new-messages-button"]');
      expect(found?.getAttribute('data-count')).toBe('2');
      return found!;
    });
    expect(button.textContent).toBe('2 new messages below');
    await settled(() => log.scrollTop);
    expect(anchor.getBoundingClientRect().top).toBe(topBefore);

    button.click();
    const newest = mock.messages('general').at(-1)!;
    await until(() => expect(elementOf(log, newest.id)).not.toBeNull());
    await settled(() => log.scrollTop);
    expect(fromBottom(log)).toBeLessThanOrEqual(1);
    expect(log.querySelector('[data-natter="new-messages-button"]')).toBeNull();
  });

  it('labels the button with `newMessagesLabel`, and hides it once the reader scrolls back down themselves', async () => {
    const { log, mock } = await render({ messages: varied(60), props: { newMessagesLabel: (n) => `↓ ${n}` } });
    await settled(() => log.scrollTop);
    await scrollListTo(log, log.scrollTop - 600);
    mock.addMessage('general', { from: 'ben', content: 'below' });
    const button = await until(() => {
      const found = log.querySelector<HTMLButtonElement>('[data-natter="new-messages-button"]');
      expect(found).not.toBeNull();
      return found!;
    });
    expect(button.textContent).toBe('↓ 1');
    await scrollListTo(log, log.scrollHeight);
    await until(() => expect(log.querySelector('[data-natter="new-messages-button"]')).toBeNull());
  });

  it('jumps to the bottom when you send, even after scrolling up', async () => {
    const { log, client, chatId } = await render({ messages: varied(60) });
    await settled(() => log.scrollTop);
    await scrollListTo(log, 300);
    client.sendMessage(chatId, 'my own message');
    const mine = await until(() => {
      const found = [...log.querySelectorAll<HTMLElement>('[data-natter="message"][data-own="true"]')].at(-1);
      expect(found?.textContent).toContain('my own message');
      return found!;
    });
    await settled(() => log.scrollTop);
    expect(fromBottom(log)).toBeLessThanOrEqual(1);
    expect(inView(log, mine)).toBe(true);
  });

  it('tells the client the oldest message on screen (setViewport), and null back at the bottom', async () => {
    const { log, mock, client, chatId } = await render({ messages: varied(60) });
    await settled(() => log.scrollTop);
    const setViewport = vi.spyOn(client, 'setViewport');
    await scrollListTo(log, log.scrollTop - 900);
    await settled(() => log.scrollTop);
    const firstSeq = (setViewport.mock.calls.at(-1)![1] as { firstSeq: number | null }).firstSeq;
    expect(setViewport.mock.calls.at(-1)![0]).toBe(chatId);
    // The reported message is (at least partly) on screen, and the one before it is not.
    const seqs = new Map(mock.messages('general').map((m) => [m.seq, m.id]));
    const box = elementOf(log, seqs.get(firstSeq!)!)!.closest('[data-natter="message-row"]')!.getBoundingClientRect();
    const view = log.getBoundingClientRect();
    expect(box.bottom).toBeGreaterThan(view.top);
    expect(box.top).toBeLessThanOrEqual(view.top + 1);

    await scrollListTo(log, log.scrollHeight);
    await until(() => expect(setViewport).toHaveBeenLastCalledWith(chatId, { firstSeq: null }));
  });
});
