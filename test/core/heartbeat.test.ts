import { describe, expect, it } from 'vitest';
import { Backoff, Connection, type EnvironmentHandlers } from 'natter';
import { createFakeWebSocket, createManualTimers, flushMicrotasks } from 'natter/testing';
import { connected } from './fixtures';
import { RECONNECT_MS, setup } from './helpers/client-harness';
import { clientMetrics } from 'natter/features';

async function openConnection(heartbeat: { intervalMs?: number; timeoutMs?: number } | false = {}) {
  const fake = createFakeWebSocket();
  const clock = createManualTimers();
  const connection = new Connection({
    url: (token) => `ws://test/api/v1/ws/chat/c1?token=${token}`,
    getToken: () => 't',
    createSocket: (url) => new fake.WebSocket(url),
    backoff: new Backoff({ jitter: 'none', initialMs: 1000 }),
    timers: clock.timers,
    heartbeat,
  });
  const roundTrips: number[] = [];
  connection.on('roundTrip', (ms) => roundTrips.push(ms));
  connection.open();
  await flushMicrotasks();
  const socket = fake.last().accept().receive(connected());
  return { fake, clock, connection, socket, roundTrips };
}

const pongFor = (socket: ReturnType<typeof createFakeWebSocket>['sockets'][number]) => {
  const ping = socket.sentOfType('ping').at(-1)!;
  socket.receive({ type: 'pong', data: { ts: ping.data.ts ?? null, server_time: '' } });
};

describe('heartbeat', () => {
  it('pings every 25 s once established and measures the round trip from the pong', async () => {
    const { clock, socket, roundTrips } = await openConnection();
    clock.advance(24_999);
    expect(socket.sentOfType('ping')).toHaveLength(0);
    clock.advance(1);
    expect(socket.sentOfType('ping')).toEqual([{ type: 'ping', data: { ts: 25_000 } }]);
    clock.advance(40);
    pongFor(socket);
    expect(roundTrips).toEqual([40]);
    clock.advance(25_000);
    expect(socket.sentOfType('ping')).toHaveLength(2);
  });

  it('no pong within 10 s: the socket is dead, closed and replaced', async () => {
    const { fake, clock, connection, socket } = await openConnection();
    clock.advance(25_000);
    clock.advance(9_999);
    expect(connection.getSnapshot().status).toBe('open');
    clock.advance(1);
    expect(socket.closedWith?.code).toBe(1000);
    expect(connection.getSnapshot()).toMatchObject({ status: 'reconnecting', closeCode: 1006 });
    clock.advance(1000);
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(2);
  });

  it('a pong that answers an older ping does not count', async () => {
    const { clock, connection, socket, roundTrips } = await openConnection({ timeoutMs: 100 });
    clock.advance(25_000);
    socket.receive({ type: 'pong', data: { ts: 1, server_time: '' } });
    expect(roundTrips).toEqual([]);
    clock.advance(100);
    expect(connection.getSnapshot().status).toBe('reconnecting');
  });

  it('wake() pings at once when open, and reconnects at once when waiting to', async () => {
    const { fake, clock, connection, socket } = await openConnection();
    connection.wake();
    expect(socket.sentOfType('ping')).toHaveLength(1);
    connection.wake();
    expect(socket.sentOfType('ping')).toHaveLength(1);
    socket.drop(1006);
    expect(connection.getSnapshot().status).toBe('reconnecting');
    connection.wake();
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(2);
    clock.advance(0);
  });

  it('suspend() (offline) spends no attempts until wake() (online)', async () => {
    const { fake, clock, connection, socket } = await openConnection();
    connection.suspend();
    socket.drop(1006);
    clock.advance(600_000);
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(1);
    expect(connection.getSnapshot()).toMatchObject({ status: 'reconnecting', attempt: 1 });
    connection.wake();
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(2);
  });

  it('can be turned off', async () => {
    const { clock, socket } = await openConnection(false);
    clock.advance(600_000);
    expect(socket.sentOfType('ping')).toHaveLength(0);
  });
});

describe('the client and its environment', () => {
  function setupWithEnvironment() {
    let handlers: EnvironmentHandlers | null = null;
    let subscriptions = 0;
    const t = setup({
      environment: {
        subscribe(h) {
          subscriptions += 1;
          handlers = h;
          return () => {
            handlers = null;
          };
        },
      },
    });
    return { ...t, env: () => handlers, subscriptions: () => subscriptions };
  }

  it('watches nothing until a socket is wanted, and stops on destroy', async () => {
    const t = setupWithEnvironment();
    expect(t.subscriptions()).toBe(0);
    t.client.joinChat('c1');
    t.client.joinChat('c2');
    expect(t.subscriptions()).toBe(1);
    t.client.destroy();
    expect(t.env()).toBeNull();
  });

  it('offline pauses reconnecting, online resumes at once; visible pings an open socket', async () => {
    const t = setupWithEnvironment();
    t.client.joinChat('c1');
    await flushMicrotasks();
    const socket = t.fake.last().accept().receive(connected());
    t.env()!.visible();
    expect(socket.sentOfType('ping')).toHaveLength(1);
    t.env()!.offline();
    socket.drop(1006);
    t.clock.advance(60_000);
    await flushMicrotasks();
    expect(t.fake.sockets).toHaveLength(1);
    t.env()!.online();
    await flushMicrotasks();
    expect(t.fake.sockets).toHaveLength(2);
  });

  it('offline checks an open socket at once: one that went with the network is dropped before a message in flight times out', async () => {
    const t = setupWithEnvironment();
    t.client.joinChat('c1');
    await flushMicrotasks();
    const socket = t.fake.last().accept().receive(connected());
    t.client.sendMessage('c1', 'sent just before the network went');
    t.clock.advance(5000);
    t.env()!.offline();
    expect(socket.sentOfType('ping')).toHaveLength(1);
    // No pong: the socket is dead after the 10 s timeout, long before the 40 s send timeout or the next ping at 25 s.
    t.clock.advance(60_000);
    expect(t.status()).toBe('reconnecting');
    expect(t.slice().messages[0]!.status).toBe('pending');
    expect(t.errors).toEqual([]);
    t.env()!.online();
    await flushMicrotasks();
    const next = t.fake.last().accept().receive(connected());
    expect(next.sentOfType('send_message').map((f) => f.data.content)).toEqual(['sent just before the network went']);
  });

  it('records round trips as p50 and p95 in clientMetrics(client)', async () => {
    const t = setupWithEnvironment();
    clientMetrics(t.client);
    t.client.joinChat('c1');
    await flushMicrotasks();
    const socket = t.fake.last().accept().receive(connected());
    for (const ms of [10, 20, 30, 40, 100]) {
      t.env()!.visible();
      t.clock.advance(ms);
      pongFor(socket);
    }
    expect(clientMetrics(t.client).getSnapshot()).toMatchObject({ roundTripP50: 30, roundTripP95: 100 });
  });
});

describe('the heartbeat and the send timeout (default timings)', () => {
  // A socket that dies silently is found out by the next ping's timeout: up to intervalMs + timeoutMs (35 s) after a
  // write. Whatever it swallowed must then be resent on the next socket, never failed first by its send timeout.
  it.each([0, 4_999, 12_000, 24_999])('a message written %i ms after an answered ping, on a socket that then died, is resent', async (offset) => {
    const t = setup();
    const { socket } = await t.open();
    t.clock.advance(25_000);
    pongFor(socket);
    t.clock.advance(offset);
    t.client.sendMessage('c1', 'swallowed');
    // The network goes: nothing more arrives, and no close either. The next ping (at 50 s) times out at 60 s.
    t.clock.advance(60_000 - 25_000 - offset);
    expect(t.status()).toBe('reconnecting');
    expect(t.slice().messages[0]!.status).toBe('pending');
    expect(t.errors).toEqual([]);
    t.clock.advance(RECONNECT_MS);
    await flushMicrotasks();
    const next = t.fake.last().accept().receive(connected());
    expect(next.sentOfType('send_message').map((f) => f.data.content)).toEqual(['swallowed']);
  });
});
