import { act, render, renderHook, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import type { ChatClient } from 'natter';
import { ChatProvider, useChat } from 'natter/react';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, settle, testQueryClient, wrapperFor } from './helpers';

const { startMock, clientFor } = installHookTest();

/** What a message list would render: `seq:content:status`, in order. */
function MessageList({ chatId, pageSize }: { chatId: string; pageSize?: number }) {
  const { messages, isLoadingHistory } = useChat(chatId, pageSize === undefined ? {} : { pageSize });
  if (isLoadingHistory) return <p>Loading…</p>;
  return (
    <ol>
      {messages.map((m) => (
        <li key={m.key}>{`${m.seq ?? '-'}:${m.content}:${m.status}`}</li>
      ))}
    </ol>
  );
}

const rendered = () => screen.queryAllByRole('listitem').map((li) => li.textContent);

function renderChat(client: ChatClient, ui: React.ReactNode) {
  return render(
    <StrictMode>
      <ChatProvider client={client}>{ui}</ChatProvider>
    </StrictMode>,
  );
}

describe('useChat: sockets', () => {
  it('opens exactly one socket per chat in StrictMode', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useChat(id), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.status).toBe('open'));
    await settle(100);
    expect(mock.connectionsTo({ chatId: id })).toHaveLength(1);
    expect(mock.openSockets({ chatId: id })).toHaveLength(1);
  });

  it('shares one socket between two components on the same chat, and closes it when the last unmounts', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana');
    const first = renderChat(client, <MessageList chatId={id} />);
    const second = renderChat(client, <MessageList chatId={id} />);
    await eventually(() => expect(client.getConnection(id)?.status).toBe('open'));
    await settle(100);
    expect(mock.connectionsTo({ chatId: id })).toHaveLength(1);
    first.unmount();
    await settle(100);
    expect(mock.openSockets({ chatId: id })).toHaveLength(1);
    second.unmount();
    await eventually(() => expect(mock.openSockets({ chatId: id })).toHaveLength(0));
    expect(mock.connections[0]!.closed).toMatchObject({ code: 1000, by: 'client' });
    expect(client.getConnection(id)?.status).toBe('closed');
  });

  it('opens nothing and loads nothing while `enabled` is false', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: 3 }] });
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana');
    const { result, rerender } = renderHook(({ enabled }) => useChat(id, { enabled }), { wrapper: wrapperFor(client), initialProps: { enabled: false } });
    await settle(50);
    expect(mock.connections).toHaveLength(0);
    expect(result.current).toMatchObject({ status: 'idle', isLoadingHistory: false, messages: [] });
    rerender({ enabled: true });
    await eventually(() => expect(result.current.messages).toHaveLength(3));
    expect(mock.connectionsTo({ chatId: id })).toHaveLength(1);
  });

  it('reports status connecting → open → reconnecting after a drop → open', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana', { backoff: { initialMs: 100, jitter: 'none' } });
    const seen: string[] = [];
    const { result } = renderHook(
      () => {
        const chat = useChat(id);
        if (seen.at(-1) !== chat.status) seen.push(chat.status);
        return chat;
      },
      { wrapper: wrapperFor(client) },
    );
    await eventually(() => expect(result.current.status).toBe('open'));
    act(() => {
      mock.dropConnections({ chatId: 'general' });
    });
    await eventually(() => expect(result.current.status).toBe('reconnecting'));
    await eventually(() => expect(result.current.status).toBe('open'));
    expect(seen.filter((s) => s !== 'idle')).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    expect(mock.connectionsTo({ chatId: id })).toHaveLength(2);
  });

  it('shows a refused chat as closed with the history error', async () => {
    const mock = startMock();
    const { id } = mock.chat('private');
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useChat(id), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.status).toBe('closed'));
    await eventually(() => expect(result.current.historyError?.message).toBe('Not a member of this chat'));
    expect(result.current.isLoadingHistory).toBe(false);
  });
});

describe('useChat: history', () => {
  it('loads history into `messages` in seq order, showing loading first', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [
      { from: 'ben', content: 'first' },
      { from: 'ana', content: 'second' },
      { from: 'ben', content: 'third' },
    ] }] });
    const client = clientFor(mock, 'ana');
    renderChat(client, <MessageList chatId={mock.chat('general').id} />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    await eventually(() => expect(rendered()).toEqual(['1:first:sent', '2:second:sent', '3:third:sent']));
    expect(screen.queryByText('Loading…')).toBeNull();
  });

  it('loadOlder works the moment a page is shown, before react-query has caught up', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: 12 }] });
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useChat(id, { pageSize: 5 }), { wrapper: wrapperFor(client) });
    const seqs = () => result.current.messages.map((m) => m.seq);
    await eventually(() => expect(seqs()).toEqual([8, 9, 10, 11, 12]));
    // No waiting for react-query's flags: a reader at the top asks for more at once.
    expect(result.current.hasOlder).toBe(true);
    await act(() => result.current.loadOlder());
    expect(seqs()).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('loadOlder prepends older pages and hasOlder turns false at the start', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: 12 }] });
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useChat(id, { pageSize: 5 }), { wrapper: wrapperFor(client) });
    const seqs = () => result.current.messages.map((m) => m.seq);
    await eventually(() => expect(seqs()).toEqual([8, 9, 10, 11, 12]));
    // The page lands in the store a moment before react-query settles its paging state.
    await eventually(() => expect(result.current.hasOlder).toBe(true));
    // Long enough to observe the loading flag on a busy machine.
    mock.setLatency(300);
    let loading!: Promise<void>;
    act(() => {
      loading = result.current.loadOlder();
    });
    await eventually(() => expect(result.current.isLoadingOlder).toBe(true));
    await act(() => loading);
    expect(seqs()).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // react-query publishes its flags on its own (setTimeout-batched) schedule, a tick after the store.
    await eventually(() => expect(result.current).toMatchObject({ hasOlder: true, isLoadingOlder: false }));
    await act(() => result.current.loadOlder());
    expect(seqs()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    await eventually(() => expect(result.current).toMatchObject({ hasOlder: false, isLoadingOlder: false }));
    // Nothing left: another call fetches nothing.
    await act(() => result.current.loadOlder());
    expect(seqs()).toHaveLength(12);
  });

  it('adds live messages from others after the history, in seq order', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'old' }] }] });
    const client = clientFor(mock, 'ana');
    renderChat(client, <MessageList chatId={mock.chat('general').id} />);
    await eventually(() => expect(rendered()).toEqual(['1:old:sent']));
    await eventually(() => expect(client.getConnection(mock.chat('general').id)?.status).toBe('open'));
    act(() => {
      mock.addMessage('general', { from: 'ben', content: 'live' });
    });
    await eventually(() => expect(rendered()).toEqual(['1:old:sent', '2:live:sent']));
  });
});

describe('useChat: sending', () => {
  it('shows a sent message as pending at once, then sent with its seq', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useChat(id), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.status).toBe('open'));
    await eventually(() => expect(result.current.isLoadingHistory).toBe(false));
    mock.pause();
    let clientId = '';
    act(() => {
      clientId = result.current.sendMessage('hello');
    });
    expect(result.current.messages).toEqual([expect.objectContaining({ content: 'hello', status: 'pending', seq: null, key: clientId, sender_id: client.currentUser.id })]);
    await settle(30);
    expect(result.current.messages[0]!.status).toBe('pending');
    act(() => mock.resume());
    await eventually(() => expect(result.current.messages).toEqual([expect.objectContaining({ content: 'hello', status: 'sent', seq: 1, key: clientId })]));
  });

  it('shows a send the server refused as failed; retry recovers it', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useChat(id), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.status).toBe('open'));
    mock.failNextSend('internal_error', { message: 'Database hiccup' });
    let clientId = '';
    act(() => {
      clientId = result.current.sendMessage('try me');
    });
    await eventually(() => expect(result.current.messages[0]).toMatchObject({ status: 'failed', error: expect.objectContaining({ code: 'internal_error', message: 'Database hiccup' }) }));
    expect(mock.messages('general')).toHaveLength(0);
    let retried = false;
    act(() => {
      retried = result.current.retry(clientId);
    });
    expect(retried).toBe(true);
    expect(result.current.messages[0]).toMatchObject({ status: 'pending', error: null });
    await eventually(() => expect(result.current.messages[0]).toMatchObject({ status: 'sent', seq: 1, key: clientId }));
    expect(mock.messages('general').map((m) => m.content)).toEqual(['try me']);
    expect(result.current.retry('unknown')).toBe(false);
  });

  it('throws for empty text instead of sending it', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana');
    const { result } = renderHook(() => useChat(id), { wrapper: wrapperFor(client) });
    expect(() => result.current.sendMessage('   ')).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(result.current.messages).toEqual([]);
  });
});

describe('useChat: switching clients', () => {
  it('loads history for a new client given to the same provider (e.g. after logging in as someone else)', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: 3 }] });
    const { id } = mock.chat('general');
    const ana = clientFor(mock, 'ana');
    const ben = clientFor(mock, 'ben');
    const queryClient = testQueryClient();
    let client = ana;
    const wrapper = ({ children }: { children?: React.ReactNode }) => (
      <ChatProvider client={client} queryClient={queryClient}>
        {children}
      </ChatProvider>
    );
    const { result, rerender } = renderHook(() => useChat(id), { wrapper });
    await eventually(() => expect(result.current.messages).toHaveLength(3));
    client = ben;
    rerender();
    await eventually(() => expect(result.current.messages).toHaveLength(3));
  });
});

describe('useChat: across reconnects and chat switches', () => {
  it('keeps a message sent while reconnecting pending, then sends it on reconnect; shows messages missed meanwhile', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: 1 }] });
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana', { backoff: { initialMs: 200, jitter: 'none' } });
    const { result } = renderHook(() => useChat(id), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.status).toBe('open'));
    await eventually(() => expect(result.current.messages).toHaveLength(1));
    act(() => {
      mock.dropConnections();
    });
    await eventually(() => expect(result.current.status).toBe('reconnecting'));
    act(() => {
      mock.addMessage('general', { from: 'ben', content: 'missed' });
      result.current.sendMessage('written offline');
    });
    expect(result.current.messages.map((m) => `${m.content}:${m.status}`)).toEqual([expect.any(String), 'written offline:pending']);
    await eventually(() => expect(result.current.status).toBe('open'));
    await eventually(() =>
      expect(result.current.messages.map((m) => `${m.seq}:${m.content}:${m.status}`)).toEqual([expect.stringMatching(/^1:/), '2:missed:sent', '3:written offline:sent']),
    );
    expect(mock.messages('general')).toHaveLength(3);
  });

  it('shows a message once when its acknowledgement was lost in a drop (the resend is idempotent)', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana', { backoff: { initialMs: 50, jitter: 'none' } });
    const { result } = renderHook(() => useChat(id), { wrapper: wrapperFor(client) });
    await eventually(() => expect(result.current.status).toBe('open'));
    await eventually(() => expect(result.current.isLoadingHistory).toBe(false));
    mock.pause();
    act(() => {
      result.current.sendMessage('did it arrive?');
    });
    await eventually(() => expect(mock.messages('general')).toHaveLength(1));
    act(() => {
      mock.dropConnections();
      mock.resume();
    });
    await eventually(() => expect(result.current.status).toBe('reconnecting'));
    await eventually(() => expect(result.current.messages).toEqual([expect.objectContaining({ content: 'did it arrive?', status: 'sent', seq: 1 })]));
    expect(mock.receivedData('send_message')).toHaveLength(2);
    expect(mock.messages('general')).toHaveLength(1);
  });

  it('moves to another chat when chatId changes: the old socket closes, the new one loads its own history', async () => {
    const mock = startMock({
      chats: [
        { name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ben', content: 'in general' }] },
        { name: 'team', members: ['ana', 'cy'], messages: [{ from: 'cy', content: 'in team' }] },
      ],
    });
    const general = mock.chat('general').id;
    const team = mock.chat('team').id;
    const client = clientFor(mock, 'ana');
    const { result, rerender } = renderHook(({ chatId }) => useChat(chatId), { wrapper: wrapperFor(client), initialProps: { chatId: general } });
    await eventually(() => expect(result.current.messages.map((m) => m.content)).toEqual(['in general']));
    rerender({ chatId: team });
    expect(result.current.messages.map((m) => m.content)).not.toContain('in general');
    await eventually(() => expect(result.current.messages.map((m) => m.content)).toEqual(['in team']));
    await eventually(() => expect(result.current.status).toBe('open'));
    await eventually(() => expect(mock.openSockets().map((s) => s.chatId)).toEqual([team]));
  });
});
