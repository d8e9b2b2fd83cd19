import { setupServer } from 'msw/node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatClient, selectChat, type ChatClient } from 'natter';
import {
  createFakeWebSocket,
  createManualFrames,
  createManualTimers,
  createMockChatServer,
  flushMicrotasks,
  type DropOptions,
  type MockChatServer,
  type MockChatServerOptions,
  type SeedOptions,
} from 'natter/testing';

/**
 * The @example of every symbol natter/testing exports, run as written (only the `…` of the docs filled in): a user
 * copies these first, so each must work.
 */

const me = { id: 'u1', username: 'ana', email: 'ana@natter.invalid', is_active: true, created_at: '2026-11-24T09:00:00.000Z' };
const options = { baseUrl: 'http://localhost:8787', getToken: () => 'token', currentUser: me };
const clients: ChatClient[] = [];
const track = (client: ChatClient) => (clients.push(client), client);
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

describe('natter/testing @examples', () => {
  it('FakeSocket / createFakeWebSocket / flushMicrotasks: a socket driven by hand', async () => {
    // FakeSocket's example.
    const fake = createFakeWebSocket();
    const client = track(createChatClient({ ...options, WebSocket: fake.WebSocket }));
    client.joinChat('c1');
    await flushMicrotasks();
    fake.last().accept().receive({ type: 'connected', data: { socket: 'chat', user_id: 'u1', chat_id: 'c1', last_seq: 0 } });
    // flushMicrotasks' example.
    expect(fake.sockets).toHaveLength(1);
    expect(client.getConnection('c1')?.status).toBe('open');
    expect(fake.last().token).toBe('token');

    // createFakeWebSocket's example.
    const other = createFakeWebSocket();
    new other.WebSocket('ws://x/api/v1/ws/u1?token=t');
    other.last().accept();
    expect(other.find('/ws/u1')?.readyState).toBe(1);
  });

  it('createManualFrames: incoming messages reach the store on pass()', async () => {
    const fake = createFakeWebSocket();
    const frames = createManualFrames();
    const client = track(createChatClient({ ...options, WebSocket: fake.WebSocket, scheduleFrame: frames.schedule }));
    client.joinChat('c1');
    await flushMicrotasks();
    const message = { id: 'm1', chat_id: 'c1', sender_id: 'u2', content: 'hi', message_type: 'text', parent_message_id: null, created_at: me.created_at, updated_at: me.created_at, sender: { ...me, id: 'u2', username: 'ben' }, seq: 1 };
    const socket = fake.last().accept().receive({ type: 'connected', data: { socket: 'chat', user_id: 'u1', chat_id: 'c1', last_seq: 0 } });
    // The first message after a quiet frame lands at once and opens a frame; the next ones wait for it.
    socket.receive({ type: 'new_message', data: message }).receive({ type: 'new_message', data: { ...message, id: 'm2', content: 'there', seq: 2 } });
    expect(frames.pending()).toBe(1);
    expect(selectChat(client.store.getState(), 'c1').messages.map((m) => m.content)).toEqual(['hi']);
    frames.pass(); // the messages that arrived since the last frame land now
    expect(selectChat(client.store.getState(), 'c1').messages.map((m) => m.content)).toEqual(['hi', 'there']);
  });

  it('createManualTimers: the clock moves only when told', async () => {
    const clock = createManualTimers();
    const fake = createFakeWebSocket();
    const client = track(createChatClient({ ...options, WebSocket: fake.WebSocket, timers: clock.timers, backoff: { initialMs: 1000, jitter: 'none' } }));
    client.joinChat('c1');
    await flushMicrotasks();
    fake.last().drop(1006);
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(1);
    clock.advance(30_000);
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(2);
    expect(clock.now()).toBe(30_000);
  });

  describe('createMockChatServer and its types', () => {
    const server = setupServer();
    let mock: MockChatServer;
    beforeEach(() => server.listen({ onUnhandledRequest: 'error' }));
    afterEach(() => {
      server.resetHandlers();
      server.close();
    });

    it("createMockChatServer's example: a client joins and sees the mock's message", async () => {
      mock = createMockChatServer({ baseUrl: 'http://chat.test', users: ['ana', 'ben'], chats: [{ name: 'general', members: ['ana', 'ben'], messages: 30 }] });
      server.use(...mock.handlers);
      const client = track(createChatClient(mock.clientOptions('ana')));
      client.joinChat(mock.chat('general').id);
      await vi.waitFor(() => expect(client.getConnection(mock.chat('general').id)?.status).toBe('open'));
      mock.addMessage('general', { from: 'ben', content: 'Hi Ana' });
      await vi.waitFor(() => expect(selectChat(client.store.getState(), mock.chat('general').id).messages.at(-1)?.content).toBe('Hi Ana'));
    });

    it('the option, input and filter types type-check and do what they say', async () => {
      const optionsExample: MockChatServerOptions = { baseUrl: 'http://chat.test', users: ['ana', 'ben'], latencyMs: 150 };
      const seed: SeedOptions = { from: ['ana'], intervalMs: 1000 };
      mock = createMockChatServer({ ...optionsExample, users: ['ana', { username: 'ben', email: 'ben@example.com' }], chats: [{ name: 'general', members: ['ana', 'ben'], messages: 40 }] });
      server.use(...mock.handlers);
      expect(mock.user('ben').email).toBe('ben@example.com');
      expect(mock.seed('general', 2, seed).map((m) => m.sender.username)).toEqual(['ana', 'ana']);
      // MockChat's example.
      const { id } = mock.chat('general');
      expect(mock.messages(id)).toHaveLength(42);
      // MockMessageInput's and MockFileInput's examples.
      mock.addMessage('general', { from: 'ben', content: 'Lunch?', createdAt: '2026-11-24T12:00:00.000Z' });
      mock.addMessage('general', { from: 'ana', content: 'Minutes', attachments: [{ name: 'minutes.pdf', type: 'application/pdf', data: '%PDF-1.7 …' }] });
      expect(mock.messages('general').at(-1)).toMatchObject({ message_type: 'file', attachments: [{ file_name: 'minutes.pdf', content_type: 'application/pdf' }] });
      // The addMessage method's example.
      mock.addMessage('general', { from: 'Ana', content: 'The mockups', attachments: [{ name: 'home.png', type: 'image/png', width: 1200, height: 800 }] });
      expect(mock.messages('general').at(-1)!.attachments[0]).toMatchObject({ width: 1200, height: 800 });

      const client = track(createChatClient({ ...mock.clientOptions('ana'), typingTtlMs: 200 }));
      client.joinChat(id);
      await vi.waitFor(() => expect(client.getConnection(id)?.status).toBe('open'));
      // MockSocketFilter's, MockSocketInfo's and MockReceivedFrame's examples.
      expect(mock.openSockets({ chatId: 'general', userId: 'ana' })).toHaveLength(1);
      expect(mock.connectionsTo({ chatId: 'general' })).toEqual([expect.objectContaining({ accepted: true, closed: null })]);
      const ana = mock.user('ana');
      client.sendMessage(id, 'typing first');
      await vi.waitFor(() => expect(mock.received.filter((r) => r.type === 'send_message' && r.socket.userId === ana.id)).toHaveLength(1));
      // DropOptions' example.
      const drop: DropOptions = { chatId: 'general', code: 1001, reason: 'Server restarting' };
      expect(mock.dropConnections(drop)).toBe(1);
      expect(mock.connections[0]!.closed).toEqual({ code: 1001, reason: 'Server restarting', by: 'server' });
    });

    it("the scripting methods' examples", async () => {
      mock = createMockChatServer({ baseUrl: 'http://chat.test', users: ['ana', 'ben', 'Sam', 'Bo'], chats: [{ name: 'general', members: ['ana', 'ben', 'Sam', 'Bo'], messages: 3 }] });
      server.use(...mock.handlers);
      const CHAT_ID = mock.chat('general').id;
      const chatId = CHAT_ID;
      const client = track(createChatClient({ ...mock.clientOptions('ana'), backoff: { initialMs: 10, jitter: 'none' } }));
      client.joinChat(chatId);
      const open = () => vi.waitFor(() => expect(client.getConnection(chatId)?.status).toBe('open'));
      await open();
      const slice = () => selectChat(client.store.getState(), chatId);

      mock.setTyping('general', 'ben', true);
      await vi.waitFor(() => expect(slice().typing.map((t) => t.username)).toEqual(['ben']));
      expect(mock.addReceipt(mock.messages('general').at(-1)!.id, 'ben')).toMatchObject({ seq: 3 });

      const message = mock.addMessage('general', { from: 'Ana', content: 'Lunch at 12?' });
      mock.editMessage('general', message.id, 'Lunch at 12:30?');
      for (const who of ['Ana', 'Bo']) mock.react(CHAT_ID, message.id, '👍', who);
      mock.unreact(CHAT_ID, message.id, '👍', 'Bo');
      const question = message;
      mock.reply('general', question.id, { from: 'Bo', content: 'Yes, at noon.' });
      expect(mock.message(question.id)).toMatchObject({ content: 'Lunch at 12:30?', reply_count: 1, reactions: [{ emoji: '👍', count: 1 }] });
      await vi.waitFor(() => expect(slice().messages.find((m) => m.id === message.id)).toMatchObject({ content: 'Lunch at 12:30?', reply_count: 1 }));
      mock.deleteMessage('general', mock.messages('general').at(-1)!.id);
      expect(mock.message(question.id).reply_count).toBe(0);
      const attachment = mock.upload('general', 'Ana', { name: 'photo.png', type: 'image/png', width: 800, height: 600 });
      expect(attachment).toMatchObject({ content_type: 'image/png', width: 800, height: 600 });

      mock.setPresence('Ana', 'online');
      mock.setPresence('Sam', 'away');
      expect(mock.presence('Sam').status).toBe('away');
      // Sam has read the first 2 messages: after them come Sam's own (#3), Ana's (#4) and a deleted reply (#5).
      mock.markRead(CHAT_ID, 'Sam', 2);
      expect(mock.chatFor('general', 'Sam')).toMatchObject({ last_read_seq: 2, unread_count: 1 });

      mock.failNextSend('rate_limited', { retryAfterMs: 250 });
      client.sendMessage(chatId, 'limited');
      await vi.waitFor(() => expect(mock.receivedData('send_message', { userId: 'ana' })).toHaveLength(2));
      expect(mock.messages('general').at(-1)!.content).toBe('limited');

      mock.pause();
      client.sendMessage(chatId, 'Hi'); // pending until mock.resume()
      await vi.waitFor(() => expect(mock.messages('general').at(-1)!.content).toBe('Hi'));
      expect(slice().messages.at(-1)).toMatchObject({ content: 'Hi', status: 'pending' });
      mock.resume();
      await vi.waitFor(() => expect(slice().messages.at(-1)).toMatchObject({ content: 'Hi', status: 'sent' }));

      mock.refuseNextConnections(1013, 2); // the third attempt connects
      expect(mock.dropConnections({ userId: 'ana', kind: 'chat' })).toBe(1);
      await vi.waitFor(() => expect(mock.connectionsTo({ chatId: 'general' }).map((c) => c.closed?.code ?? 'open')).toEqual([1006, 1013, 1013, 'open']));
      await open();
      const toRead = mock.addMessage('general', { from: 'ben', content: 'Read me' });
      await vi.waitFor(() => expect(slice().messages.at(-1)?.id).toBe(toRead.id));
      client.markRead(chatId, toRead.id);
      await vi.waitFor(() => expect(mock.receivedData('read_receipt', { userId: 'ana' })).toHaveLength(1));
    });
  });
});

