import { renderHook } from '@testing-library/react';
import { useChat } from 'natter/react';
import { useMessage } from 'natter/react/features';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, wrapperFor } from './helpers';
import { editMessage } from 'natter/features';

const { startMock, clientFor, server } = installHookTest();

function start(older = 0) {
  const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'First' }] }] });
  if (older) mock.seed('general', older);
  const requests: string[] = [];
  server.events.on('request:start', ({ request }) => {
    if (/\/messages\/[^/?]+$/.test(new URL(request.url).pathname)) requests.push(request.url);
  });
  return { mock, chatId: mock.chat('general').id, first: mock.messages('general')[0]!, requests };
}

describe('useMessage', () => {
  it('returns the held copy, live, without a request', async () => {
    const { mock, chatId, first, requests } = start();
    const client = clientFor(mock, 'ana');
    // As a quote does: asked for once the chat (holding the message) is shown.
    const { result, rerender } = renderHook(({ ask }) => ({ chat: useChat(chatId), one: useMessage(chatId, ask ? first.id : null) }), {
      wrapper: wrapperFor(client),
      initialProps: { ask: false },
    });
    await eventually(() => expect(result.current.chat.messages).toHaveLength(1));
    rerender({ ask: true });
    expect(result.current.one.message).toMatchObject({ id: first.id, content: 'First' });
    expect(result.current.one.message).toBe(result.current.chat.messages[0]);
    expect(result.current.one.isLoading).toBe(false);
    expect(requests).toEqual([]);
    // Live: another user's edit shows.
    const ben = clientFor(mock, 'ben');
    ben.joinChat(chatId);
    await ben.loadHistory(chatId);
    await eventually(() => expect(ben.getConnection(chatId)?.status).toBe('open'));
    editMessage(ben, chatId, first.id, 'First (edited)');
    await eventually(() => expect(result.current.one.message).toMatchObject({ content: 'First (edited)', edited_at: expect.any(String) }));
    expect(requests).toEqual([]);
    server.events.removeAllListeners();
  });

  it('fetches a message the store does not hold', async () => {
    const { mock, chatId, first, requests } = start(3);
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useMessage(chatId, first.id), { wrapper: wrapperFor(client) });
    expect(result.current).toMatchObject({ message: null, isLoading: true });
    await eventually(() => expect(result.current.message).toMatchObject({ id: first.id, content: 'First', status: 'sent', key: first.id }));
    expect(result.current.isLoading).toBe(false);
    expect(requests).toHaveLength(1);
    server.events.removeAllListeners();
  });

  it('shows a fetched message of mine as read when someone has read it, with its readers left out of the row', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ana', content: 'Mine' }] }] });
    mock.seed('general', 3);
    const chatId = mock.chat('general').id;
    const mine = mock.messages('general')[0]!;
    mock.addReceipt(mine.id, 'ben');
    const { result } = renderHook(() => useMessage(chatId, mine.id), { wrapper: wrapperFor(clientFor(mock, 'ana')) });
    await eventually(() => expect(result.current.message).toMatchObject({ id: mine.id, content: 'Mine', status: 'read' }));
    expect(result.current.message).not.toHaveProperty('read_by');
  });

  it('reports an unknown message as an error, and nothing for no id', async () => {
    const { mock, chatId } = start();
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => ({ unknown: useMessage(chatId, '00000000-0000-4000-8000-000000000000'), none: useMessage(chatId, null) }), {
      wrapper: wrapperFor(client),
    });
    await eventually(() => expect(result.current.unknown.error).toBeInstanceOf(Error));
    expect(result.current.unknown.message).toBeNull();
    expect(result.current.none).toEqual({ message: null, isLoading: false, error: null });
    server.events.removeAllListeners();
  });
});
