import { act, fireEvent, screen, within } from '@testing-library/react';
import { Notifications } from 'natter/components';
import { describe, expect, it, vi } from 'vitest';
import { eventually, installHookTest, renderWithClient } from '../helpers';
import { loadChats } from 'natter/features';

const { startMock, clientFor } = installHookTest();

const items = () => [...document.querySelectorAll<HTMLElement>('[data-natter="notification"]')];

describe('Notifications', () => {
  it('lists a direct message and a mention in a polite live region, with their kind', async () => {
    const mock = startMock({ chats: [{ name: 'team', members: ['ana', 'ben', 'cy'] }] });
    const client = clientFor(mock, 'ana');
    await loadChats(client);
    renderWithClient(client, <Notifications />);
    const region = screen.getByRole('list', { name: 'Notifications' });
    expect(region.getAttribute('aria-live')).toBe('polite');
    await eventually(() => expect(client.getConnection('personal')?.status).toBe('open'));
    act(() => {
      mock.addMessage(mock.directChat('ana', 'ben').id, { from: 'ben', content: 'psst, <b>ana</b>' });
      mock.addMessage('team', { from: 'cy', content: 'thoughts, @ana?' });
    });
    await eventually(() => expect(items()).toHaveLength(2));
    expect(items().map((item) => item.getAttribute('data-kind'))).toEqual(['direct_message', 'mention']);
    expect(within(items()[0]!).getByRole('button', { name: 'ben: psst, <b>ana</b>' })).toBeTruthy();
    expect(within(items()[1]!).getByRole('button', { name: 'cy mentioned you in #team: thoughts, @ana?' })).toBeTruthy();
    expect(region.getAttribute('data-count')).toBe('2');
  });

  it('dismisses one with its button, and opens one with onOpen (then it goes)', async () => {
    const mock = startMock({ chats: [{ name: 'team', members: ['ana', 'ben', 'cy'] }] });
    const client = clientFor(mock, 'ana');
    const onOpen = vi.fn();
    renderWithClient(client, <Notifications onOpen={onOpen} />);
    await eventually(() => expect(client.getConnection('personal')?.status).toBe('open'));
    const direct = mock.directChat('ana', 'ben');
    act(() => {
      mock.addMessage(direct.id, { from: 'ben', content: 'one' });
      mock.addMessage('team', { from: 'cy', content: '@ana two' });
    });
    await eventually(() => expect(items()).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: ben: one' }));
    expect(items().map((item) => item.getAttribute('data-kind'))).toEqual(['mention']);
    fireEvent.click(screen.getByRole('button', { name: 'cy mentioned you: @ana two' }));
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ kind: 'mention', chat_id: mock.chat('team').id, message: expect.objectContaining({ content: '@ana two' }) }));
    expect(items()).toEqual([]);
    expect(client.store.getState().notifications).toEqual([]);
  });
});
