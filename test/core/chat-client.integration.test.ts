import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectChat, type ChatClient, type Session } from 'natter';
import { countingWebSocket, createHarness, errorsOf, sleep, twoInOneChat, waitFor, waitOpen } from './helpers/server';
import { FRESH_FIELDS } from './fixtures';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const slice = (client: ChatClient, chatId: string) => selectChat(client.store.getState(), chatId);
const confirmed = (client: ChatClient, chatId: string) => slice(client, chatId).messages.filter((m) => m.seq !== null);
const expectUser = (session: Session) => ({
  id: session.user.id,
  username: session.user.username,
  email: `${session.user.username}@natter.invalid`,
  is_active: true,
  created_at: expect.stringMatching(ISO_MS),
});

describe('chat client against the reference server', () => {
  it('A sends: B’s store gets the message with every field; A’s pending message turns sent with the same key', async () => {
    const h = createHarness();
    const { a, b, ana, chatId } = await twoInOneChat(h);
    const clientId = a.sendMessage(chatId, 'Hello, Bo <b>not bold</b>');
    expect(slice(a, chatId).messages).toEqual([expect.objectContaining({ key: clientId, status: 'pending', seq: null, id: null })]);

    await waitFor(() => expect(slice(b, chatId).messages).toHaveLength(1));
    const received = slice(b, chatId).messages[0]!;
    expect(received).toEqual({
      id: expect.stringMatching(UUID),
      chat_id: chatId,
      sender_id: ana.user.id,
      content: 'Hello, Bo <b>not bold</b>',
      message_type: 'text',
      parent_message_id: null,
      created_at: expect.stringMatching(ISO_MS),
      updated_at: expect.stringMatching(ISO_MS),
      sender: expectUser(ana),
      seq: 1,
      client_id: clientId,
      ...FRESH_FIELDS,
      rev: 1,
      key: expect.stringMatching(UUID),
      status: 'sent',
      error: null,
      change: null,
      uploadProgress: null,
    });
    // Bo keys Ana's message by its id; only Ana keys it by her client id.
    expect(received.key).toBe(received.id);

    // B's socket got it, so the server tells A it was delivered.
    await waitFor(() => expect(slice(a, chatId).messages[0]!.status).toBe('delivered'));
    expect(slice(a, chatId).messages).toHaveLength(1);
    expect(slice(a, chatId).messages[0]).toEqual({ ...received, key: clientId, status: 'delivered' });
  });

  it('a reply carries parent_message_id to the other side', async () => {
    const h = createHarness();
    const { a, b, chatId } = await twoInOneChat(h);
    a.sendMessage(chatId, 'question');
    await waitFor(() => expect(confirmed(b, chatId)).toHaveLength(1));
    const parentId = confirmed(b, chatId)[0]!.id!;
    b.sendMessage(chatId, 'answer', { parentMessageId: parentId });
    await waitFor(() => expect(confirmed(a, chatId)).toHaveLength(2));
    expect(confirmed(a, chatId)[1]).toMatchObject({ content: 'answer', parent_message_id: parentId, seq: 2 });
  });

  it('20 rapid messages from both sides end in the same order in both stores, strictly by seq', async () => {
    const h = createHarness();
    const { a, b, chatId } = await twoInOneChat(h);
    for (let i = 0; i < 10; i += 1) {
      a.sendMessage(chatId, `a${i}`);
      b.sendMessage(chatId, `b${i}`);
    }
    const settled = (client: ChatClient) => {
      const messages = slice(client, chatId).messages;
      expect(messages).toHaveLength(20);
      // Mine delivered (the other side is online), theirs plain sent.
      expect(messages.every((m) => m.status === (m.sender_id === client.currentUser.id ? 'delivered' : 'sent'))).toBe(true);
    };
    await waitFor(() => {
      settled(a);
      settled(b);
    });
    const inA = slice(a, chatId).messages;
    const inB = slice(b, chatId).messages;
    expect(inA.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(inB.map((m) => m.id)).toEqual(inA.map((m) => m.id));
    expect(inB.map((m) => m.content)).toEqual(inA.map((m) => m.content));
    // Each sender's messages keep the order they were sent in.
    expect(inA.map((m) => m.content).filter((c) => c.startsWith('a'))).toEqual(Array.from({ length: 10 }, (_, i) => `a${i}`));
    expect(inA.map((m) => m.content).filter((c) => c.startsWith('b'))).toEqual(Array.from({ length: 10 }, (_, i) => `b${i}`));
    // And the server agrees.
    const page = await a.rest.history(chatId, { limit: 50 });
    expect(page.messages.map((m) => m.id)).toEqual(inA.map((m) => m.id));
  });

  it('B typing shows in A’s store, and stops', async () => {
    const h = createHarness();
    const { a, b, bo, chatId } = await twoInOneChat(h);
    b.setTyping(chatId, true);
    await waitFor(() => expect(slice(a, chatId).typing).toEqual([expect.objectContaining({ user_id: bo.user.id, username: bo.user.username })]));
    b.setTyping(chatId, false);
    await waitFor(() => expect(slice(a, chatId).typing).toEqual([]));
    // The server never echoes typing to its sender.
    expect(slice(b, chatId).typing).toEqual([]);
  });

  it('B’s markRead reaches A’s readBy and turns A’s message read', async () => {
    const h = createHarness();
    const { a, b, bo, chatId } = await twoInOneChat(h);
    const clientId = a.sendMessage(chatId, 'read me');
    a.sendMessage(chatId, 'unread');
    await waitFor(() => expect(confirmed(b, chatId)).toHaveLength(2));
    const messageId = confirmed(b, chatId)[0]!.id!;
    b.markRead(chatId, messageId);
    await waitFor(() => expect(slice(a, chatId).readBy).toEqual({ [messageId]: [bo.user.id] }));
    expect(slice(a, chatId).messages.map((m) => [m.content, m.status])).toEqual([
      ['read me', 'read'],
      ['unread', 'delivered'],
    ]);
    expect(slice(a, chatId).messages[0]!.key).toBe(clientId);
    await waitFor(() => expect(slice(b, chatId).readBy).toEqual({ [messageId]: [bo.user.id] }));
    const page = await a.rest.history(chatId);
    expect(page.messages.map((m) => m.read_by)).toEqual([[bo.user.id], []]);
  });

  it('A’s direct message reaches B’s directMessages once', async () => {
    const h = createHarness();
    const server = await h.server();
    const ana = await h.login(server, 'ana');
    const bo = await h.login(server, 'bo');
    const a = h.client(server, ana);
    const b = h.client(server, bo);
    a.connectPersonal();
    b.connectPersonal();
    await waitOpen([a, 'personal'], [b, 'personal']);
    const clientId = a.sendDirectMessage(bo.user.id, 'psst');
    await waitFor(() => expect(b.store.getState().directMessages).toHaveLength(1));
    const dm = b.store.getState().directMessages[0]!;
    expect(dm).toMatchObject({ sender_id: ana.user.id, content: 'psst', client_id: clientId, seq: 1, sender: expectUser(ana) });
    // The sender's copy is its acknowledgement.
    await waitFor(() => expect(a.store.getState().directMessages.map((m) => m.id)).toEqual([dm.id]));
    const direct = await a.rest.getOrCreateDirectChat(bo.user.id);
    expect(dm.chat_id).toBe(direct.id);
    await sleep(100);
    expect(b.store.getState().directMessages).toHaveLength(1);
  });

  it('loadHistory and loadOlder page older messages in', async () => {
    const h = createHarness();
    const { server, a, bo, chatId } = await twoInOneChat(h);
    for (let i = 1; i <= 7; i += 1) a.sendMessage(chatId, `m${i}`);
    await waitFor(() => expect(confirmed(a, chatId)).toHaveLength(7));

    const reader = h.client(server, bo);
    const page = await reader.loadHistory(chatId, { limit: 3 });
    expect(page.has_more).toBe(true);
    expect(slice(reader, chatId).messages.map((m) => m.content)).toEqual(['m5', 'm6', 'm7']);
    expect(slice(reader, chatId).hasOlder).toBe(true);
    await reader.loadOlder(chatId, 3);
    expect(slice(reader, chatId).messages.map((m) => m.seq)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(slice(reader, chatId).hasOlder).toBe(true);
    await reader.loadOlder(chatId, 3);
    expect(slice(reader, chatId).messages.map((m) => m.content)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    expect(slice(reader, chatId).hasOlder).toBe(false);
    expect(slice(reader, chatId).messages.map((m) => m.id)).toEqual(confirmed(a, chatId).map((m) => m.id));
  });

  it('a server restart: clients reconnect on their own; messages sent while it was down arrive once, in order', async () => {
    const h = createHarness();
    const db = join(h.tempDir(), 'natter.db');
    const first = await h.server({ db });
    const { a, b, chatId } = await twoInOneChat(h, first);
    a.sendMessage(chatId, 'before');
    await waitFor(() => expect(confirmed(b, chatId)).toHaveLength(1));

    await first.close();
    await waitFor(() => {
      expect(a.getConnection(chatId)?.status).toBe('reconnecting');
      expect(b.getConnection(chatId)?.status).toBe('reconnecting');
    });
    a.sendMessage(chatId, 'down 1');
    b.sendMessage(chatId, 'b down');
    a.sendMessage(chatId, 'down 2');
    a.sendMessage(chatId, 'down 3');
    // Let some reconnects fail against the closed port first.
    await waitFor(() => expect(a.getConnection(chatId)!.attempt).toBeGreaterThanOrEqual(2));

    await h.server({ db, port: first.port });
    const done = (client: ChatClient) => {
      const messages = slice(client, chatId).messages;
      expect(messages).toHaveLength(5);
      expect(messages.every((m) => m.status === (m.sender_id === client.currentUser.id ? 'delivered' : 'sent'))).toBe(true);
    };
    await waitFor(() => {
      done(a);
      done(b);
      expect(a.getConnection(chatId)?.status).toBe('open');
      expect(b.getConnection(chatId)?.status).toBe('open');
    }, 10_000);

    const inA = slice(a, chatId).messages;
    expect(inA.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(slice(b, chatId).messages.map((m) => m.id)).toEqual(inA.map((m) => m.id));
    const aContents = inA.map((m) => m.content).filter((c) => c !== 'b down');
    expect(aContents).toEqual(['before', 'down 1', 'down 2', 'down 3']);
    expect(inA.filter((m) => m.content === 'b down')).toHaveLength(1);
    // Stored exactly once on the server, too.
    const page = await a.rest.history(chatId);
    expect(page.messages.map((m) => m.id)).toEqual(inA.map((m) => m.id));
    expect(page.has_more).toBe(false);
  });

  it('a non-member is refused: connection_refused, status closed, no retry', async () => {
    const h = createHarness();
    const server = await h.server();
    const ana = await h.login(server, 'ana');
    const cy = await h.login(server, 'cy');
    const a = h.client(server, ana);
    const chat = await a.rest.createChat('Private', []);
    const counting = countingWebSocket();
    const c = h.client(server, cy, { WebSocket: counting.WebSocket });
    const errors = errorsOf(c);
    c.joinChat(chat.id);
    await waitFor(() => expect(c.getConnection(chat.id)?.status).toBe('closed'));
    expect(c.getConnection(chat.id)).toMatchObject({ closeCode: 4003, error: { code: 'connection_refused' } });
    expect(errors.map((e) => e.code)).toEqual(['connection_refused']);
    await sleep(400);
    expect(counting.opened).toHaveLength(1);
  });

  it('an unknown chat is refused too (4004)', async () => {
    const h = createHarness();
    const server = await h.server();
    const ana = await h.login(server, 'ana');
    const a = h.client(server, ana);
    a.joinChat(crypto.randomUUID());
    await waitFor(() => expect(Object.values(a.store.getState().connections)).toEqual([expect.objectContaining({ status: 'closed', closeCode: 4004 })]));
  });

  it('a bad token ends in unauthorized after one renewal, with no retry storm', async () => {
    const h = createHarness();
    const server = await h.server();
    const ana = await h.login(server, 'ana');
    const chat = await h.client(server, ana).rest.createChat('Team', []);
    const counting = countingWebSocket();
    let tokenCalls = 0;
    const c = h.client(server, ana, {
      WebSocket: counting.WebSocket,
      getToken: () => {
        tokenCalls += 1;
        return 'not-a-token';
      },
    });
    const errors = errorsOf(c);
    c.joinChat(chat.id);
    c.connectPersonal();
    // The server accepts the upgrade and then closes with 4001: stop waiting once both gave up, or once it is a storm.
    await waitFor(() => {
      const gaveUp = c.getConnection(chat.id)?.status === 'unauthorized' && c.getConnection('personal')?.status === 'unauthorized';
      expect(gaveUp || counting.opened.length > 20).toBe(true);
    });
    await sleep(300);
    // One socket and one renewal per connection, then nothing.
    expect(counting.opened, 'sockets opened').toHaveLength(4);
    expect(tokenCalls).toBe(4);
    expect(c.getConnection(chat.id)).toMatchObject({ status: 'unauthorized', closeCode: 4001, error: { code: 'unauthorized' } });
    expect(c.getConnection('personal')).toMatchObject({ status: 'unauthorized', closeCode: 4001 });
    expect(errors.map((e) => e.code)).toEqual(['unauthorized', 'unauthorized']);
  });

  it('closing a socket that is still connecting (destroy, reconnect) throws nothing', async () => {
    const h = createHarness();
    const server = await h.server();
    const ana = await h.login(server, 'ana');
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const counting = countingWebSocket();
      const c = h.client(server, ana, { WebSocket: counting.WebSocket });
      c.connectPersonal();
      await waitFor(() => expect(counting.opened).toHaveLength(1));
      c.reconnect('personal');
      await waitFor(() => expect(counting.opened).toHaveLength(2));
      c.destroy();
      await sleep(100);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
  });
});
