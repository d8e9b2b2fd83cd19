import { describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  createChatClient,
  NatterError,
  selectChat,
  type ChatClientOptions,
  type ConnectedInfo,
  type Message,
  type ServerFrame,
} from 'natter';
import { createFakeWebSocket, createManualTimers, flushMicrotasks, type FakeSocket } from 'natter/testing';
import { connected, message, user } from './fixtures';
import { createHistoryFetch } from './helpers/stub-fetch';

const ME = user('ana');
const BO = user('bo');
const RECONNECT_MS = 100;

function setup(options: Partial<ChatClientOptions> = {}) {
  const fake = createFakeWebSocket();
  const clock = createManualTimers();
  const history = createHistoryFetch();
  let visible = true;
  const client = createChatClient({
    baseUrl: 'http://chat.test',
    getToken: () => 'tok',
    currentUser: { id: ME.id, username: ME.username },
    WebSocket: fake.WebSocket,
    timers: clock.timers,
    fetch: history.fetch,
    backoff: { jitter: 'none', initialMs: RECONNECT_MS, maxMs: RECONNECT_MS },
    isVisible: () => visible,
    ...options,
  });
  const errors: NatterError[] = [];
  client.on('error', (error) => errors.push(error));
  onTestFinished(() => client.destroy());
  const t = {
    fake,
    clock,
    history,
    client,
    errors,
    setVisible: (value: boolean) => {
      visible = value;
    },
    slice: (chatId = 'c1') => selectChat(client.store.getState(), chatId),
    status: (key = 'c1') => client.getConnection(key)?.status,
    /** Joins `chatId`, completes the handshake and delivers `connected`. */
    async open(chatId = 'c1', connectedData: Partial<ConnectedInfo> = {}) {
      const release = client.joinChat(chatId);
      await flushMicrotasks();
      const socket = fake.last().accept().receive(connected({ chat_id: chatId, ...connectedData }));
      return { socket, release };
    },
    /** Drops `socket` (1006), lets the backoff run out and returns the next socket, not yet accepted. */
    async drop(socket: FakeSocket, code = 1006): Promise<FakeSocket> {
      socket.drop(code);
      clock.advance(RECONNECT_MS);
      await flushMicrotasks();
      const next = fake.last();
      expect(next).not.toBe(socket);
      return next;
    },
  };
  return t;
}

const newMessage = (data: Message): ServerFrame => ({ type: 'new_message', data });
/** The server's copy of one of my messages, echoing its client id. */
const mine = (seq: number, clientId: string, content: string) => message(seq, { sender: ME, client_id: clientId, content });
const contents = (socket: FakeSocket) => socket.sentOfType('send_message').map((frame) => frame.data.content);
const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 2000, interval: 5 });

describe('createChatClient: sockets', () => {
  it('opens no socket when created', async () => {
    const t = setup();
    await flushMicrotasks();
    expect(t.fake.sockets).toHaveLength(0);
    expect(t.client.store.getState().connections).toEqual({});
  });

  it('joinChat opens one socket per chat, at /api/v1/ws/chat/{chatId}?token=…', async () => {
    const t = setup();
    t.client.joinChat('c1');
    t.client.joinChat('c2');
    await flushMicrotasks();
    expect(t.fake.sockets.map((s) => s.url)).toEqual([
      'ws://chat.test/api/v1/ws/chat/c1?token=tok',
      'ws://chat.test/api/v1/ws/chat/c2?token=tok',
    ]);
    expect(t.status('c1')).toBe('connecting');
    t.fake.sockets[0]!.accept();
    // The socket is up, but the connection is open only once the server has confirmed it.
    expect(t.status('c1')).toBe('connecting');
    t.fake.sockets[0]!.receive(connected({ chat_id: 'c1' }));
    expect(t.status('c1')).toBe('open');
    expect(t.status('c2')).toBe('connecting');
  });

  it('the personal socket is /api/v1/ws/{userId}?token=…', async () => {
    const t = setup();
    t.client.connectPersonal();
    await flushMicrotasks();
    expect(t.fake.last().url).toBe('ws://chat.test/api/v1/ws/ana?token=tok');
    expect(t.status('personal')).toBe('connecting');
  });

  it('derives wsUrl from baseUrl (https → wss, trailing slash dropped), or uses the one given', async () => {
    const secure = setup({ baseUrl: 'https://chat.example.com/' });
    secure.client.joinChat('c1');
    await flushMicrotasks();
    expect(secure.fake.last().url).toBe('wss://chat.example.com/api/v1/ws/chat/c1?token=tok');

    const explicit = setup({ baseUrl: 'http://api.test', wsUrl: 'ws://sockets.test:9000' });
    explicit.client.connectPersonal();
    await flushMicrotasks();
    expect(explicit.fake.last().url).toBe('ws://sockets.test:9000/api/v1/ws/ana?token=tok');
  });

  it('encodes the token and the chat id in the URL', async () => {
    const t = setup({ getToken: async () => 'a b&c=d' });
    t.client.joinChat('chat/1?x');
    await flushMicrotasks();
    const url = new URL(t.fake.last().url);
    expect(url.pathname).toBe('/api/v1/ws/chat/chat%2F1%3Fx');
    expect(t.fake.last().token).toBe('a b&c=d');
  });

  it('two joins share one socket; it closes only after both release, and only after the linger', async () => {
    const t = setup();
    const releaseA = t.client.joinChat('c1');
    const releaseB = t.client.joinChat('c1');
    await flushMicrotasks();
    const socket = t.fake.last().accept().receive(connected({ chat_id: 'c1' }));
    expect(t.fake.sockets).toHaveLength(1);
    releaseA();
    releaseA(); // a release is idempotent: it must not release B's hold
    t.clock.advance(1000);
    expect(socket.closedWith).toBeNull();
    releaseB();
    t.clock.advance(49);
    expect(socket.closedWith).toBeNull();
    expect(t.status()).toBe('open');
    t.clock.advance(1);
    expect(socket.closedWith?.code).toBe(1000);
    expect(t.status()).toBe('closed');
    expect(t.fake.sockets).toHaveLength(1);
  });

  it('release → join within the linger (StrictMode mount/unmount/mount) keeps exactly one socket', async () => {
    const t = setup();
    // Before the socket even exists…
    t.client.joinChat('c1')();
    const release = t.client.joinChat('c1');
    await flushMicrotasks();
    const socket = t.fake.last().accept().receive(connected());
    // …and again once it is open.
    release();
    t.clock.advance(30);
    const releaseAgain = t.client.joinChat('c1');
    t.clock.advance(10_000);
    await flushMicrotasks();
    expect(t.fake.sockets).toHaveLength(1);
    expect(socket.closedWith).toBeNull();
    expect(t.status()).toBe('open');
    releaseAgain();
    t.clock.advance(50);
    expect(socket.closedWith?.code).toBe(1000);
  });

  it('joining after the linger closed the socket opens a new one', async () => {
    const t = setup();
    const { socket, release } = await t.open();
    release();
    t.clock.advance(50);
    expect(socket.closedWith).not.toBeNull();
    t.client.joinChat('c1');
    await flushMicrotasks();
    expect(t.fake.sockets).toHaveLength(2);
    expect(t.status()).toBe('connecting');
  });

  it('reconnects after a drop, with the backoff on the injected timers', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.drop(1006);
    expect(t.status()).toBe('reconnecting');
    t.clock.advance(RECONNECT_MS - 1);
    await flushMicrotasks();
    expect(t.fake.sockets).toHaveLength(1);
    t.clock.advance(1);
    await flushMicrotasks();
    expect(t.fake.sockets).toHaveLength(2);
    t.fake.last().accept().receive(connected({ chat_id: 'c1' }));
    expect(t.status()).toBe('open');
  });

  it('reconnect(chatId) replaces the socket at once', async () => {
    const t = setup();
    const { socket } = await t.open();
    t.client.reconnect('c1');
    await flushMicrotasks();
    expect(socket.closedWith?.code).toBe(1000);
    expect(t.fake.sockets).toHaveLength(2);
  });
});

describe('createChatClient: optimistic sending', () => {
  it('shows the message as pending at once, sends it with that client id, and turns it sent in place', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    const clientId = t.client.sendMessage('c1', 'Hello');
    expect(t.slice().messages).toHaveLength(2);
    expect(t.slice().messages[1]).toMatchObject({
      key: clientId,
      client_id: clientId,
      status: 'pending',
      id: null,
      seq: null,
      content: 'Hello',
      chat_id: 'c1',
      sender_id: ME.id,
      parent_message_id: null,
      error: null,
    });
    expect(socket.sentOfType('send_message')).toEqual([
      { type: 'send_message', data: { content: 'Hello', message_type: 'text', parent_message_id: null, client_id: clientId } },
    ]);

    socket.receive(newMessage(mine(2, clientId, 'Hello')));
    expect(t.slice().messages.map((m) => [m.key, m.status, m.id, m.seq])).toEqual([
      ['m1', 'sent', 'm1', 1],
      [clientId, 'sent', 'm2', 2],
    ]);
    expect(t.slice().lastSeq).toBe(2);
  });

  it('sends parent_message_id for a reply', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'Re', { parentMessageId: 'm1' });
    expect(socket.sentOfType('send_message')[0]!.data).toMatchObject({ parent_message_id: 'm1', client_id: clientId });
    expect(t.slice().messages[0]).toMatchObject({ parent_message_id: 'm1', status: 'pending' });
  });

  it('someone else’s message with my client id does not confirm my pending one', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'mine');
    socket.receive(newMessage(message(1, { client_id: clientId, content: 'theirs' })));
    expect(t.slice().messages.map((m) => [m.content, m.status])).toEqual([
      ['theirs', 'sent'],
      ['mine', 'pending'],
    ]);
  });

  it('a message sent while the socket is down is sent once it opens, after `connected`', async () => {
    const t = setup();
    t.client.joinChat('c1');
    await flushMicrotasks();
    const clientId = t.client.sendMessage('c1', 'early');
    expect(t.slice().messages[0]).toMatchObject({ key: clientId, status: 'pending' });
    const socket = t.fake.last().accept();
    expect(contents(socket)).toEqual([]);
    socket.receive(connected());
    expect(contents(socket)).toEqual(['early']);
  });

  it('frames queued while down and frames sent between open and `connected` go out once each, in the order sent', async () => {
    const t = setup();
    t.client.joinChat('c1');
    await flushMicrotasks();
    t.client.sendMessage('c1', 'one');
    t.client.sendMessage('c1', 'two');
    const socket = t.fake.last().accept();
    // The protocol allows sending before `connected` arrives.
    t.client.sendMessage('c1', 'three');
    socket.receive(connected());
    expect(contents(socket)).toEqual(['one', 'two', 'three']);
  });

  it('sending to a chat nobody joined opens its socket, and it closes once the message is acknowledged', async () => {
    const t = setup();
    const clientId = t.client.sendMessage('c1', 'drive-by');
    await flushMicrotasks();
    const socket = t.fake.last().accept().receive(connected());
    expect(contents(socket)).toEqual(['drive-by']);
    t.clock.advance(1000);
    expect(socket.closedWith).toBeNull();
    socket.receive(newMessage(mine(1, clientId, 'drive-by')));
    t.clock.advance(50);
    expect(socket.closedWith?.code).toBe(1000);
    expect(t.slice().messages[0]).toMatchObject({ status: 'sent', seq: 1 });
  });

  it('an unacknowledged message keeps a released chat open until acknowledged', async () => {
    const t = setup();
    const { socket, release } = await t.open();
    const clientId = t.client.sendMessage('c1', 'hold on');
    release();
    t.clock.advance(1000);
    expect(socket.closedWith).toBeNull();
    socket.receive(newMessage(mine(1, clientId, 'hold on')));
    t.clock.advance(50);
    expect(socket.closedWith?.code).toBe(1000);
  });

  it('after a drop, unacknowledged frames are resent in order, once per connect; acknowledged ones are not', async () => {
    const t = setup();
    const { socket } = await t.open();
    const a = t.client.sendMessage('c1', 'a');
    t.client.sendMessage('c1', 'b');
    t.client.sendMessage('c1', 'c');
    socket.receive(newMessage(mine(1, a, 'a')));

    const second = await t.drop(socket);
    t.client.sendMessage('c1', 'd'); // while reconnecting
    second.accept();
    expect(contents(second)).toEqual([]);
    second.receive(connected({ last_seq: 1 }));
    expect(contents(second)).toEqual(['b', 'c', 'd']);

    // Dropped again before any acknowledgement: the same frames once more, once.
    const third = await t.drop(second);
    third.accept().receive(connected({ last_seq: 1 }));
    expect(contents(third)).toEqual(['b', 'c', 'd']);
    const sent = third.sentOfType('send_message').map((frame) => frame.data.client_id!);
    // The server acknowledges (client_id idempotency makes the resends safe).
    third.receive(newMessage(mine(2, sent[0]!, 'b')));
    third.receive(newMessage(mine(3, sent[1]!, 'c')));
    third.receive(newMessage(mine(4, sent[2]!, 'd')));

    const fourth = await t.drop(third);
    fourth.accept().receive(connected({ last_seq: 4 }));
    expect(contents(fourth)).toEqual([]);
    expect(t.slice().messages.map((m) => [m.content, m.status, m.seq])).toEqual([
      ['a', 'sent', 1],
      ['b', 'sent', 2],
      ['c', 'sent', 3],
      ['d', 'sent', 4],
    ]);
  });

  it('keeps the same client id across resends', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'x');
    const next = await t.drop(socket);
    next.accept().receive(connected());
    expect(next.sentOfType('send_message').map((f) => f.data.client_id)).toEqual([clientId]);
  });
});

describe('createChatClient: refused sends', () => {
  const refuse = (clientId: string, code: string, extra: Record<string, unknown> = {}): ServerFrame =>
    ({
      type: 'error',
      data: { code, message: `refused: ${code}`, frame_type: 'send_message', client_id: clientId, ...extra },
    }) as ServerFrame;

  it('an error frame with the client id marks that message failed with a NatterError of that code, and emits it', async () => {
    const t = setup();
    const { socket } = await t.open();
    const other = t.client.sendMessage('c1', 'fine');
    const clientId = t.client.sendMessage('c1', 'nope');
    socket.receive(refuse(clientId, 'forbidden'));
    const failed = t.slice().messages.find((m) => m.key === clientId)!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toBeInstanceOf(NatterError);
    expect(failed.error).toMatchObject({ code: 'forbidden', message: 'refused: forbidden', details: { chatId: 'c1', clientId } });
    expect(t.slice().messages.find((m) => m.key === other)!.status).toBe('pending');
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toBeInstanceOf(NatterError);
    expect(t.errors[0]).toMatchObject({ code: 'forbidden', details: { clientId } });

    // A failed message is not resent on reconnect; the pending one is.
    const next = await t.drop(socket);
    next.accept().receive(connected());
    expect(contents(next)).toEqual(['fine']);
  });

  it('retry() makes a failed message pending and sends it again with the same client id', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'again');
    socket.receive(refuse(clientId, 'internal_error'));
    expect(t.slice().messages[0]!.status).toBe('failed');
    expect(t.client.retry('c1', clientId)).toBe(true);
    expect(t.slice().messages[0]).toMatchObject({ key: clientId, status: 'pending', error: null });
    expect(socket.sentOfType('send_message').map((f) => f.data.client_id)).toEqual([clientId, clientId]);
    socket.receive(newMessage(mine(1, clientId, 'again')));
    expect(t.slice().messages).toHaveLength(1);
    expect(t.slice().messages[0]).toMatchObject({ key: clientId, status: 'sent', seq: 1 });
    // Nothing left to retry.
    expect(t.client.retry('c1', clientId)).toBe(false);
  });

  it('retry() of a message that is not failed returns false and sends nothing', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'pending');
    expect(t.client.retry('c1', clientId)).toBe(false);
    expect(t.client.retry('c1', 'no-such-id')).toBe(false);
    expect(contents(socket)).toEqual(['pending']);
  });

  it('rate_limited keeps the message pending and resends that frame after retry_after_ms', async () => {
    const t = setup();
    const { socket } = await t.open();
    const first = t.client.sendMessage('c1', 'first');
    const limited = t.client.sendMessage('c1', 'limited');
    socket.receive(refuse(limited, 'rate_limited', { retry_after_ms: 120 }));
    expect(t.slice().messages.find((m) => m.key === limited)).toMatchObject({ status: 'pending', error: null });
    expect(t.errors.map((e) => e.code)).toEqual(['rate_limited']);
    t.clock.advance(119);
    expect(contents(socket)).toEqual(['first', 'limited']);
    t.clock.advance(1);
    expect(contents(socket)).toEqual(['first', 'limited', 'limited']);
    expect(socket.sent.at(-1)).toEqual({
      type: 'send_message',
      data: { content: 'limited', message_type: 'text', parent_message_id: null, client_id: limited },
    });
    t.clock.advance(10_000);
    expect(contents(socket)).toHaveLength(3);
    socket.receive(newMessage(mine(1, first, 'first')));
    socket.receive(newMessage(mine(2, limited, 'limited')));
    expect(t.slice().messages.map((m) => [m.content, m.status])).toEqual([
      ['first', 'sent'],
      ['limited', 'sent'],
    ]);
  });

  it('a rate-limited frame is sent once per connect even when a reconnect comes before retry_after_ms', async () => {
    const t = setup();
    const { socket } = await t.open();
    const limited = t.client.sendMessage('c1', 'limited');
    socket.receive(refuse(limited, 'rate_limited', { retry_after_ms: 5000 }));
    const next = await t.drop(socket);
    next.accept();
    next.receive(connected());
    expect(contents(next)).toEqual(['limited']);
    t.clock.advance(10_000);
    expect(contents(next)).toEqual(['limited']);
    expect(contents(socket)).toEqual(['limited']);
  });

  it('an error frame without a client id only emits the error', async () => {
    const t = setup();
    const { socket } = await t.open();
    t.client.sendMessage('c1', 'untouched');
    const before = t.client.store.getState();
    socket.receive({ type: 'error', data: { code: 'invalid_frame', message: 'bad', frame_type: 'typing_indicator', client_id: null } });
    expect(t.client.store.getState()).toBe(before);
    expect(t.errors.map((e) => e.code)).toEqual(['invalid_frame']);
  });

  it('an error for an already acknowledged client id changes nothing', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'done');
    socket.receive(newMessage(mine(1, clientId, 'done')));
    socket.receive(refuse(clientId, 'forbidden'));
    expect(t.slice().messages[0]!.status).toBe('sent');
  });
});

describe('createChatClient: client-side rate limit', () => {
  it('sends no faster than the server allows (from connected), in order, losing nothing', async () => {
    const t = setup();
    const { socket } = await t.open('c1', { limits: { max_content_bytes: 16384, max_frame_bytes: 65536, rate_limit: { burst: 3, refill_per_second: 10 } } });
    for (let i = 1; i <= 8; i += 1) t.client.sendMessage('c1', `m${i}`);
    expect(contents(socket)).toEqual(['m1', 'm2', 'm3']);
    t.clock.advance(100);
    expect(contents(socket)).toEqual(['m1', 'm2', 'm3', 'm4']);
    t.clock.advance(400);
    expect(contents(socket)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8']);
  });

  it('queues read receipts behind the limit too, and sends each once', async () => {
    const t = setup();
    const { socket } = await t.open('c1', { limits: { max_content_bytes: 16384, max_frame_bytes: 65536, rate_limit: { burst: 2, refill_per_second: 10 } } });
    for (let seq = 1; seq <= 5; seq += 1) socket.receive(newMessage(message(seq)));
    for (let seq = 1; seq <= 5; seq += 1) t.client.markRead('c1', `m${seq}`);
    expect(socket.sentOfType('read_receipt')).toHaveLength(2);
    t.clock.advance(300);
    expect(socket.sentOfType('read_receipt').map((f) => f.data.message_id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });
});

describe('createChatClient: delivered', () => {
  const delivered = (seq: number): ServerFrame => ({ type: 'delivered', data: { chat_id: 'c1', seq, user_ids: ['bo'] } });

  it('a delivered frame turns my sent messages up to its seq delivered, never a read one, never others\'', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(mine(1, 'a', 'one')));
    socket.receive(newMessage(mine(2, 'b', 'two')));
    socket.receive(newMessage(message(3)));
    socket.receive(newMessage(mine(4, 'c', 'four')));
    socket.receive({ type: 'read_receipt', data: { message_id: 'm1', user_id: 'bo', chat_id: 'c1', seq: 1, read_at: '' } });
    socket.receive(delivered(3));
    expect(t.slice().messages.map((m) => m.status)).toEqual(['read', 'delivered', 'sent', 'sent']);
    const before = t.slice();
    socket.receive(delivered(2));
    expect(t.slice()).toBe(before);
  });

  it('the connected frame\'s delivered_seq marks history, and later confirmations below it arrive delivered', async () => {
    const t = setup();
    const { socket } = await t.open('c1', { delivered_seq: 5 });
    socket.receive(newMessage(mine(5, 'x', 'was delivered')));
    socket.receive(newMessage(mine(6, 'y', 'not yet')));
    expect(t.slice().messages.map((m) => m.status)).toEqual(['delivered', 'sent']);
  });
});

describe('createChatClient: send timeout and discard', () => {
  it('a message unanswered for 30 s on a live socket fails with timeout; retry sends it again', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'hello?');
    t.clock.advance(29_999);
    expect(t.slice().messages[0]!.status).toBe('pending');
    t.clock.advance(1);
    expect(t.slice().messages[0]).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
    expect(t.errors.map((e) => e.code)).toEqual(['timeout']);
    expect(t.client.retry('c1', clientId)).toBe(true);
    expect(contents(socket)).toEqual(['hello?', 'hello?']);
    socket.receive(newMessage(mine(1, clientId, 'hello?')));
    expect(t.slice().messages[0]).toMatchObject({ status: 'sent', seq: 1 });
  });

  it('time spent disconnected does not count: a queued message waits and is resent', async () => {
    const t = setup({ sendTimeoutMs: 1000 });
    const { socket } = await t.open();
    t.client.sendMessage('c1', 'patience');
    t.clock.advance(500);
    socket.drop(1006);
    t.clock.advance(60_000);
    await flushMicrotasks();
    expect(t.slice().messages[0]!.status).toBe('pending');
    const next = t.fake.last();
    next.accept().receive(connected({ chat_id: 'c1' }));
    expect(contents(next)).toEqual(['patience']);
    t.clock.advance(999);
    expect(t.slice().messages[0]!.status).toBe('pending');
  });

  it('discard drops a pending or failed message from the chat and never sends it again', async () => {
    const t = setup();
    const { socket } = await t.open();
    const failed = t.client.sendMessage('c1', 'will fail');
    socket.receive({ type: 'error', data: { code: 'forbidden', message: 'no', frame_type: 'send_message', client_id: failed } });
    const pending = t.client.sendMessage('c1', 'never mind');
    expect(t.client.discard('c1', failed)).toBe(true);
    expect(t.client.discard('c1', pending)).toBe(true);
    expect(t.client.discard('c1', 'unknown')).toBe(false);
    expect(t.slice().messages).toEqual([]);
    const next = await t.drop(socket);
    next.accept().receive(connected({ chat_id: 'c1' }));
    expect(contents(next)).toEqual([]);
  });
});

describe('createChatClient: content checks', () => {
  it.each(['', ' ', '  \n\t ', '\u00a0\u2003'])('content %j throws invalid_argument, and nothing is queued', async (content) => {
    const t = setup();
    const { socket } = await t.open();
    let thrown: unknown;
    try {
      t.client.sendMessage('c1', content);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NatterError);
    expect(thrown).toMatchObject({ code: 'invalid_argument' });
    expect(t.slice().messages).toEqual([]);
    expect(socket.sent).toEqual([]);
  });

  it('counts UTF-8 bytes, not characters: 16 KiB passes, one byte more throws payload_too_large', async () => {
    const t = setup();
    await t.open();
    expect(() => t.client.sendMessage('c1', 'a'.repeat(16 * 1024))).not.toThrow();
    expect(() => t.client.sendMessage('c1', 'a'.repeat(16 * 1024 + 1))).toThrow(expect.objectContaining({ code: 'payload_too_large' }));
    // 'é' is 2 bytes: 8192 of them are exactly 16 KiB; 8193 (far fewer than 16384 characters) are too many.
    expect(() => t.client.sendMessage('c1', 'é'.repeat(8192))).not.toThrow();
    expect(() => t.client.sendMessage('c1', 'é'.repeat(8193))).toThrow(expect.objectContaining({ code: 'payload_too_large' }));
    // '😀' is 4 bytes (2 UTF-16 units).
    expect(() => t.client.sendMessage('c1', '😀'.repeat(4097))).toThrow(NatterError);
    expect(t.slice().messages).toHaveLength(2);
  });

  it('a connected frame with a smaller max_content_bytes lowers the limit', async () => {
    const t = setup();
    await t.open('c1', { limits: { max_content_bytes: 100, max_frame_bytes: 65536, rate_limit: { burst: 30, refill_per_second: 10 } } });
    expect(() => t.client.sendMessage('c1', 'x'.repeat(100))).not.toThrow();
    expect(() => t.client.sendMessage('c1', 'x'.repeat(101))).toThrow(expect.objectContaining({ code: 'payload_too_large' }));
    expect(() => t.client.sendMessage('c1', 'é'.repeat(51))).toThrow(expect.objectContaining({ code: 'payload_too_large' }));
  });

  it('direct messages are checked too', () => {
    const t = setup();
    expect(() => t.client.sendDirectMessage('bo', '   ')).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => t.client.sendDirectMessage('bo', 'é'.repeat(8193))).toThrow(expect.objectContaining({ code: 'payload_too_large' }));
  });
});

describe('createChatClient: incoming messages and gaps', () => {
  it('out-of-order and duplicated frames land once each, in seq order', async () => {
    const t = setup();
    t.history.add(message(1), message(2), message(3), message(4));
    const { socket } = await t.open();
    for (const seq of [2, 1, 2, 4, 3, 1, 4]) socket.receive(newMessage(message(seq)));
    await waitFor(() => expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]));
    expect(t.slice().messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(t.slice().lastSeq).toBe(4);
  });

  it('keeps every field of an incoming message', async () => {
    const t = setup();
    const { socket } = await t.open();
    const incoming = message(1, { sender: BO, parent_message_id: 'm0', content: '<b>plain</b>' });
    socket.receive(newMessage(incoming));
    expect(t.slice().messages[0]).toEqual({ ...incoming, key: 'm1', status: 'sent', error: null });
  });

  it('a seq jump (have 3, receive 6) fetches ?after=3 and merges 4 and 5', async () => {
    const t = setup();
    t.history.add(...[1, 2, 3, 4, 5, 6].map((seq) => message(seq)));
    const { socket } = await t.open();
    for (const seq of [1, 2, 3]) socket.receive(newMessage(message(seq)));
    await flushMicrotasks();
    expect(t.history.requests).toHaveLength(0);
    socket.receive(newMessage(message(6)));
    await waitFor(() => expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]));
    expect(t.history.historyQueries()).toEqual([{ after: '3', limit: '200' }]);
    expect(t.history.requests[0]!.authorization).toBe('Bearer tok');
    expect(t.history.requests[0]!.url.origin).toBe('http://chat.test');
  });

  it('a gap fill pages until has_more is false', async () => {
    const t = setup();
    const all = Array.from({ length: 450 }, (_, i) => message(i + 1));
    t.history.add(...all);
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    socket.receive(newMessage(message(450)));
    await waitFor(() => expect(t.slice().messages).toHaveLength(450));
    expect(t.slice().messages.map((m) => m.seq)).toEqual(all.map((m) => m.seq));
    expect(t.history.historyQueries().map((q) => q.after)).toEqual(['1', '201', '401']);
  });

  it('a connected frame with last_seq above what the store holds (history loaded) fills the gap', async () => {
    const t = setup();
    t.history.add(message(1), message(2), message(3));
    const { socket } = await t.open('c1', { last_seq: 3 });
    await t.client.loadHistory('c1');
    expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    t.history.add(message(4), message(5));

    const next = await t.drop(socket);
    next.accept().receive(connected({ last_seq: 5 }));
    await waitFor(() => expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]));
    expect(t.history.historyQueries().at(-1)).toEqual({ after: '3', limit: '200' });
  });

  it('a connected frame with last_seq equal to what the store holds fetches nothing', async () => {
    const t = setup();
    t.history.add(message(1), message(2));
    const { socket } = await t.open('c1', { last_seq: 2 });
    await t.client.loadHistory('c1');
    const requests = t.history.requests.length;
    const next = await t.drop(socket);
    next.accept().receive(connected({ last_seq: 2 }));
    await flushMicrotasks();
    expect(t.history.requests).toHaveLength(requests);
  });

  it('a failed gap fill marks the chat discontinuous and tells the app; the next connect fills the hole', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    t.history.fail(new TypeError('fetch failed'));
    socket.receive(newMessage(message(3)));
    await waitFor(() => expect(t.errors.map((e) => e.code)).toEqual(['gap_unfilled']));
    expect(t.errors[0]!.details.cause).toBeDefined();
    expect(t.slice()).toMatchObject({ discontinuous: true });
    expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 3]);
    socket.receive(newMessage(message(4)));
    expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 3, 4]);
    t.history.fail(null);
    t.history.add(message(1), message(2), message(3), message(4));
    const next = await t.drop(socket);
    next.accept().receive(connected({ chat_id: 'c1', last_seq: 4 }));
    await waitFor(() => expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]));
    expect(t.slice().discontinuous).toBe(false);
  });

  it('a failed fill is retried while the socket stays up, without waiting for a reconnect', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    t.history.fail(new TypeError('fetch failed'));
    socket.receive(newMessage(message(3)));
    await waitFor(() => expect(t.slice().discontinuous).toBe(true));
    t.history.fail(null);
    t.history.add(message(1), message(2), message(3));
    t.clock.advance(RECONNECT_MS);
    await waitFor(() => expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3]));
    expect(t.slice().discontinuous).toBe(false);
    expect(t.fake.sockets).toHaveLength(1);
  });

  it('a later jump fills from the first hole, not from above it', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    t.history.fail(new TypeError('fetch failed'));
    socket.receive(newMessage(message(3)));
    await waitFor(() => expect(t.slice().discontinuous).toBe(true));
    t.history.fail(null);
    t.history.add(message(1), message(2), message(3), message(4), message(5));
    socket.receive(newMessage(message(5)));
    await waitFor(() => expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]));
    expect(t.slice().discontinuous).toBe(false);
  });

  it('a hole the server cannot fill either stays marked discontinuous', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    t.history.add(message(1), message(3));
    socket.receive(newMessage(message(3)));
    await waitFor(() => expect(t.errors.map((e) => e.code)).toEqual(['gap_unfilled']));
    expect(t.slice()).toMatchObject({ discontinuous: true });
  });

  it('loadHistory and loadOlder page older messages in, with their receipts', async () => {
    const t = setup();
    t.history.add(...[1, 2, 3, 4, 5, 6, 7].map((seq) => message(seq, seq === 6 ? { sender: ME } : {})));
    t.history.read('m6', 'bo');
    const page = await t.client.loadHistory('c1', { limit: 3 });
    expect(page.messages.map((m) => m.seq)).toEqual([5, 6, 7]);
    expect(t.slice().messages.map((m) => m.seq)).toEqual([5, 6, 7]);
    expect(t.slice().hasOlder).toBe(true);
    expect(t.slice().readBy).toEqual({ m6: ['bo'] });
    expect(t.slice().messages.find((m) => m.id === 'm6')!.status).toBe('read');

    await t.client.loadOlder('c1', 3);
    expect(t.history.historyQueries().at(-1)).toEqual({ before: '5', limit: '3' });
    expect(t.slice().messages.map((m) => m.seq)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(t.slice().hasOlder).toBe(true);
    await t.client.loadOlder('c1', 3);
    expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(t.slice().hasOlder).toBe(false);
  });

  it('a frame that changes nothing leaves the store state identical and notifies no one', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    socket.receive(newMessage(message(2)));
    const before = t.client.store.getState();
    const listener = vi.fn();
    t.client.store.subscribe(listener);
    socket.receive(newMessage(message(2)));
    socket.receive(newMessage(message(1)));
    socket.receive({ type: 'typing_indicator', data: { user_id: 'bo', is_typing: false, chat_id: 'c1', username: 'bo' } });
    socket.receive({ type: 'pong', data: { ts: 1, server_time: 'now' } });
    socket.receive({ type: 'presence', data: { user_id: 'bo' } });
    expect(t.client.store.getState()).toBe(before);
    expect(listener).not.toHaveBeenCalled();
  });

  it('a changing frame replaces only the chat it touches', async () => {
    const t = setup();
    const c1 = await t.open('c1');
    const c2 = await t.open('c2');
    c1.socket.receive(newMessage(message(1)));
    c2.socket.receive(newMessage(message(1, { chat_id: 'c2' })));
    const before = t.client.store.getState();
    c1.socket.receive(newMessage(message(2)));
    const after = t.client.store.getState();
    expect(after).not.toBe(before);
    expect(after.chats.c2).toBe(before.chats.c2);
    expect(after.connections).toBe(before.connections);
  });
});

describe('createChatClient: typing', () => {
  const typing = (userId: string, isTyping: boolean): ServerFrame => ({
    type: 'typing_indicator',
    data: { user_id: userId, is_typing: isTyping, chat_id: 'c1', username: `${userId}-name` },
  });

  it('someone typing shows in slice.typing and expires after 5 s without a refresh', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(typing('bo', true));
    expect(t.slice().typing).toEqual([{ user_id: 'bo', username: 'bo-name', expiresAt: 5000 }]);
    t.clock.advance(4999);
    expect(t.slice().typing.map((u) => u.user_id)).toEqual(['bo']);
    t.clock.advance(2);
    expect(t.slice().typing).toEqual([]);
  });

  it('a refresh extends the expiry', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(typing('bo', true));
    t.clock.advance(3000);
    socket.receive(typing('bo', true));
    t.clock.advance(3000); // 6000: past the first expiry, not the second
    expect(t.slice().typing.map((u) => u.user_id)).toEqual(['bo']);
    t.clock.advance(2001);
    expect(t.slice().typing).toEqual([]);
  });

  it('a reconnect forgets who was typing (their "false" may have been missed)', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(typing('bo', true));
    const next = await t.drop(socket);
    expect(t.slice().typing).toHaveLength(1);
    next.accept().receive(connected({ chat_id: 'c1' }));
    expect(t.slice().typing).toEqual([]);
  });

  it('setTyping says whether the indicator went out', async () => {
    const t = setup();
    expect(t.client.setTyping('c1', true)).toBe(false);
    t.client.joinChat('c1');
    await flushMicrotasks();
    expect(t.client.setTyping('c1', true)).toBe(false);
    t.fake.last().accept().receive(connected({ chat_id: 'c1' }));
    expect(t.client.setTyping('c1', true)).toBe(true);
    t.setVisible(false);
    expect(t.client.setTyping('c1', true)).toBe(false);
  });

  it('typingTtlMs is configurable', async () => {
    const t = setup({ typingTtlMs: 1000 });
    const { socket } = await t.open();
    socket.receive(typing('bo', true));
    t.clock.advance(999);
    expect(t.slice().typing).toHaveLength(1);
    t.clock.advance(2);
    expect(t.slice().typing).toHaveLength(0);
  });

  it('is_typing:false removes the user at once; others stay', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(typing('bo', true));
    socket.receive(typing('cy', true));
    socket.receive(typing('bo', false));
    expect(t.slice().typing.map((u) => u.user_id)).toEqual(['cy']);
  });

  it('my own typing is ignored', async () => {
    const t = setup();
    const { socket } = await t.open();
    const before = t.client.store.getState();
    socket.receive(typing(ME.id, true));
    expect(t.client.store.getState()).toBe(before);
    expect(t.slice().typing).toEqual([]);
  });

  it('a new message from someone typing removes them', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(typing('bo', true));
    socket.receive(typing('cy', true));
    socket.receive(newMessage(message(1, { sender: BO })));
    expect(t.slice().typing.map((u) => u.user_id)).toEqual(['cy']);
  });

  it('setTyping sends typing_indicator only while the socket is open and the page visible', async () => {
    const t = setup();
    t.client.setTyping('c1', true); // no socket at all: dropped, and none opened
    await flushMicrotasks();
    expect(t.fake.sockets).toHaveLength(0);
    t.client.joinChat('c1');
    await flushMicrotasks();
    t.client.setTyping('c1', true); // connecting: dropped
    const socket = t.fake.last().accept().receive(connected());
    t.client.setTyping('c1', true);
    expect(socket.sentOfType('typing_indicator')).toEqual([{ type: 'typing_indicator', data: { is_typing: true } }]);
    t.setVisible(false);
    t.client.setTyping('c1', true);
    expect(socket.sentOfType('typing_indicator')).toHaveLength(1);
    // Stopping is still announced while hidden.
    t.client.setTyping('c1', false);
    expect(socket.sentOfType('typing_indicator').map((f) => f.data.is_typing)).toEqual([true, false]);
    t.setVisible(true);
    socket.drop(1006);
    t.client.setTyping('c1', true);
    expect(socket.sentOfType('typing_indicator')).toHaveLength(2);
  });
});

describe('createChatClient: read receipts', () => {
  const receipt = (messageId: string, userId: string, seq = 1): ServerFrame => ({
    type: 'read_receipt',
    data: { message_id: messageId, user_id: userId, chat_id: 'c1', seq, read_at: '2026-11-24T09:31:00.000Z' },
  });

  it('markRead sends one read_receipt per message, never for my own', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    socket.receive(newMessage(message(2, { sender: ME })));
    const clientId = t.client.sendMessage('c1', 'pending one');
    t.client.markRead('c1', 'm1');
    t.client.markRead('c1', 'm1');
    t.client.markRead('c1', 'm2');
    t.client.markRead('c1', clientId);
    t.client.markRead('c1', 'm-unknown');
    expect(socket.sentOfType('read_receipt')).toEqual([{ type: 'read_receipt', data: { message_id: 'm1' } }]);
  });

  it('does not send a receipt for a message already read by me (from history)', async () => {
    const t = setup();
    t.history.add(message(1));
    t.history.read('m1', ME.id);
    const { socket } = await t.open();
    await t.client.loadHistory('c1');
    t.client.markRead('c1', 'm1');
    expect(socket.sentOfType('read_receipt')).toEqual([]);
  });

  it('sends nothing while the page is hidden; markRead once visible again does', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    t.setVisible(false);
    t.client.markRead('c1', 'm1');
    expect(socket.sentOfType('read_receipt')).toEqual([]);
    // Reconnecting while hidden does not send it either.
    const next = await t.drop(socket);
    next.accept().receive(connected({ last_seq: 1 }));
    expect(next.sentOfType('read_receipt')).toEqual([]);
    t.setVisible(true);
    t.client.markRead('c1', 'm1');
    expect(next.sentOfType('read_receipt')).toEqual([{ type: 'read_receipt', data: { message_id: 'm1' } }]);
  });

  it('a receipt marked while the socket is down is sent on `connected`, once', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    socket.receive(newMessage(message(2)));
    const next = await t.drop(socket);
    t.client.markRead('c1', 'm1');
    t.client.markRead('c1', 'm2');
    t.client.markRead('c1', 'm1');
    next.accept();
    expect(next.sentOfType('read_receipt')).toEqual([]);
    next.receive(connected({ last_seq: 2 }));
    expect(next.sentOfType('read_receipt').map((f) => f.data.message_id)).toEqual(['m1', 'm2']);
    const third = await t.drop(next);
    third.accept().receive(connected({ last_seq: 2 }));
    expect(third.sentOfType('read_receipt')).toEqual([]);
  });

  it('an incoming read_receipt fills slice.readBy and turns my message read', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'read me');
    socket.receive(newMessage(mine(1, clientId, 'read me')));
    socket.receive(newMessage(message(2)));
    socket.receive(receipt('m1', 'bo'));
    socket.receive(receipt('m2', 'cy', 2));
    expect(t.slice().readBy).toEqual({ m1: ['bo'], m2: ['cy'] });
    expect(t.slice().messages.map((m) => [m.key, m.status])).toEqual([
      [clientId, 'read'],
      ['m2', 'sent'],
    ]);
    const before = t.client.store.getState();
    socket.receive(receipt('m1', 'bo'));
    expect(t.client.store.getState()).toBe(before);
    socket.receive(receipt('m1', 'cy'));
    expect(t.slice().readBy.m1).toEqual(['bo', 'cy']);
  });

  it('my own receipt echoed back records me as a reader without changing the status', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    t.client.markRead('c1', 'm1');
    socket.receive(receipt('m1', ME.id));
    expect(t.slice().readBy).toEqual({ m1: [ME.id] });
    expect(t.slice().messages[0]!.status).toBe('sent');
  });
});

describe('createChatClient: invalid frames', () => {
  it('bad JSON, wrong shapes and binary frames emit protocol_error; the client keeps working', async () => {
    const t = setup();
    const { socket } = await t.open();
    const before = t.client.store.getState();
    socket.receiveRaw('{not json');
    socket.receiveRaw('[1,2,3]');
    socket.receive({ type: 'new_message', data: { ...message(1), seq: 'one' } });
    socket.receive({ type: 'typing_indicator', data: { user_id: 'bo' } });
    socket.receive({ type: 'read_receipt' });
    socket.onmessage?.({ data: new ArrayBuffer(4) });
    expect(t.errors.map((e) => e.code)).toEqual(Array(6).fill('protocol_error'));
    expect(t.errors.every((e) => e instanceof NatterError)).toBe(true);
    expect(t.errors[2]!.message).toContain('data.seq');
    expect(t.client.store.getState()).toBe(before);
    expect(t.status()).toBe('open');

    socket.receive(newMessage(message(1)));
    const clientId = t.client.sendMessage('c1', 'still here');
    expect(t.slice().messages.map((m) => m.key)).toEqual(['m1', clientId]);
    expect(contents(socket)).toEqual(['still here']);
  });

  it('unknown frame types are ignored silently', async () => {
    const t = setup();
    const { socket } = await t.open();
    const before = t.client.store.getState();
    socket.receive({ type: 'reaction_added', data: { message_id: 'm1', emoji: '👍' } });
    socket.receive({ type: 'constructor', data: {} });
    socket.receive({ type: '__proto__' });
    expect(t.errors).toEqual([]);
    expect(t.client.store.getState()).toBe(before);
  });

  it('a listener that throws does not stop the client', async () => {
    const t = setup();
    t.client.on('error', () => {
      throw new Error('listener bug');
    });
    const { socket } = await t.open();
    const swallow = (error: unknown) => {
      if ((error as Error).message !== 'listener bug') throw error;
    };
    process.on('uncaughtException', swallow);
    onTestFinished(() => {
      process.off('uncaughtException', swallow);
    });
    socket.receiveRaw('nope');
    socket.receive(newMessage(message(1)));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(t.errors.map((e) => e.code)).toEqual(['protocol_error']);
    expect(t.slice().messages).toHaveLength(1);
  });
});

describe('createChatClient: personal socket and direct messages', () => {
  const personalConnected = (): ServerFrame => connected({ socket: 'personal', chat_id: null, last_seq: null });
  const direct = (data: Message): ServerFrame => ({ type: 'new_direct_message', data });

  async function openPersonal(t: ReturnType<typeof setup>) {
    const release = t.client.connectPersonal();
    await flushMicrotasks();
    const socket = t.fake.find('/api/v1/ws/ana')!.accept().receive(personalConnected());
    return { socket, release };
  }

  it('sendDirectMessage sends a direct_message frame with a client id, and chat_id only when given', async () => {
    const t = setup();
    const { socket } = await openPersonal(t);
    const first = t.client.sendDirectMessage('bo', 'psst');
    const second = t.client.sendDirectMessage('bo', 'here', { chatId: 'dm-1' });
    expect(socket.sentOfType('direct_message')).toEqual([
      { type: 'direct_message', data: { content: 'psst', message_type: 'text', recipient_id: 'bo', client_id: first } },
      { type: 'direct_message', data: { content: 'here', message_type: 'text', recipient_id: 'bo', client_id: second, chat_id: 'dm-1' } },
    ]);
    expect(first).not.toBe(second);
  });

  it('new_direct_message lands in directMessages once', async () => {
    const t = setup();
    const { socket } = await openPersonal(t);
    const dm = message(1, { chat_id: 'dm-1', sender: BO, content: 'hi ana' });
    socket.receive(direct(dm));
    const before = t.client.store.getState();
    socket.receive(direct(dm));
    expect(t.client.store.getState()).toBe(before);
    expect(t.client.store.getState().directMessages).toEqual([dm]);
    socket.receive(direct(message(2, { chat_id: 'dm-1', sender: BO })));
    expect(t.client.store.getState().directMessages.map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('a direct message sent before the personal socket is up opens it and goes out after `connected`', async () => {
    const t = setup();
    const clientId = t.client.sendDirectMessage('bo', 'early');
    await flushMicrotasks();
    const socket = t.fake.last();
    expect(socket.url).toBe('ws://chat.test/api/v1/ws/ana?token=tok');
    socket.accept();
    expect(socket.sentOfType('direct_message')).toEqual([]);
    socket.receive(personalConnected());
    expect(socket.sentOfType('direct_message').map((f) => f.data.client_id)).toEqual([clientId]);
  });

  it('an unacknowledged direct message is resent after a reconnect; an acknowledged one is not', async () => {
    const t = setup();
    const { socket } = await openPersonal(t);
    const acked = t.client.sendDirectMessage('bo', 'acked');
    const unacked = t.client.sendDirectMessage('bo', 'unacked');
    socket.receive(direct(message(1, { chat_id: 'dm-1', sender: ME, client_id: acked, content: 'acked' })));
    const next = await t.drop(socket);
    next.accept().receive(personalConnected());
    expect(next.sentOfType('direct_message').map((f) => f.data.client_id)).toEqual([unacked]);
  });

  it('a refused direct message emits the error and is not resent', async () => {
    const t = setup();
    const { socket } = await openPersonal(t);
    const clientId = t.client.sendDirectMessage('nobody', 'hello?');
    socket.receive({ type: 'error', data: { code: 'not_found', message: 'User not found', frame_type: 'direct_message', client_id: clientId } });
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toMatchObject({ code: 'not_found', details: { clientId } });
    const next = await t.drop(socket);
    next.accept().receive(personalConnected());
    expect(next.sentOfType('direct_message')).toEqual([]);
  });

  it('a rate_limited direct message is resent after retry_after_ms', async () => {
    const t = setup();
    const { socket } = await openPersonal(t);
    const clientId = t.client.sendDirectMessage('bo', 'slow down');
    socket.receive({
      type: 'error',
      data: { code: 'rate_limited', message: 'wait', frame_type: 'direct_message', client_id: clientId, retry_after_ms: 200 },
    });
    t.clock.advance(199);
    expect(socket.sentOfType('direct_message')).toHaveLength(1);
    t.clock.advance(1);
    expect(socket.sentOfType('direct_message').map((f) => f.data.client_id)).toEqual([clientId, clientId]);
  });
});

describe('createChatClient: destroy', () => {
  it('closes every socket, clears the connections and lets no timer fire afterwards', async () => {
    const t = setup();
    const c1 = await t.open('c1');
    const c2 = await t.open('c2');
    t.client.connectPersonal();
    await flushMicrotasks();
    const personal = t.fake.last().accept();
    // Timers in flight: a typing expiry, a rate-limit resend, a linger and a reconnect backoff.
    c1.socket.receive({ type: 'typing_indicator', data: { user_id: 'bo', is_typing: true, chat_id: 'c1', username: 'bo' } });
    const limited = t.client.sendMessage('c1', 'x');
    c1.socket.receive({ type: 'error', data: { code: 'rate_limited', message: 'wait', frame_type: 'send_message', client_id: limited, retry_after_ms: 500 } });
    c2.release();
    const c3 = await t.open('c3');
    c3.socket.drop(1006);
    expect(t.clock.pending()).toBeGreaterThanOrEqual(4);

    const sockets = [c1.socket, c2.socket, personal];
    t.client.destroy();
    for (const socket of sockets) expect(socket.closedWith?.code).toBe(1000);
    expect(t.client.store.getState().connections).toEqual({});
    expect(t.clock.pending()).toBe(0);
    const count = t.fake.sockets.length;
    const state = t.client.store.getState();
    t.clock.advance(600_000);
    await flushMicrotasks();
    expect(t.fake.sockets).toHaveLength(count);
    expect(t.client.store.getState()).toBe(state);
    expect(c1.socket.sent.filter((f) => f.type === 'send_message')).toHaveLength(1);
  });

  it('drops every listener', async () => {
    const t = setup();
    const { socket } = await t.open();
    t.client.destroy();
    socket.receiveRaw('garbage');
    expect(t.errors).toEqual([]);
  });
});
