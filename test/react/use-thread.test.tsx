import { act, renderHook } from '@testing-library/react';
import { useThread } from 'natter/react/features';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, wrapperFor } from './helpers';

const { startMock, clientFor, server } = installHookTest();

/** Ben's "Lunch?" with `replies` replies, and an unrelated message in between. */
function start(replies: number) {
  const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'Lunch?' }, { from: 'ana', content: 'Unrelated' }] }] });
  const parent = mock.messages('general')[0]!;
  for (let i = 1; i <= replies; i += 1) mock.addMessage('general', { from: 'ana', content: `Reply ${i}`, parentMessageId: parent.id });
  return { mock, chatId: mock.chat('general').id, parent };
}

const texts = (messages: Array<{ content: string }>) => messages.map((m) => m.content);

describe('useThread', () => {
  it('loads the parent and its replies only', async () => {
    const { mock, chatId, parent } = start(2);
    const { result } = renderHook(() => useThread(chatId, parent.id), { wrapper: wrapperFor(clientFor(mock, 'ana')) });
    expect(result.current.isLoading).toBe(true);
    await eventually(() => expect(texts(result.current.replies)).toEqual(['Reply 1', 'Reply 2']));
    await eventually(() => expect(result.current.parent).toMatchObject({ id: parent.id, content: 'Lunch?', reply_count: 2 }));
    expect(result.current).toMatchObject({ isLoading: false, hasOlder: false, error: null });
  });

  it('sendReply: pending at once, then confirmed, and live for another user', async () => {
    const { mock, chatId, parent } = start(1);
    const ana = renderHook(() => useThread(chatId, parent.id), { wrapper: wrapperFor(clientFor(mock, 'ana')) });
    const ben = renderHook(() => useThread(chatId, parent.id), { wrapper: wrapperFor(clientFor(mock, 'ben')) });
    await eventually(() => expect(texts(ben.result.current.replies)).toEqual(['Reply 1']));
    await eventually(() => expect(texts(ana.result.current.replies)).toEqual(['Reply 1']));
    act(() => void ana.result.current.sendReply('Count me in'));
    expect(ana.result.current.replies.at(-1)).toMatchObject({ content: 'Count me in', status: 'pending', parent_message_id: parent.id });
    await eventually(() => expect(texts(ben.result.current.replies)).toEqual(['Reply 1', 'Count me in']));
    await eventually(() => expect(ben.result.current.parent?.reply_count).toBe(2));
    await eventually(() => expect(ana.result.current.replies.at(-1)!.status).not.toBe('pending'));
  });

  it('pages older replies with loadOlder', async () => {
    const { mock, chatId, parent } = start(5);
    const { result } = renderHook(() => useThread(chatId, parent.id, { pageSize: 2 }), { wrapper: wrapperFor(clientFor(mock, 'ana')) });
    await eventually(() => expect(texts(result.current.replies)).toEqual(['Reply 4', 'Reply 5']));
    expect(result.current.hasOlder).toBe(true);
    await act(() => result.current.loadOlder());
    await eventually(() => expect(texts(result.current.replies)).toEqual(['Reply 2', 'Reply 3', 'Reply 4', 'Reply 5']));
    await act(() => result.current.loadOlder());
    await eventually(() => expect(result.current.hasOlder).toBe(false));
    expect(texts(result.current.replies)).toEqual(['Reply 1', 'Reply 2', 'Reply 3', 'Reply 4', 'Reply 5']);
  });

  it('reports a failed page as error', async () => {
    const { mock, chatId } = start(0);
    const { result } = renderHook(() => useThread(chatId, '00000000-0000-4000-8000-000000000000'), { wrapper: wrapperFor(clientFor(mock, 'ana')) });
    await eventually(() => expect(result.current.error).toBeInstanceOf(Error));
  });

  it('a parent that fails to load is the error, and refetch loads it', async () => {
    const { mock, chatId, parent } = start(1);
    let down = true;
    // Falls through to the mock server once it is back up.
    const notFound = () => (down ? HttpResponse.json({ error: { code: 'not_found', message: 'Message not found' } }, { status: 404 }) : undefined);
    server.use(http.get(`*/api/v1/chats/${chatId}/messages/${parent.id}`, notFound));
    const { result } = renderHook(() => useThread(chatId, parent.id), { wrapper: wrapperFor(clientFor(mock, 'ana')) });
    await eventually(() => expect(result.current.error?.message).toContain('Message not found'));
    expect(result.current).toMatchObject({ parent: null, isLoading: false });
    down = false;
    await act(() => result.current.refetch());
    await eventually(() => expect(result.current.parent).toMatchObject({ id: parent.id, content: 'Lunch?' }));
    expect(texts(result.current.replies)).toEqual(['Reply 1']);
    expect(result.current.error).toBeNull();
  });
});
