import { act, renderHook } from '@testing-library/react';
import { usePresence } from 'natter/react/features';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, settle, wrapperFor } from './helpers';

const { startMock, clientFor } = installHookTest();

describe('usePresence', () => {
  it('is offline, never seen, until the server says otherwise', async () => {
    const mock = startMock();
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => usePresence(mock.user('ben').id), { wrapper: wrapperFor(client) });
    expect(result.current).toEqual({ status: 'offline', lastSeenAt: null });
    await settle(30);
    // It opens nothing by itself.
    expect(mock.connections).toHaveLength(0);
  });

  it('follows presence frames on an open chat socket: online, away, offline with last seen', async () => {
    const mock = startMock();
    const client = clientFor(mock, 'ana');
    const ben = mock.user('ben').id;
    mock.setPresence('ben', 'online');
    const release = client.joinChat(mock.chat('general').id);
    const { result } = renderHook(() => usePresence(ben), { wrapper: wrapperFor(client) });
    // connected.presence brings the state at connect time.
    await eventually(() => expect(result.current.status).toBe('online'));
    act(() => {
      mock.setPresence('ben', 'away');
    });
    await eventually(() => expect(result.current.status).toBe('away'));
    act(() => {
      mock.setPresence('ben', 'offline');
    });
    await eventually(() => expect(result.current).toEqual({ status: 'offline', lastSeenAt: mock.presence('ben').last_seen_at }));
    expect(result.current.lastSeenAt).not.toBeNull();
    release();
  });

  it('with connect: true holds the personal socket, which brings contacts’ presence', async () => {
    const mock = startMock();
    const client = clientFor(mock, 'ana');
    const { result, unmount } = renderHook(() => usePresence(mock.user('ben').id, { connect: true }), { wrapper: wrapperFor(client) });
    await eventually(() => expect(mock.openSockets({ kind: 'personal', userId: 'ana' })).toHaveLength(1));
    act(() => {
      mock.setPresence('ben', 'online');
    });
    await eventually(() => expect(result.current.status).toBe('online'));
    unmount();
    await eventually(() => expect(mock.openSockets({ kind: 'personal' })).toHaveLength(0));
  });
});
