import { selectChat } from 'natter';
import { describe, expect, it, vi } from 'vitest';
import { chatPath, installMockServer, openRaw, rest, settle } from '../msw';

const { startMock, clientFor } = installMockServer();

describe('driving the core client', () => {
  it('connects a client, delivers server-side messages, typing and receipts into its store', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: [{ from: 'ana', content: 'first' }] }] });
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana', { typingTtlMs: 60_000 });
    client.joinChat(id);
    await vi.waitFor(() => expect(client.getConnection(id)?.status).toBe('open'));
    mock.addMessage('general', { from: 'ben', content: 'hello ana' });
    await vi.waitFor(() => expect(selectChat(client.store.getState(), id).messages.map((m) => m.content)).toContain('hello ana'));
    mock.setTyping('general', 'ben', true);
    await vi.waitFor(() => expect(selectChat(client.store.getState(), id).typing.map((t) => t.username)).toEqual(['ben']));
    const first = mock.messages('general')[0]!;
    expect(mock.addReceipt(first.id, 'ana')).toBeNull();
    mock.addReceipt(first.id, 'ben');
    await vi.waitFor(() => expect(selectChat(client.store.getState(), id).readBy[first.id]).toEqual([mock.user('ben').id]));
  });

  it('acknowledges a client send: pending, then sent with the server seq', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana');
    client.joinChat(id);
    const clientId = client.sendMessage(id, 'queued before open');
    expect(selectChat(client.store.getState(), id).messages[0]).toMatchObject({ status: 'pending', seq: null });
    await vi.waitFor(() => expect(selectChat(client.store.getState(), id).messages[0]).toMatchObject({ status: 'sent', seq: 1, client_id: clientId }));
    expect(mock.messages('general')[0]).toMatchObject({ content: 'queued before open', client_id: clientId });
  });

  it('holds frames while paused and sends them in order on resume', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana');
    client.joinChat(id);
    await vi.waitFor(() => expect(mock.openSockets({ chatId: id })).toHaveLength(1));
    await settle();
    mock.pause();
    client.sendMessage(id, 'one');
    client.sendMessage(id, 'two');
    await vi.waitFor(() => expect(mock.messages('general')).toHaveLength(2));
    await settle();
    expect(selectChat(client.store.getState(), id).messages.map((m) => m.status)).toEqual(['pending', 'pending']);
    mock.resume();
    await vi.waitFor(() => expect(selectChat(client.store.getState(), id).messages.map((m) => [m.content, m.status, m.seq])).toEqual([['one', 'sent', 1], ['two', 'sent', 2]]));
  });

  it('fails the next send with an error frame carrying its client_id; the retry is stored', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana');
    const errors: string[] = [];
    client.on('error', (error) => errors.push(error.code));
    client.joinChat(id);
    mock.failNextSend('internal_error');
    const clientId = client.sendMessage(id, 'flaky');
    await vi.waitFor(() => expect(selectChat(client.store.getState(), id).messages[0]?.status).toBe('failed'));
    expect(errors).toContain('internal_error');
    expect(mock.messages('general')).toHaveLength(0);
    expect(client.retry(id, clientId)).toBe(true);
    await vi.waitFor(() => expect(selectChat(client.store.getState(), id).messages[0]).toMatchObject({ status: 'sent', seq: 1 }));
  });

  it('answers rate_limited with retry_after_ms; the client resends the same frame', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana');
    client.joinChat(id);
    mock.failNextSend('rate_limited', { retryAfterMs: 30 });
    client.sendMessage(id, 'slow down');
    await vi.waitFor(() => expect(selectChat(client.store.getState(), id).messages[0]?.status).toBe('sent'));
    expect(mock.receivedData('send_message')).toHaveLength(2);
    expect(mock.messages('general')).toHaveLength(1);
  });

  it('drops connections like a network loss: the client reconnects and fills the gap with ?after=', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: 2 }] });
    const { id } = mock.chat('general');
    const client = clientFor(mock, 'ana', { backoff: { initialMs: 150, jitter: 'none' } });
    client.joinChat(id);
    await client.loadHistory(id);
    await vi.waitFor(() => expect(client.getConnection(id)?.status).toBe('open'));
    expect(mock.dropConnections({ chatId: 'general' })).toBe(1);
    await vi.waitFor(() => expect(client.getConnection(id)).toMatchObject({ status: 'reconnecting', closeCode: 1006 }));
    mock.addMessage('general', { from: 'ben', content: 'while you were away' });
    await vi.waitFor(() => expect(client.getConnection(id)?.status).toBe('open'));
    await vi.waitFor(() => expect(selectChat(client.store.getState(), id).messages.map((m) => m.seq)).toEqual([1, 2, 3]));
    expect(mock.connectionsTo({ chatId: id })).toHaveLength(2);
  });

  it('refusals reach the client: 4003 stops it, a single 4001 is retried with a fresh token', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    mock.refuseNextConnections(4001);
    const client = clientFor(mock, 'ana');
    client.joinChat(id);
    await vi.waitFor(() => expect(client.getConnection(id)?.status).toBe('open'));
    expect(mock.connectionsTo({ chatId: id }).map((s) => s.closed?.code ?? 'open')).toEqual([4001, 'open']);
    mock.refuseNextConnections(4003);
    mock.dropConnections({ code: 1001 });
    await vi.waitFor(() => expect(client.getConnection(id)).toMatchObject({ status: 'closed', closeCode: 4003 }));
  });

  it('ends in `unauthorized` when tokens are revoked', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    // getToken gives up after a few calls, so a renewal loop (see the regressions below) cannot hang the run.
    let calls = 0;
    const base = mock.clientOptions('ana');
    const client = clientFor(mock, 'ana', { getToken: () => (++calls > 5 ? Promise.reject(new Error('stop')) : base.getToken()) });
    mock.revokeTokens();
    client.joinChat(id);
    await vi.waitFor(() => expect(client.getConnection(id)).toMatchObject({ status: 'unauthorized', closeCode: 4001 }));
  });

  it('delays frames and REST answers by latencyMs', async () => {
    const mock = startMock({ latencyMs: 80 });
    const token = mock.sessionFor('ana').access_token;
    const started = Date.now();
    await rest('/api/v1/users/me', { token });
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
    const opening = Date.now();
    const raw = openRaw(chatPath(mock.chat('general').id), token);
    await raw.next('connected');
    expect(Date.now() - opening).toBeGreaterThanOrEqual(70);
  });
});
