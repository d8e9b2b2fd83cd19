import { act, screen } from '@testing-library/react';
import { Avatar, PresenceBadge } from 'natter/components';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, renderWithClient } from '../helpers';

const { startMock, clientFor } = installHookTest();

describe('PresenceBadge', () => {
  it('changes when the server changes someone’s presence: data-presence and its accessible label', async () => {
    const mock = startMock();
    const client = clientFor(mock, 'ana');
    const release = client.joinChat(mock.chat('general').id);
    renderWithClient(client, <PresenceBadge userId={mock.user('ben').id} data-testid="badge" />);
    const badge = screen.getByTestId('badge');
    expect(badge.getAttribute('data-presence')).toBe('offline');
    expect(screen.getByRole('img', { name: 'Offline' })).toBe(badge);
    act(() => {
      mock.setPresence('ben', 'online');
    });
    await eventually(() => expect(badge.getAttribute('data-presence')).toBe('online'));
    expect(screen.getByRole('img', { name: 'Online' })).toBe(badge);
    expect(badge.getAttribute('title')).toBe('Online');
    act(() => {
      mock.setPresence('ben', 'away');
    });
    await eventually(() => expect(screen.getByRole('img', { name: 'Away' })).toBe(badge));
    act(() => {
      mock.setPresence('ben', 'offline');
    });
    await eventually(() => expect(badge.getAttribute('data-presence')).toBe('offline'));
    expect(badge.getAttribute('aria-label')).toBe('Last seen just now');
    release();
  });

  it('takes a format, asChild and your props last', () => {
    const client = clientFor(startMock(), 'ana');
    renderWithClient(
      client,
      <PresenceBadge userId="nobody" format={(status) => `is ${status}`} asChild data-presence="custom">
        <i />
      </PresenceBadge>,
    );
    const badge = screen.getByRole('img', { name: 'is offline' });
    expect(badge.tagName).toBe('I');
    expect(badge.getAttribute('data-presence')).toBe('custom');
  });
});

describe('Avatar', () => {
  it('shows initials on the user’s tone, named with their presence, with the dot following it', async () => {
    const mock = startMock();
    const client = clientFor(mock, 'ana');
    const release = client.joinChat(mock.chat('general').id);
    const ben = mock.user('ben');
    renderWithClient(client, <Avatar userId={ben.id} name="ben smith" />);
    const avatar = screen.getByRole('img', { name: 'ben smith (Offline)' });
    expect(avatar.textContent).toBe('BS');
    expect(avatar.getAttribute('data-tone')).toMatch(/^[0-5]$/);
    expect(avatar.querySelector('[data-natter="presence-badge"]')!.getAttribute('data-presence')).toBe('offline');
    act(() => {
      mock.setPresence('ben', 'online');
    });
    await eventually(() => expect(screen.getByRole('img', { name: 'ben smith (Online)' })).toBe(avatar));
    expect(avatar.getAttribute('data-presence')).toBe('online');
    expect(avatar.querySelector('[data-natter="presence-badge"]')!.getAttribute('data-presence')).toBe('online');
    release();
  });

  it('without presence: just the name, no dot', () => {
    const client = clientFor(startMock(), 'ana');
    renderWithClient(client, <Avatar userId="chat-1" name="general" showPresence={false} />);
    const avatar = screen.getByRole('img', { name: 'general' });
    expect(avatar.querySelector('[data-natter="presence-badge"]')).toBeNull();
    expect(avatar.hasAttribute('data-presence')).toBe(false);
  });
});
