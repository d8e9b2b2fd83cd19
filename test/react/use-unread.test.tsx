import { act, renderHook } from '@testing-library/react';
import { useChat } from 'natter/react';
import { useChatList, useUnread } from 'natter/react/features';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, settle, wrapperFor } from './helpers';
import { loadChats } from 'natter/features';

const { startMock, clientFor } = installHookTest();

/** `general` (ana, ben) with this history; ana's client. */
function startWith(messages: number | Array<{ from: string; content: string }>) {
  const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages }] });
  return { mock, client: clientFor(mock, 'ana'), chatId: mock.chat('general').id };
}

/** The chat open (socket + history, as MessageList has it) and its unread state. */
const useOpenChat = (chatId: string) => ({ chat: useChat(chatId), unread: useUnread(chatId) });

const seqOf = (mock: ReturnType<typeof startWith>['mock'], content: string) => mock.messages('general').find((m) => m.content === content)!.seq;

describe('useUnread', () => {
  it('counts others’ messages after your last read one, and finds the first of them', async () => {
    const { mock, client, chatId } = startWith([
      { from: 'ben', content: 'one' },
      { from: 'ana', content: 'two (mine: read up to here)' },
      { from: 'ben', content: 'three' },
      { from: 'ben', content: 'four' },
    ]);
    const { result } = renderHook(() => useOpenChat(chatId), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.unread.firstUnreadSeq).toBe(seqOf(mock, 'three')));
    await eventually(() => expect(result.current.unread.lastReadSeq).toBe(seqOf(mock, 'two (mine: read up to here)')));
    expect(result.current.unread.unreadCount).toBe(2);
  });

  it('markRead() reads the chat to its newest message; the first unread seq stays where it was', async () => {
    const { mock, client, chatId } = startWith([
      { from: 'ana', content: 'mine' },
      { from: 'ben', content: 'new one' },
      { from: 'ben', content: 'new two' },
    ]);
    const { result } = renderHook(() => useOpenChat(chatId), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.unread.unreadCount).toBe(2));
    await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
    const first = result.current.unread.firstUnreadSeq;
    expect(first).toBe(seqOf(mock, 'new one'));
    act(() => result.current.unread.markRead());
    await eventually(() => expect(result.current.unread.unreadCount).toBe(0));
    expect(result.current.unread.lastReadSeq).toBe(seqOf(mock, 'new two'));
    expect(result.current.unread.firstUnreadSeq).toBe(first);
    const newest = mock.messages('general').at(-1)!;
    await eventually(() => expect(mock.receivedData('read_receipt')).toContainEqual({ message_id: newest.id }));
  });

  it('does not move the first unread seq for messages that arrive while the chat is open', async () => {
    const { mock, client, chatId } = startWith([{ from: 'ben', content: 'read already' }]);
    mock.addReceipt(mock.messages('general')[0]!.id, 'ana');
    const { result } = renderHook(() => useOpenChat(chatId), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.chat.messages).toHaveLength(1));
    await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
    await settle(20);
    console.log('UNREAD', result.current.unread);
    expect(result.current.unread).toMatchObject({ unreadCount: 0, firstUnreadSeq: null });
    act(() => {
      mock.addMessage('general', { from: 'ben', content: 'live' });
    });
    await eventually(() => expect(result.current.unread.unreadCount).toBe(1));
    expect(result.current.unread.firstUnreadSeq).toBeNull();
  });

  it('with freeze: false follows your reading', async () => {
    const { mock, client, chatId } = startWith([
      { from: 'ben', content: 'a' },
      { from: 'ben', content: 'b' },
    ]);
    const { result } = renderHook(() => ({ chat: useChat(chatId), unread: useUnread(chatId, { freeze: false }) }), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.unread.firstUnreadSeq).toBe(seqOf(mock, 'a')));
    await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
    act(() => result.current.unread.markRead());
    await eventually(() => expect(result.current.unread.firstUnreadSeq).toBeNull());
  });

  it('when the first unread message is older than the history held: the seq after the last read, and the server’s count', async () => {
    const { mock, client, chatId } = startWith([]);
    mock.seed('general', 120, { from: ['ben'] });
    mock.addReceipt(mock.messages('general').find((m) => m.seq === 10)!.id, 'ana');
    const { result } = renderHook(() => useOpenChat(chatId), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.chat.messages).toHaveLength(50));
    // Messages 71–120 are held; ana read up to 10, so the first unread (11) is further back.
    await eventually(() => expect(result.current.unread.firstUnreadSeq).toBe(11));
    expect(result.current.unread.unreadCount).toBeGreaterThanOrEqual(50);
    await act(() => loadChats(client));
    await eventually(() => expect(result.current.unread.unreadCount).toBe(110));
  });

  it('coming back to a chat, the messages that arrived meanwhile are the new ones (the chat list knows of them)', async () => {
    const { mock, client, chatId } = startWith([{ from: 'ben', content: 'seen before' }]);
    mock.addReceipt(mock.messages('general')[0]!.id, 'ana');
    const list = renderHook(() => useChatList(), { wrapper: wrapperFor(client) });
    await eventually(() => expect(list.result.current.chats).toHaveLength(1));
    await eventually(() => expect(client.getConnection('personal')?.status).toBe('open'));
    const first = renderHook(() => useOpenChat(chatId), { wrapper: wrapperFor(client) });
    await eventually(() => expect(client.getConnection(chatId)?.status).toBe('open'));
    expect(first.result.current.unread.firstUnreadSeq).toBeNull();
    first.unmount();
    await eventually(() => expect(mock.openSockets({ kind: 'chat' })).toHaveLength(0));
    act(() => {
      mock.addMessage('general', { from: 'ben', content: 'while you were away' });
      mock.addMessage('general', { from: 'ben', content: 'and another' });
    });
    await eventually(() => expect(list.result.current.chats[0]!.unread_count).toBe(2));
    const again = renderHook(() => useOpenChat(chatId), { wrapper: wrapperFor(client) });
    await eventually(() => expect(again.result.current.chat.messages).toHaveLength(3));
    expect(again.result.current.unread.firstUnreadSeq).toBe(seqOf(mock, 'while you were away'));
  });
});

describe('useUnread across chats', () => {
  it('switching to another chat shows that chat’s first unread message, not the previous chat’s', async () => {
    const mock = startMock({
      chats: [
        { name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'a1' }, { from: 'ana', content: 'a2 (mine)' }, { from: 'ben', content: 'a3' }] },
        { name: 'other', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'b1' }, { from: 'ben', content: 'b2' }] },
      ],
    });
    const client = clientFor(mock, 'ana');
    const [general, other] = [mock.chat('general').id, mock.chat('other').id];
    const { result, rerender } = renderHook(({ chatId }) => useOpenChat(chatId), { wrapper: wrapperFor(client), initialProps: { chatId: general } });
    await eventually(() => expect(result.current.unread.firstUnreadSeq).toBe(3));
    rerender({ chatId: other });
    await eventually(() => expect(result.current.chat.messages.map((m) => m.content)).toEqual(['b1', 'b2']));
    await eventually(() => expect(client.getConnection(other)?.status).toBe('open'));
    expect(result.current.unread).toMatchObject({ unreadCount: 2, firstUnreadSeq: 1 });
  });
});
