import { act, screen } from '@testing-library/react';
import { MessageList, type MessageListHandle } from 'natter/components';
import { createRef } from 'react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent } from '@testing-library/react';
import { eventually, fakeScrollLayout, installHookTest, installScrollRecorder, renderWithClient, settle } from '../helpers';

const { server, startMock, clientFor } = installHookTest();

const { scrolled, record: spyScroll } = installScrollRecorder();

/** `general` with 300 messages from ben; the list holds the newest 50 at first. */
function startLong() {
  const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [] }] });
  mock.seed('general', 300, { from: ['ben'] });
  return { mock, client: clientFor(mock, 'ana'), chatId: mock.chat('general').id };
}

const rowCount = () => screen.getByRole('log').querySelectorAll('[data-natter="message"]').length;

describe('MessageList: jumping to a message', () => {
  it('highlightMessageId loads older history until a near message is held, scrolls to it, focuses and highlights it for a moment', async () => {
    spyScroll();
    const { mock, client, chatId } = startLong();
    // 251..300 held: 100 is within one page (200) below, so the live list pages back to it.
    const target = mock.messages('general').find((m) => m.seq === 100)!;
    const onHighlight = vi.fn();
    const view = renderWithClient(client, <MessageList chatId={chatId} highlightMs={150} onHighlight={onHighlight} />);
    await eventually(() => expect(rowCount()).toBe(50));
    view.rerender(<MessageList chatId={chatId} highlightMs={150} onHighlight={onHighlight} highlightMessageId={target.id} />);
    await eventually(() => expect(onHighlight).toHaveBeenCalledWith(target.id, true), 5000);
    const row = screen.getByRole('log').querySelector<HTMLElement>(`[data-message-id="${target.id}"]`)!;
    expect(row.getAttribute('data-highlighted')).toBe('true');
    expect(scrolled).toContain(row);
    expect(document.activeElement).toBe(row);
    expect(rowCount()).toBe(250);
    expect(screen.getByRole('log').hasAttribute('data-window')).toBe(false);
    await eventually(() => expect(row.hasAttribute('data-highlighted')).toBe(false));
  });

  it('a search-style jump far back shows the window around the message, highlighted; "Jump to latest" returns to the live end', async () => {
    spyScroll();
    const { mock, client, chatId } = startLong();
    const target = mock.messages('general').find((m) => m.seq === 30)!;
    const newest = mock.messages('general').at(-1)!;
    const onHighlight = vi.fn();
    const view = renderWithClient(client, <MessageList chatId={chatId} onHighlight={onHighlight} />);
    await eventually(() => expect(rowCount()).toBe(50));
    view.rerender(<MessageList chatId={chatId} onHighlight={onHighlight} highlightMessageId={target.id} />);
    await eventually(() => expect(onHighlight).toHaveBeenCalledWith(target.id, true), 5000);
    const log = screen.getByRole('log');
    expect(log.getAttribute('data-window')).toBe('true');
    // Only the 50 around it: 6..55, not the 250 between it and the live end.
    expect(rowCount()).toBe(50);
    expect(log.querySelector(`[data-message-id="${newest.id}"]`)).toBeNull();
    const row = log.querySelector<HTMLElement>(`[data-message-id="${target.id}"]`)!;
    expect(row.getAttribute('data-highlighted')).toBe('true');
    expect(scrolled).toContain(row);
    expect(document.activeElement).toBe(row);

    // New messages keep arriving in the live list, not in the window shown.
    await act(async () => {
      mock.addMessage('general', { from: 'ben', content: 'live while reading far back' });
    });
    await eventually(() => expect(client.store.getState().chats[chatId]!.messages.at(-1)!.content).toBe('live while reading far back'));
    expect(screen.queryByText('live while reading far back')).toBeNull();

    await act(async () => {
      screen.getByRole('button', { name: 'Jump to latest' }).click();
    });
    expect(log.hasAttribute('data-window')).toBe(false);
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
    expect(log.querySelector(`[data-message-id="${target.id}"]`)).toBeNull();
    expect(screen.getByText('live while reading far back')).toBeTruthy();
    expect(rowCount()).toBe(51);
  });

  it('handleRef.scrollToMessage jumps (again) to a held message, and answers false for one not in the chat', async () => {
    spyScroll();
    const { mock, client, chatId } = startLong();
    const handle = createRef<MessageListHandle>();
    renderWithClient(client, <MessageList chatId={chatId} handleRef={handle} />);
    await eventually(() => expect(rowCount()).toBe(50));
    const held = mock.messages('general').at(-10)!;
    let found: boolean | undefined;
    await act(async () => {
      found = await handle.current!.scrollToMessage(held.id);
    });
    expect(found).toBe(true);
    const row = screen.getByRole('log').querySelector(`[data-message-id="${held.id}"]`)!;
    expect(row.getAttribute('data-highlighted')).toBe('true');
    expect(scrolled).toEqual([row]);
    await act(async () => {
      found = await handle.current!.scrollToMessage('00000000-0000-4000-8000-000000000000');
    });
    expect(found).toBe(false);
  });

  it('scrolling near the top or bottom of the window pages it; reaching the live messages merges them without moving the view', async () => {
    spyScroll();
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [] }] });
    mock.seed('general', 400, { from: ['ben'] });
    const client = clientFor(mock, 'ana');
    const chatId = mock.chat('general').id;
    const seqOf = new Map(mock.messages('general').map((m) => [m.id, m.seq]));
    const shown = () => [...screen.getByRole('log').querySelectorAll('[data-message-id]')].map((row) => seqOf.get(row.getAttribute('data-message-id')!));
    const handle = createRef<MessageListHandle>();
    renderWithClient(client, <MessageList chatId={chatId} handleRef={handle} />);
    const log = screen.getByRole('log');
    const layout = fakeScrollLayout(log);
    await eventually(() => expect(rowCount()).toBe(50));
    await settle(100);
    const target = mock.messages('general').find((m) => m.seq === 100)!;
    await act(async () => {
      await handle.current!.scrollToMessage(target.id);
    });
    await eventually(() => expect(log.getAttribute('data-window')).toBe('true'));
    const [first, last] = [shown()[0]!, shown().at(-1)!];
    expect(last - first).toBe(49);
    expect(first).toBeGreaterThan(70);

    const scrollTo = (top: number) => {
      log.scrollTop = top;
      fireEvent.scroll(log);
    };
    scrollTo(100);
    await eventually(() => expect(shown()[0]).toBe(first - 50));
    // 50 rows of 50 px went in above: the reader still sees the same messages.
    expect(log.scrollTop).toBe(100 + 50 * 50);

    // Down to the bottom of the window, page after page, until it meets the live 351..400.
    let newest = last;
    let top = 0;
    for (;;) {
      top = layout.bottom();
      scrollTo(top);
      newest += 50;
      const merges = newest + 1 >= 351;
      await eventually(() => expect(shown().at(-1)).toBe(merges ? 400 : newest));
      if (merges) break;
      expect(log.getAttribute('data-window')).toBe('true');
    }
    expect(log.hasAttribute('data-window')).toBe(false);
    expect(shown()).toEqual(Array.from({ length: 400 - first + 51 }, (_, i) => i + first - 50));
    // Merged, not jumped to the live end: the view stays on the messages the reader was reading.
    expect(log.scrollTop).toBe(top);
    expect(layout.bottom() - top).toBe((400 - (newest - 50)) * 50);
  });

  it('highlightMessageId for a message that fails to load answers onHighlight false, with no unhandled rejection', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const { mock, client, chatId } = startLong();
      const target = mock.messages('general').find((m) => m.seq === 30)!;
      const onHighlight = vi.fn();
      const view = renderWithClient(client, <MessageList chatId={chatId} onHighlight={onHighlight} />);
      await eventually(() => expect(rowCount()).toBe(50));
      server.use(http.get(`*/api/v1/chats/${chatId}/messages/:messageId`, () => HttpResponse.json({ error: { code: 'internal_error', message: 'Down' } }, { status: 500 })));
      view.rerender(<MessageList chatId={chatId} onHighlight={onHighlight} highlightMessageId={target.id} />);
      await eventually(() => expect(onHighlight).toHaveBeenCalledWith(target.id, false));
      await settle(30);
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
