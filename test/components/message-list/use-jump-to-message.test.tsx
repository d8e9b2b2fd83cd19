import { act, screen } from '@testing-library/react';
import { MessageList, type MessageListHandle } from 'natter/components';
import { createRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventually, installHookTest, renderWithClient } from '../helpers';

const { startMock, clientFor } = installHookTest();

const scrolled: Element[] = [];
afterEach(() => {
  scrolled.length = 0;
  vi.restoreAllMocks();
});

function spyScroll() {
  Element.prototype.scrollIntoView ??= () => undefined;
  vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
    scrolled.push(this);
  });
}

/** `general` with 300 messages from ben; the list holds the newest 50 at first. */
function startLong() {
  const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [] }] });
  mock.seed('general', 300, { from: ['ben'] });
  return { mock, client: clientFor(mock, 'ana'), chatId: mock.chat('general').id };
}

const rowCount = () => screen.getByRole('log').querySelectorAll('[data-natter="message"]').length;

describe('MessageList: jumping to a message', () => {
  it('highlightMessageId loads older history until the message is held, scrolls to it, focuses and highlights it for a moment', async () => {
    spyScroll();
    const { mock, client, chatId } = startLong();
    const target = mock.messages('general').find((m) => m.seq === 30)!;
    const onHighlight = vi.fn();
    const view = renderWithClient(client, <MessageList chatId={chatId} highlightMs={150} onHighlight={onHighlight} />);
    await eventually(() => expect(rowCount()).toBe(50));
    view.rerender(<MessageList chatId={chatId} highlightMs={150} onHighlight={onHighlight} highlightMessageId={target.id} />);
    await eventually(() => expect(onHighlight).toHaveBeenCalledWith(target.id, true), 5000);
    const row = screen.getByRole('log').querySelector<HTMLElement>(`[data-message-id="${target.id}"]`)!;
    expect(row.getAttribute('data-highlighted')).toBe('true');
    expect(scrolled).toContain(row);
    expect(document.activeElement).toBe(row);
    expect(rowCount()).toBeGreaterThanOrEqual(271);
    await eventually(() => expect(row.hasAttribute('data-highlighted')).toBe(false));
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
});
