import { act, screen } from '@testing-library/react';
import { MessageList, NewMessagesSeparator } from 'natter/components';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, renderWithClient, settle } from '../helpers';

const { startMock, clientFor } = installHookTest();

function startWith(messages: Array<{ from: string; content: string }>) {
  const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages }] });
  return { mock, client: clientFor(mock, 'ana'), chatId: mock.chat('general').id };
}

/** The list's rows in order: message contents, and `|` for the separator. */
const rows = () =>
  [...screen.getByRole('log').querySelectorAll<HTMLElement>('[data-natter="message"], [data-unread-separator]')].map((el) =>
    el.hasAttribute('data-unread-separator') ? '|' : el.querySelector('[data-natter="message-content"]')!.textContent,
  );

describe('MessageList: the "New messages" separator', () => {
  it('sits before the first message of someone else after your last read one, and stays there once read', async () => {
    const { mock, client, chatId } = startWith([
      { from: 'ben', content: 'old' },
      { from: 'ana', content: 'mine' },
      { from: 'ana', content: 'mine again' },
      { from: 'ben', content: 'first new' },
      { from: 'ben', content: 'second new' },
    ]);
    renderWithClient(client, <MessageList chatId={chatId} />);
    await eventually(() => expect(rows()).toEqual(['old', 'mine', 'mine again', '|', 'first new', 'second new']));
    const separator = screen.getByRole('separator', { name: 'New messages' });
    expect(separator.textContent).toBe('New messages');
    expect(separator.getAttribute('data-natter')).toBe('new-messages-separator');
    // The list marks what it shows read (jsdom has no IntersectionObserver: everything counts as seen).
    const newest = mock.messages('general').at(-1)!;
    await eventually(() => expect(mock.receivedData('read_receipt')).toContainEqual({ message_id: newest.id }));
    act(() => {
      mock.addMessage('general', { from: 'ben', content: 'live' });
    });
    await eventually(() => expect(rows()).toEqual(['old', 'mine', 'mine again', '|', 'first new', 'second new', 'live']));
  });

  it('is not there when everything was read', async () => {
    const { mock, client, chatId } = startWith([
      { from: 'ben', content: 'seen' },
      { from: 'ana', content: 'answered' },
    ]);
    renderWithClient(client, <MessageList chatId={chatId} />);
    await eventually(() => expect(rows()).toEqual(['seen', 'answered']));
    await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
    act(() => {
      mock.addMessage('general', { from: 'ben', content: 'arrives while open' });
    });
    await eventually(() => expect(rows()).toEqual(['seen', 'answered', 'arrives while open']));
    await settle(20);
    expect(screen.queryByRole('separator', { name: 'New messages' })).toBeNull();
  });

  it('can be replaced or turned off', async () => {
    const { client, chatId } = startWith([{ from: 'ben', content: 'unread' }]);
    const view = renderWithClient(client, <MessageList chatId={chatId} unreadSeparator={<NewMessagesSeparator label="Unread below" data-custom="yes" />} />);
    const custom = await screen.findByRole('separator', { name: 'Unread below' });
    expect(custom.getAttribute('data-custom')).toBe('yes');
    view.rerender(<MessageList chatId={chatId} unreadSeparator={null} />);
    expect(document.querySelector('[data-unread-separator]')).toBeNull();
    expect(rows()).toEqual(['unread']);
  });
});
