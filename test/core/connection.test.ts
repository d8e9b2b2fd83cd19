import { describe, expect, it, vi } from 'vitest';
import { Backoff, Connection, type ConnectionStatus, type NatterError } from 'natter';
import { createTokenRenewer } from 'natter/features';
import { createFakeWebSocket, createManualTimers, flushMicrotasks } from 'natter/testing';
import { connected, user } from './fixtures';


function setup(options: { maxAttempts?: number; tokens?: string[]; getToken?: (refused?: string) => Promise<string> } = {}) {
  const fake = createFakeWebSocket();
  const clock = createManualTimers();
  const tokens = options.tokens ?? ['t1', 't2', 't3', 't4', 't5', 't6'];
  let calls = 0;
  const connection = new Connection({
    url: (token) => `ws://test/api/v1/ws/chat/c1?token=${token}`,
    getToken: options.getToken ?? (async () => tokens[Math.min(calls++, tokens.length - 1)]!),
    createSocket: (url) => new fake.WebSocket(url),
    backoff: new Backoff({ jitter: 'none', maxAttempts: options.maxAttempts }),
    timers: clock.timers,
  });
  const statuses: ConnectionStatus[] = [];
  // Status transitions only: the snapshot also changes for attempts and close codes.
  connection.subscribe(() => {
    const { status } = connection.getSnapshot();
    if (statuses.at(-1) !== status) statuses.push(status);
  });
  const errors: NatterError[] = [];
  connection.on('error', (error) => errors.push(error));
  return { fake, clock, connection, statuses, errors };
}

describe('Connection', () => {
  it('starts idle and opens no socket until open()', async () => {
    const { fake, connection } = setup();
    await flushMicrotasks();
    expect(connection.getSnapshot().status).toBe('idle');
    expect(fake.sockets).toHaveLength(0);
  });

  it('connecting → open, with the token from getToken in the URL', async () => {
    const { fake, connection, statuses } = setup();
    connection.open();
    await flushMicrotasks();
    expect(fake.last().token).toBe('t1');
    fake.last().accept();
    expect(connection.isOpen).toBe(false);
    fake.last().receive(connected());
    expect(statuses).toEqual(['connecting', 'open']);
    expect(connection.isOpen).toBe(true);
  });

  it('open() twice opens one socket', async () => {
    const { fake, connection } = setup();
    connection.open();
    connection.open();
    await flushMicrotasks();
    fake.last().accept();
    connection.open();
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(1);
  });

  it('a drop → reconnecting, retried after the backoff delay with a fresh token', async () => {
    const { fake, clock, connection, statuses } = setup();
    connection.open();
    await flushMicrotasks();
    fake.last().accept().receive(connected()).drop(1006);
    expect(connection.getSnapshot()).toMatchObject({ status: 'reconnecting', attempt: 1, closeCode: 1006 });
    clock.advance(999);
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(1);
    clock.advance(1);
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(2);
    expect(fake.last().token).toBe('t2');
    fake.last().accept();
    expect(connection.getSnapshot()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    fake.last().receive(connected());
    // Open, but its attempts are forgiven only once it has held.
    expect(connection.getSnapshot()).toMatchObject({ status: 'open', attempt: 1 });
    clock.advance(5_000);
    expect(connection.getSnapshot()).toMatchObject({ status: 'open', attempt: 0 });
    expect(statuses).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('backs off exponentially across failed attempts and resets once the connection has held 5 s', async () => {
    const { fake, clock, connection } = setup();
    connection.open();
    await flushMicrotasks();
    const waits: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const before = clock.now();
      fake.last().drop(1006);
      while (fake.sockets.length === i + 1) {
        clock.advance(100);
        await flushMicrotasks();
      }
      waits.push(clock.now() - before);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
    // Accepted and dropped at once: still backing off.
    fake.last().accept().drop(1011);
    expect(connection.getSnapshot().attempt).toBe(5);
    clock.advance(60_000);
    await flushMicrotasks();
    // Greeted and dropped at once (a server that crashes right after `connected`): still backing off.
    fake.last().accept().receive(connected()).drop(1011);
    expect(connection.getSnapshot().attempt).toBe(6);
    clock.advance(60_000);
    await flushMicrotasks();
    fake.last().accept().receive(connected());
    clock.advance(4_999);
    expect(connection.getSnapshot()).toMatchObject({ status: 'open', attempt: 6 });
    clock.advance(1);
    expect(connection.getSnapshot()).toMatchObject({ status: 'open', attempt: 0 });
    fake.last().drop(1001);
    expect(connection.getSnapshot().attempt).toBe(1);
  });

  it('a server that accepts, greets and drops at once is retried ever more slowly, and maxAttempts ends it', async () => {
    const { fake, clock, connection, errors } = setup({ maxAttempts: 5 });
    connection.open();
    await flushMicrotasks();
    const waits: number[] = [];
    for (let cycle = 0; cycle < 8 && connection.getSnapshot().status !== 'failed'; cycle += 1) {
      fake.last().accept().receive(connected()).drop(1011);
      const before = clock.now();
      const count = fake.sockets.length;
      while (fake.sockets.length === count && connection.getSnapshot().status !== 'failed' && clock.now() - before < 60_000) {
        clock.advance(100);
        await flushMicrotasks();
      }
      if (fake.sockets.length > count) waits.push(clock.now() - before);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000]);
    expect(errors.map((e) => e.code)).toEqual(['network_error']);
  });

  it('stops in failed after maxAttempts, until reconnect()', async () => {
    const { fake, clock, connection, errors } = setup({ maxAttempts: 2 });
    connection.open();
    await flushMicrotasks();
    for (let i = 0; i < 3; i += 1) {
      fake.last().drop(1006);
      clock.advance(60_000);
      await flushMicrotasks();
    }
    expect(connection.getSnapshot().status).toBe('failed');
    expect(errors.at(-1)?.code).toBe('network_error');
    const count = fake.sockets.length;
    clock.advance(600_000);
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(count);
    connection.reconnect();
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(count + 1);
    fake.last().accept().receive(connected());
    expect(connection.getSnapshot().status).toBe('open');
  });

  it('4001 renews the token once at once; a second 4001 → unauthorized, with no retry storm', async () => {
    const { fake, clock, connection, errors } = setup();
    connection.open();
    await flushMicrotasks();
    fake.last().accept().drop(4001, 'Token expired');
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(2);
    expect(fake.last().token).toBe('t2');
    fake.last().drop(4001, 'Invalid token');
    await flushMicrotasks();
    expect(connection.getSnapshot()).toMatchObject({ status: 'unauthorized', closeCode: 4001 });
    expect(errors.map((e) => e.code)).toEqual(['unauthorized']);
    clock.advance(600_000);
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(2);
  });

  it('the renewal after a 4001 passes getToken the refused token, so a renewer that is not due yet renews now', async () => {
    const asked: Array<string | undefined> = [];
    // Like createTokenRenewer before renewAt: the same token, unless told it was refused.
    const getToken = async (refused?: string) => (asked.push(refused), refused ? 'fresh' : 'stale');
    const { fake, connection } = setup({ getToken });
    connection.open();
    await flushMicrotasks();
    fake.last().accept().drop(4001, 'Invalid token');
    await flushMicrotasks();
    expect(asked).toEqual([undefined, 'stale']);
    expect(fake.last().token).toBe('fresh');
    fake.last().accept().receive(connected());
    expect(connection.getSnapshot().status).toBe('open');
  });

  it('a renewal after a 4001 that fails on the network is not spent: the next 4001 renews again instead of ending unauthorized', async () => {
    let online = false;
    const fetch: typeof globalThis.fetch = async () => {
      if (!online) throw new TypeError('Failed to fetch');
      const fresh = { access_token: 'fresh', refresh_token: 'r2', token_type: 'bearer', expires_in: 900, user: user('ana') };
      return new Response(JSON.stringify(fresh), { status: 200 });
    };
    // Not due for renewal by its own clock: only a refusal makes it renew.
    const session = { access_token: 'stale', refresh_token: 'r1', token_type: 'bearer' as const, expires_in: 900, user: user('ana') };
    const { getToken } = createTokenRenewer({ baseUrl: 'http://chat.test', session, fetch, now: () => 0 });
    const { fake, clock, connection, errors } = setup({ getToken: async (refused) => getToken(refused) });
    connection.open();
    await flushMicrotasks();
    fake.last().accept().drop(4001, 'Invalid token');
    await vi.waitFor(() => expect(connection.getSnapshot().attempt).toBe(1));
    // The renewal could not reach the server: retried with the backoff, with the only token the renewer has.
    expect(connection.getSnapshot().status).toBe('reconnecting');
    online = true;
    clock.advance(1000);
    await flushMicrotasks();
    expect(fake.last().token).toBe('stale');
    fake.last().accept().drop(4001, 'Invalid token');
    await vi.waitFor(() => expect(fake.last().token).toBe('fresh'));
    fake.last().accept().receive(connected());
    expect(connection.getSnapshot().status).toBe('open');
    expect(errors).toEqual([]);
  });

  it('a renewed token that works resets the one-renewal allowance', async () => {
    const { fake, connection } = setup();
    connection.open();
    await flushMicrotasks();
    fake.last().accept().receive(connected()).drop(4001);
    await flushMicrotasks();
    fake.last().accept().receive(connected()).drop(4001);
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(3);
    expect(connection.getSnapshot().status).toBe('reconnecting');
  });

  it('a server that accepts and then closes 4001 every time gets one renewal, not a storm', async () => {
    const { fake, clock, connection } = setup();
    connection.open();
    await flushMicrotasks();
    for (let i = 0; i < 5; i += 1) {
      fake.last().accept().drop(4001, 'Invalid token');
      clock.advance(60_000);
      await flushMicrotasks();
    }
    expect(fake.sockets).toHaveLength(2);
    expect(connection.getSnapshot().status).toBe('unauthorized');
  });

  it('a socket open for 5 s counts as established even if the server says nothing', async () => {
    const { fake, clock, connection } = setup();
    connection.open();
    await flushMicrotasks();
    fake.last().drop(1006);
    clock.advance(1000);
    await flushMicrotasks();
    fake.last().accept();
    clock.advance(4_999);
    expect(connection.getSnapshot().attempt).toBe(1);
    clock.advance(1);
    expect(connection.getSnapshot().attempt).toBe(0);
  });

  it.each([
    [4003, 'closed'],
    [4004, 'closed'],
  ])('%i stops for good (%s) with a connection_refused error', async (code, status) => {
    const { fake, clock, connection, errors } = setup();
    connection.open();
    await flushMicrotasks();
    fake.last().accept().drop(code, 'no');
    clock.advance(600_000);
    await flushMicrotasks();
    expect(connection.getSnapshot().status).toBe(status);
    expect(fake.sockets).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'connection_refused', details: { closeCode: code } });
  });

  it('waits at least 10 s after a 4008', async () => {
    const { fake, clock, connection } = setup();
    connection.open();
    await flushMicrotasks();
    fake.last().accept().drop(4008);
    clock.advance(9_999);
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(1);
    clock.advance(1);
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(2);
  });

  it('a getToken that throws → unauthorized without opening a socket', async () => {
    const { fake, connection, errors } = setup({ getToken: () => Promise.reject(new Error('logged out')) });
    connection.open();
    await flushMicrotasks();
    expect(connection.getSnapshot().status).toBe('unauthorized');
    expect(fake.sockets).toHaveLength(0);
    expect(errors[0]?.code).toBe('unauthorized');
  });

  it('a socket that cannot be created counts as a 1006 drop: reconnecting with its reason, retried after the backoff', async () => {
    const fake = createFakeWebSocket();
    const clock = createManualTimers();
    let refuse = true;
    const connection = new Connection({
      url: (token) => `ws://test/api/v1/ws/chat/c1?token=${token}`,
      getToken: () => 't',
      createSocket: (url) => {
        if (refuse) throw new Error('bad URL');
        return new fake.WebSocket(url);
      },
      backoff: new Backoff({ jitter: 'none' }),
      timers: clock.timers,
    });
    const closes: { code: number; reason: string; willRetry: boolean }[] = [];
    connection.on('close', (close) => closes.push(close));
    connection.open();
    await flushMicrotasks();
    expect(connection.getSnapshot()).toMatchObject({ status: 'reconnecting', attempt: 1, closeCode: 1006, error: null });
    expect(closes).toEqual([{ code: 1006, reason: 'Could not create the socket: bad URL', willRetry: true }]);
    refuse = false;
    clock.advance(1000);
    await flushMicrotasks();
    fake.last().accept().receive(connected());
    expect(connection.getSnapshot()).toMatchObject({ status: 'open', attempt: 1 });
    clock.advance(5_000);
    expect(connection.getSnapshot()).toMatchObject({ status: 'open', attempt: 0 });
  });

  it('a refusal without a reason still explains itself, once, with the close code', async () => {
    const { fake, connection, errors } = setup();
    connection.open();
    await flushMicrotasks();
    fake.last().accept().drop(4003);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'connection_refused', details: { closeCode: 4003 } });
    expect(errors[0]!.message).not.toBe('');
    expect(connection.getSnapshot()).toMatchObject({ status: 'closed', closeCode: 4003, error: errors[0] });
  });

  it('close() closes with 1000 and never reconnects, even during a pending retry', async () => {
    const { fake, clock, connection } = setup();
    connection.open();
    await flushMicrotasks();
    const first = fake.last().accept();
    connection.close();
    expect(first.closedWith?.code).toBe(1000);
    expect(connection.getSnapshot().status).toBe('closed');
    connection.open();
    await flushMicrotasks();
    fake.last().accept().drop(1006);
    connection.close();
    clock.advance(600_000);
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(2);
    expect(clock.pending()).toBe(0);
  });

  it('close() while getToken is pending opens nothing', async () => {
    let release!: (token: string) => void;
    const { fake, connection } = setup({ getToken: () => new Promise((resolve) => (release = resolve)) });
    connection.open();
    connection.close();
    release('late');
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(0);
    expect(connection.getSnapshot().status).toBe('closed');
  });

  it('emits parsed frames; invalid ones become protocol_error events, unknown types are ignored', async () => {
    const { fake, connection, errors } = setup();
    const frames: string[] = [];
    connection.on('frame', (frame) => frames.push(frame.type));
    connection.open();
    await flushMicrotasks();
    fake.last().accept();
    fake.last().receive({ type: 'pong', data: { ts: 1, server_time: 'now' } });
    fake.last().receiveRaw('{oops');
    fake.last().receive({ type: 'new_message', data: { id: 'm1' } });
    fake.last().receive({ type: 'from_the_future', data: {} });
    expect(frames).toEqual(['pong']);
    expect(errors.map((e) => e.code)).toEqual(['protocol_error', 'protocol_error']);
    expect(connection.isOpen).toBe(true);
  });

  it('send() returns false unless open, and sends JSON when open', async () => {
    const { fake, connection } = setup();
    expect(connection.send({ type: 'ping', data: {} })).toBe(false);
    connection.open();
    await flushMicrotasks();
    expect(connection.send({ type: 'ping', data: {} })).toBe(false);
    fake.last().accept().receive(connected());
    expect(connection.send({ type: 'ping', data: { ts: 5 } })).toBe(true);
    expect(fake.last().sent).toEqual([{ type: 'ping', data: { ts: 5 } }]);
  });

  it('keeps the snapshot identity until something changes', async () => {
    const { connection } = setup();
    const first = connection.getSnapshot();
    expect(connection.getSnapshot()).toBe(first);
    connection.open();
    expect(connection.getSnapshot()).not.toBe(first);
  });
});
