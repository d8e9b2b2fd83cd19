import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createChatClient, memoryOutboxStorage, selectChat, type ChatClientOptions, type OutboxStorage } from 'natter';
import { createFakeWebSocket, createManualTimers, flushMicrotasks } from 'natter/testing';
import { connected, message, user } from './fixtures';

const ME = user('ana');

function makeClient(storage: OutboxStorage, extra: Partial<ChatClientOptions> = {}) {
  const fake = createFakeWebSocket();
  const clock = createManualTimers();
  const client = createChatClient({
    baseUrl: 'http://chat.test',
    getToken: () => 'tok',
    currentUser: ME,
    WebSocket: fake.WebSocket,
    timers: clock.timers,
    outboxStorage: storage,
    ...extra,
  });
  onTestFinished(() => client.destroy());
  return { fake, clock, client, slice: () => selectChat(client.store.getState(), 'c1') };
}

const settle = () => vi.waitFor(() => flushMicrotasks(), { timeout: 100 });

describe('the outbox across a reload', () => {
  it('saves what is sent, forgets it once acknowledged', async () => {
    const storage = memoryOutboxStorage();
    const { fake, client } = makeClient(storage);
    client.joinChat('c1');
    await flushMicrotasks();
    const socket = fake.last().accept().receive(connected());
    const clientId = client.sendMessage('c1', 'hello');
    await settle();
    expect((await storage.load('ana')).map((e) => e.clientId)).toEqual([clientId]);
    socket.receive({ type: 'new_message', data: message(1, { sender: ME, client_id: clientId, content: 'hello' }) });
    await settle();
    expect(await storage.load('ana')).toEqual([]);
  });

  it('a new client on the same storage shows unsent messages as pending, in order, and sends them once connected', async () => {
    const storage = memoryOutboxStorage();
    const before = makeClient(storage);
    const ids = ['first', 'second', 'third'].map((text) => before.client.sendMessage('c1', text));
    await settle();
    before.client.destroy();

    const after = makeClient(storage);
    const release = after.client.joinChat('c1');
    await settle();
    expect(after.slice().messages.map((m) => [m.content, m.status, m.key])).toEqual([
      ['first', 'pending', ids[0]],
      ['second', 'pending', ids[1]],
      ['third', 'pending', ids[2]],
    ]);
    const socket = after.fake.last().accept().receive(connected());
    expect(socket.sentOfType('send_message').map((f) => [f.data.content, f.data.client_id])).toEqual([
      ['first', ids[0]],
      ['second', ids[1]],
      ['third', ids[2]],
    ]);
    release();
  });

  it('a failed message stays saved (a reload tries again); a discarded one is gone', async () => {
    const storage = memoryOutboxStorage();
    const { fake, client } = makeClient(storage);
    client.joinChat('c1');
    await flushMicrotasks();
    const socket = fake.last().accept().receive(connected());
    const failed = client.sendMessage('c1', 'refused');
    const dropped = client.sendMessage('c1', 'never mind');
    socket.receive({ type: 'error', data: { code: 'internal_error', message: 'oops', frame_type: 'send_message', client_id: failed } });
    client.discard('c1', dropped);
    await settle();
    expect((await storage.load('ana')).map((e) => e.clientId)).toEqual([failed]);
  });

  it('a message with files comes back with its files shown, and is sent with them', async () => {
    const storage = memoryOutboxStorage();
    const photo = { id: 'a1', file_name: 'cat.png', content_type: 'image/png', size: 10, width: 4, height: 3, url: 'https://files.test/a1' };
    const before = makeClient(storage);
    const clientId = before.client.sendMessage('c1', 'look', { attachments: [photo] });
    const shown = before.slice().messages[0]!;
    await settle();
    before.client.destroy();

    const after = makeClient(storage);
    after.client.joinChat('c1');
    await settle();
    expect(after.slice().messages).toEqual([shown]);
    const socket = after.fake.last().accept().receive(connected());
    expect(socket.sentOfType('send_message').map((f) => f.data)).toEqual([
      { content: 'look', message_type: 'image', parent_message_id: null, client_id: clientId, attachment_ids: ['a1'] },
    ]);
  });

  it('an entry saved before attachments were kept still comes back (without files shown)', async () => {
    const storage = memoryOutboxStorage();
    const data = { content: '', message_type: 'file' as const, client_id: 'old', attachment_ids: ['a1'] };
    await storage.put({ userId: 'ana', clientId: 'old', channel: 'c1', frame: { type: 'send_message', data }, createdAt: 1 });
    const { client, slice } = makeClient(storage);
    client.joinChat('c1');
    await settle();
    expect(slice().messages).toMatchObject([{ key: 'old', message_type: 'file', status: 'pending', attachments: [] }]);
  });

  it("never sends another user's saved messages", async () => {
    const storage = memoryOutboxStorage();
    await storage.put({ userId: 'bo', clientId: 'bos', channel: 'c1', frame: { type: 'send_message', data: { content: 'not yours', client_id: 'bos' } }, createdAt: 1 });
    const { client, slice } = makeClient(storage);
    client.joinChat('c1');
    await settle();
    expect(slice().messages).toEqual([]);
  });

  it('a storage that fails is reported, and the message still goes out', async () => {
    const broken: OutboxStorage = {
      load: () => Promise.reject(new Error('quota')),
      put: () => Promise.reject(new Error('quota')),
      delete: () => Promise.reject(new Error('quota')),
    };
    const { fake, client } = makeClient(broken);
    const codes: string[] = [];
    client.on('error', (error) => codes.push(error.code));
    client.joinChat('c1');
    await flushMicrotasks();
    const socket = fake.last().accept().receive(connected());
    client.sendMessage('c1', 'still sent');
    await settle();
    expect(socket.sentOfType('send_message').map((f) => f.data.content)).toEqual(['still sent']);
    expect(codes).toContain('storage_error');
  });
});
