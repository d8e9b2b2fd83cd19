import { act, render, renderHook, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import type { ChatClient } from 'natter';
import { ChatProvider, useChat, useReadReceipts } from 'natter/react';
import { describe, expect, it } from 'vitest';
import { eventually, installHookTest, settle, setVisibility, wrapperFor } from './helpers';

const { startMock, clientFor } = installHookTest();

/** `general` with ana, ben and cy: 1 by ben (read by cy), 2 by ana (read by ben), 3 by ben (unread). */
function startWithHistory() {
  const mock = startMock({
    users: ['ana', 'ben', 'cy'],
    chats: [
      {
        name: 'general',
        members: ['ana', 'ben', 'cy'],
        messages: [
          { from: 'ben', content: 'one' },
          { from: 'ana', content: 'two' },
          { from: 'ben', content: 'three' },
        ],
      },
    ],
  });
  const [one, two, three] = mock.messages('general');
  mock.addReceipt(one!.id, 'cy');
  mock.addReceipt(two!.id, 'ben');
  return { mock, id: mock.chat('general').id, one: one!, two: two!, three: three! };
}

async function renderReceipts(client: ChatClient, chatId: string, options: { excludeSelf?: boolean } = {}) {
  const hook = renderHook(() => ({ chat: useChat(chatId), receipts: useReadReceipts(chatId, options) }), { wrapper: wrapperFor(client) });
  await eventually(() => expect(hook.result.current.chat.messages).toHaveLength(3));
  await eventually(() => expect(hook.result.current.chat.status).toBe('open'));
  return hook;
}

describe('useReadReceipts: counts', () => {
  it('counts readers from history read_by, and turns your read message `read`', async () => {
    const { mock, id, one, two, three } = startWithHistory();
    const client = clientFor(mock, 'ana');
    const { result } = await renderReceipts(client, id);
    const { readBy, readCount } = result.current.receipts;
    expect(readBy(one.id)).toEqual([mock.user('cy').id]);
    expect([readCount(one.id), readCount(two.id), readCount(three.id)]).toEqual([1, 1, 0]);
    expect(result.current.chat.messages.map((m) => m.status)).toEqual(['sent', 'read', 'sent']);
  });

  it('updates the counts a row renders from live receipts', async () => {
    const { mock, id, three } = startWithHistory();
    const client = clientFor(mock, 'ana');
    function Row() {
      const { readCount } = useReadReceipts(id);
      useChat(id);
      return <span>{`read by ${readCount(three.id)}`}</span>;
    }
    render(
      <StrictMode>
        <ChatProvider client={client}>
          <Row />
        </ChatProvider>
      </StrictMode>,
    );
    await eventually(() => expect(client.getConnection(id)?.status).toBe('open'));
    expect(screen.getByText('read by 0')).toBeTruthy();
    act(() => {
      mock.addReceipt(three.id, 'cy');
    });
    await eventually(() => expect(screen.getByText('read by 1')).toBeTruthy());
    act(() => {
      mock.addReceipt(three.id, 'cy');
    });
    await settle();
    expect(screen.getByText('read by 1')).toBeTruthy();
  });

  it('leaves yourself out by default, and counts you with excludeSelf: false', async () => {
    const { mock, id, three } = startWithHistory();
    const client = clientFor(mock, 'ana');
    const { result } = await renderReceipts(client, id);
    const other = clientFor(mock, 'ana');
    const { result: inclusive } = await renderReceipts(other, id, { excludeSelf: false });
    act(() => result.current.receipts.markRead(three.id));
    // The server relays ana's own receipt back to both of ana's sockets.
    await eventually(() => expect(inclusive.current.receipts.readBy(three.id)).toEqual([mock.user('ana').id]));
    await eventually(() => expect(client.store.getState().chats[id]?.readBy[three.id]).toEqual([mock.user('ana').id]));
    expect(result.current.receipts.readCount(three.id)).toBe(0);
    expect(inclusive.current.receipts.readCount(three.id)).toBe(1);
  });
});

describe('useReadReceipts: markRead', () => {
  it('sends a receipt once per message, and never for your own', async () => {
    const { mock, id, two, three } = startWithHistory();
    const client = clientFor(mock, 'ana');
    const { result } = await renderReceipts(client, id);
    act(() => {
      result.current.receipts.markRead(three.id);
      result.current.receipts.markRead(three.id);
      result.current.receipts.markRead(two.id);
    });
    await eventually(() => expect(mock.receivedData('read_receipt')).toEqual([{ message_id: three.id }]));
    await eventually(() => expect(mock.messages('general')[2]!.read_by).toEqual([mock.user('ana').id]));
    act(() => result.current.receipts.markRead(three.id));
    await settle();
    expect(mock.receivedData('read_receipt')).toHaveLength(1);
  });

  it('does not send a receipt for a message already read in history', async () => {
    const { mock, id, one } = startWithHistory();
    const client = clientFor(mock, 'cy');
    const { result } = await renderReceipts(client, id);
    act(() => result.current.receipts.markRead(one.id));
    await settle();
    expect(mock.receivedData('read_receipt')).toEqual([]);
  });

  it('does not send while the page is hidden; isPageVisible follows visibilitychange', async () => {
    const { mock, id, three } = startWithHistory();
    const client = clientFor(mock, 'ana');
    const { result } = await renderReceipts(client, id);
    expect(result.current.receipts.isPageVisible).toBe(true);
    act(() => setVisibility('hidden'));
    expect(result.current.receipts.isPageVisible).toBe(false);
    act(() => result.current.receipts.markRead(three.id));
    await settle();
    expect(mock.receivedData('read_receipt')).toEqual([]);
    act(() => setVisibility('visible'));
    expect(result.current.receipts.isPageVisible).toBe(true);
    act(() => result.current.receipts.markRead(three.id));
    await eventually(() => expect(mock.receivedData('read_receipt')).toEqual([{ message_id: three.id }]));
  });
});

describe('useReadReceipts: offline', () => {
  it('queues a receipt marked while the socket is down and sends it on reconnect', async () => {
    const { mock, id, three } = startWithHistory();
    const client = clientFor(mock, 'ana', { backoff: { initialMs: 100, jitter: 'none' } });
    const { result } = await renderReceipts(client, id);
    act(() => {
      mock.dropConnections();
    });
    await eventually(() => expect(result.current.chat.status).toBe('reconnecting'));
    act(() => result.current.receipts.markRead(three.id));
    await eventually(() => expect(result.current.chat.status).toBe('open'));
    await eventually(() => expect(mock.receivedData('read_receipt')).toEqual([{ message_id: three.id }]));
  });
});
