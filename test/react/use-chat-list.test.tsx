import { act, renderHook } from '@testing-library/react';
import { useChatList } from 'natter/react/features';
import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { BASE_URL, eventually, installHookTest, settle, wrapperFor } from './helpers';
import { markChatRead } from 'natter/features';

const { startMock, clientFor, server } = installHookTest();

describe('useChatList', () => {
  it('loads your chats, most recently active first, and holds the personal socket while mounted', async () => {
    let now = Date.parse('2026-11-24T09:00:00.000Z');
    const mock = startMock({
      now: () => (now += 1000),
      chats: [
        { name: 'general', members: ['ana', 'ben'] },
        { name: 'quiet', members: ['ana', 'cy'] },
        { name: 'private', members: ['ben', 'cy'] },
      ],
    });
    mock.addMessage('general', { from: 'ben', content: 'older' });
    const direct = mock.directChat('ana', 'cy');
    mock.addMessage(direct.id, { from: 'cy', content: 'newest' });
    const client = clientFor(mock, 'ana');
    const { result, unmount } = renderHook(() => useChatList(), { wrapper: wrapperFor(client) });
    expect(result.current.isLoading).toBe(true);
    await eventually(() => expect(result.current.isLoading).toBe(false));
    // A chat without messages sorts by its creation (before both messages); `private` is not ana's.
    expect(result.current.chats.map((c) => c.name ?? 'direct')).toEqual(['direct', 'general', 'quiet']);
    expect(result.current.chats[0]!.last_message?.content).toBe('newest');
    expect(result.current.error).toBeNull();
    await eventually(() => expect(mock.openSockets({ kind: 'personal', userId: 'ana' })).toHaveLength(1));
    unmount();
    await eventually(() => expect(mock.openSockets({ kind: 'personal' })).toHaveLength(0));
  });

  it('moves a chat up and counts unread when someone else writes, and clears when you read it', async () => {
    // One instant for every message: chats active in the same millisecond sort by arrival (the newest first).
    const mock = startMock({
      now: () => Date.parse('2026-11-24T09:00:00.000Z'),
      chats: [{ name: 'general', members: ['ana', 'ben'] }, { name: 'other', members: ['ana', 'ben'] }],
    });
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useChatList(), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.chats).toHaveLength(2));
    await eventually(() => expect(client.getConnection('personal')?.status).toBe('open'));
    act(() => {
      mock.addMessage('other', { from: 'ben', content: 'ping' });
      mock.addMessage('general', { from: 'ben', content: 'one' });
      mock.addMessage('general', { from: 'ben', content: 'two' });
    });
    await eventually(() => expect(result.current.chats.map((c) => [c.name, c.unread_count])).toEqual([['general', 2], ['other', 1]]));
    expect(result.current.chats[0]!.last_message?.content).toBe('two');
    act(() => void mock.addMessage('other', { from: 'ben', content: 'pong' }));
    await eventually(() => expect(result.current.chats.map((c) => [c.name, c.unread_count])).toEqual([['other', 2], ['general', 2]]));
    // Reading on another device (ana's second client) clears it here too, through `chat_read`.
    const other = clientFor(mock, 'ana');
    const generalId = mock.chat('general').id;
    other.joinChat(generalId);
    await other.loadHistory(generalId);
    await eventually(() => expect(other.getConnection(generalId)?.status).toBe('open'));
    markChatRead(other, generalId);
    await eventually(() => expect(result.current.chats.find((c) => c.name === 'general')!.unread_count).toBe(0));
    expect(result.current.chats.find((c) => c.name === 'other')!.unread_count).toBe(2);
  });

  it('a deleted unread message leaves the badge; an edit or deletion of the newest message refreshes the preview', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'] }] });
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useChatList(), { wrapper: wrapperFor(client) });
    await eventually(() => expect(client.getConnection('personal')?.status).toBe('open'));
    let first!: { id: string };
    let last!: { id: string };
    act(() => {
      first = mock.addMessage('general', { from: 'ben', content: 'one' });
      mock.addMessage('general', { from: 'ben', content: 'two' });
      last = mock.addMessage('general', { from: 'ben', content: 'three' });
    });
    await eventually(() => expect(result.current.chats[0]).toMatchObject({ unread_count: 3, last_message: { content: 'three' } }));
    act(() => void mock.deleteMessage('general', first.id));
    await eventually(() => expect(result.current.chats[0]!.unread_count).toBe(2));
    act(() => void mock.editMessage('general', last.id, 'three, edited'));
    await eventually(() => expect(result.current.chats[0]!.last_message?.content).toBe('three, edited'));
    act(() => void mock.deleteMessage('general', last.id));
    await eventually(() => expect(result.current.chats[0]).toMatchObject({ unread_count: 1, last_message: { deleted_at: expect.any(String) } }));
  });

  it('reports a failed load; the personal socket, once up, reads the list again, and refetch() clears the error', async () => {
    const mock = startMock();
    const client = clientFor(mock, 'ana');
    server.use(http.get(`${BASE_URL}/api/v1/chats`, () => HttpResponse.json({ detail: 'Database is having a moment' }, { status: 500 }), { once: true }));
    const { result } = renderHook(() => useChatList(), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.error).not.toBeNull());
    expect(result.current.isLoading).toBe(false);
    await eventually(() => expect(result.current.chats.map((c) => c.name)).toEqual(['general']));
    await act(() => result.current.refetch());
    expect(result.current.error).toBeNull();
    expect(result.current.chats.map((c) => c.name)).toEqual(['general']);
  });

  it('loads nothing while disabled', async () => {
    const mock = startMock();
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useChatList({ enabled: false }), { wrapper: wrapperFor(client) });
    await settle(40);
    expect(mock.connections).toHaveLength(0);
    expect(result.current).toMatchObject({ chats: [], isLoading: false });
  });
});
