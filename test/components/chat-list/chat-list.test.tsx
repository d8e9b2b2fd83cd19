import { act, fireEvent, screen, within } from '@testing-library/react';
import { ChatList, MessageList } from 'natter/components';
import { describe, expect, it, vi } from 'vitest';
import { eventually, installHookTest, renderWithClient } from '../helpers';

const { startMock, clientFor } = installHookTest();

const rowOf = (name: string) => screen.getByRole('button', { name: new RegExp(`^${name}\\b`) });
const badgeOf = (row: HTMLElement) => row.querySelector<HTMLElement>('[data-natter="chat-list-badge"]');
const names = () => [...document.querySelectorAll('[data-natter="chat-list-name"]')].map((el) => el.textContent);

describe('ChatList', () => {
  it('lists chats by last activity: name (the other member for a direct chat), preview and time', async () => {
    let now = Date.parse('2026-11-24T09:00:00.000Z');
    const mock = startMock({ now: () => (now += 60_000), chats: [{ name: 'general', members: ['ana', 'ben', 'cy'] }, { name: 'files', members: ['ana', 'ben'] }] });
    mock.addMessage('general', { from: 'ben', content: 'first' });
    const direct = mock.directChat('ana', 'cy');
    mock.addMessage(direct.id, { from: 'cy', content: 'gone soon' });
    mock.deleteMessage(direct.id, mock.messages(direct.id)[0]!.id);
    mock.addMessage('general', { from: 'ana', content: 'my latest' });
    const client = clientFor(mock, 'ana');
    renderWithClient(client, <ChatList />);
    const nav = await screen.findByRole('navigation', { name: 'Chats' });
    await eventually(() => expect(names()).toEqual(['general', 'cy', 'files']));
    const preview = (name: string) => rowOf(name).querySelector('[data-natter="chat-list-preview"]')!.textContent;
    expect(preview('general')).toBe('You: my latest');
    expect(preview('cy')).toBe('Message deleted');
    expect(preview('files')).toBe('');
    expect(rowOf('cy').getAttribute('data-direct')).toBe('true');
    expect(rowOf('cy').querySelector('[data-natter="avatar"]')!.getAttribute('aria-label')).toMatch(/^cy \(/);
    expect(rowOf('cy').getAttribute('aria-describedby')).toBe(rowOf('cy').querySelector('[data-natter="avatar"]')!.id);
    expect(rowOf('general').querySelector('time')!.getAttribute('dateTime')).toBe(mock.messages('general').at(-1)!.created_at);
    expect(nav.getAttribute('data-empty')).toBe('false');
  });

  it('shows unread badges that update live when someone else writes, and clear after reading', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'] }, { name: 'random', members: ['ana', 'ben'] }] });
    const client = clientFor(mock, 'ana');
    const generalId = mock.chat('general').id;
    const view = renderWithClient(client, <ChatList />);
    await eventually(() => expect(names()).toHaveLength(2));
    await eventually(() => expect(client.getConnection('personal')?.status).toBe('open'));
    expect(badgeOf(rowOf('general'))).toBeNull();
    expect(rowOf('general').getAttribute('data-unread')).toBe('false');
    act(() => {
      mock.addMessage('random', { from: 'ben', content: 'elsewhere' });
      mock.addMessage('general', { from: 'ben', content: 'hi ana' });
      mock.addMessage('general', { from: 'ben', content: 'are you there?' });
    });
    await eventually(() => expect(badgeOf(rowOf('general'))?.textContent).toBe('2'));
    const badge = badgeOf(rowOf('general'))!;
    expect(badge.getAttribute('data-unread')).toBe('true');
    expect(within(rowOf('general')).getByRole('img', { name: '2 unread messages' })).toBe(badge);
    expect(rowOf('general').textContent).toContain('ben: are you there?');
    expect(screen.getByRole('button', { name: /^general .*ben: are you there\? 2 unread messages$/ })).toBe(rowOf('general'));
    expect(rowOf('general').getAttribute('data-unread')).toBe('true');
    expect(names()).toEqual(['general', 'random']);
    expect(rowOf('general').querySelector('[data-natter="chat-list-preview"]')!.textContent).toBe('ben: are you there?');
    // Opening the chat: the list shows it and marks what it shows read.
    view.rerender(
      <>
        <ChatList selectedChatId={generalId} />
        <MessageList chatId={generalId} />
      </>,
    );
    await eventually(() => expect(badgeOf(rowOf('general'))).toBeNull());
    expect(rowOf('general').getAttribute('data-unread')).toBe('false');
    expect(badgeOf(rowOf('random'))?.textContent).toBe('1');
  });

  it('marks the selected row and calls onSelect with the chat', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'] }, { name: 'random', members: ['ana', 'ben'] }] });
    const client = clientFor(mock, 'ana');
    const onSelect = vi.fn();
    renderWithClient(client, <ChatList selectedChatId={mock.chat('random').id} onSelect={onSelect} />);
    await eventually(() => expect(names()).toHaveLength(2));
    expect(rowOf('random').getAttribute('data-selected')).toBe('true');
    expect(rowOf('random').getAttribute('aria-current')).toBe('true');
    expect(rowOf('general').getAttribute('data-selected')).toBe('false');
    expect(rowOf('general').hasAttribute('aria-current')).toBe(false);
    fireEvent.click(rowOf('general'));
    expect(onSelect).toHaveBeenCalledWith(expect.objectContaining({ id: mock.chat('general').id, name: 'general' }));
  });

  it('shows `empty` when you have no chats', async () => {
    const mock = startMock({ chats: [{ name: 'private', members: ['ben', 'cy'] }] });
    const client = clientFor(mock, 'ana');
    renderWithClient(client, <ChatList empty={<p>No chats yet</p>} />);
    expect(await screen.findByText('No chats yet')).toBeTruthy();
    expect(screen.getByRole('navigation').getAttribute('data-empty')).toBe('true');
  });
});
