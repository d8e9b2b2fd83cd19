import { describe, expect, it } from 'vitest';
import { NatterError } from 'natter';
import { flushMicrotasks } from 'natter/testing';
import { connected, message } from '../fixtures';
import { RECONNECT_MS, newMessage, setup, waitFor } from '../helpers/client-harness';

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

describe('createChatClient: a token that cannot be had for now', () => {
  // A renewal that fails while offline (createTokenRenewer past expiry: network_error) must not stop the socket for
  // good: it is retried with the backoff, and `online` / `visible` wake it.
  it('a getToken that fails on the network is retried with the backoff, as a dropped socket is', async () => {
    let offline = false;
    const t = setup({
      getToken: () => (offline ? Promise.reject(new NatterError('network_error', 'Could not reach http://chat.test')) : 'tok'),
    });
    const { socket } = await t.open();
    offline = true;
    socket.drop(1006);
    t.clock.advance(RECONNECT_MS);
    await flushMicrotasks();
    expect(t.status()).toBe('reconnecting');
    offline = false;
    t.clock.advance(RECONNECT_MS);
    await flushMicrotasks();
    t.fake.last().accept().receive(connected({ chat_id: 'c1' }));
    expect(t.status()).toBe('open');
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

  // A destroyed channel is held by nobody, so a gap fill that fails after destroy() schedules no retry.
  it('a gap fill that fails after destroy schedules no retry', async () => {
    const t = setup();
    t.history.add(message(1));
    const { socket } = await t.open('c1');
    await t.client.loadHistory('c1');
    t.history.hold();
    socket.receive(newMessage(message(5)));
    await flushMicrotasks();
    t.client.destroy();
    t.history.fail(new TypeError('offline'));
    t.history.release();
    await waitFor(() => expect(t.slice().discontinuous).toBe(true));
    expect(t.clock.pending()).toBe(0);
  });

  it('drops every listener', async () => {
    const t = setup();
    const { socket } = await t.open();
    t.client.destroy();
    socket.receiveRaw('garbage');
    expect(t.errors).toEqual([]);
  });
});
