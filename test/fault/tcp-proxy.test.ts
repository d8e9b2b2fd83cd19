import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpProxy } from './tcp-proxy';

/** A TCP server on 127.0.0.1 that runs `onSocket` for each connection. */
async function upstream(onSocket: (socket: net.Socket) => void) {
  const accepted: net.Socket[] = [];
  const server = net.createServer((socket) => {
    accepted.push(socket);
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of accepted) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Connects to the proxy; collects what arrives, and when the socket closes. */
function connect(port: number) {
  const socket = net.connect({ host: '127.0.0.1', port });
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  const connected = new Promise<void>((resolve) => socket.on('connect', () => resolve()));
  return { socket, chunks, closed, connected, received: () => Buffer.concat(chunks) };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, timeout = 3000) {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(5);
  }
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(onSocket: (socket: net.Socket) => void) {
  const server = await upstream(onSocket);
  const proxy = await TcpProxy.start({ targetPort: server.port });
  cleanups.push(server.close, () => proxy.close());
  return { server, proxy };
}

describe('the fault proxy', () => {
  it('forwards both directions byte for byte, also while splitting into 1–7 byte pieces the reader sees one by one', async () => {
    const { proxy } = await setup((socket) => socket.pipe(socket));
    const client = connect(proxy.port);
    await client.connected;
    await until(() => proxy.live().length === 1);
    proxy.split(proxy.pick()!, 10_000);
    const payload = randomBytes(3000);
    client.socket.write(payload);
    await until(() => client.received().length === payload.length);
    expect(client.received().equals(payload)).toBe(true);
    // Re-chunked on the way up and again on the way down: hundreds of reads, nearly all of 1–7 bytes (two pieces
    // can still land in one read when the reader is slower than an event-loop turn).
    expect(client.chunks.length).toBeGreaterThan(300);
    expect(client.chunks.filter((c) => c.length <= 7).length / client.chunks.length).toBeGreaterThan(0.9);
    expect(proxy.counts.split).toBe(1);
  });

  it('cuts after exactly N bytes of a chunk (mid-frame), closing both sides', async () => {
    const { server, proxy } = await setup(() => undefined);
    const client = connect(proxy.port);
    await client.connected;
    await until(() => proxy.live().length === 1 && server.accepted.length === 1);
    const serverSide = server.accepted[0]!;
    const serverClosed = new Promise<void>((resolve) => serverSide.on('close', () => resolve()));
    proxy.cut(proxy.pick()!, { afterBytes: 10, direction: 'down' });
    serverSide.write(Buffer.alloc(1000, 7));
    await client.closed;
    await serverClosed;
    expect(client.received()).toEqual(Buffer.alloc(10, 7));
    expect(proxy.stats.cutMidStream).toBe(1);
    expect(proxy.live()).toEqual([]);
  });

  it('an armed cut that sees no traffic cuts anyway', async () => {
    const { proxy } = await setup(() => undefined);
    const client = connect(proxy.port);
    await client.connected;
    await until(() => proxy.live().length === 1);
    proxy.cut(proxy.pick()!, { afterBytes: 5, direction: 'up', reset: true });
    await client.closed;
    expect(proxy.counts.cut).toBe(1);
  });

  it('stalls one direction, then delivers everything that queued up, in order', async () => {
    const { server, proxy } = await setup(() => undefined);
    const client = connect(proxy.port);
    await client.connected;
    await until(() => proxy.live().length === 1 && server.accepted.length === 1);
    const upstreamReceived: Buffer[] = [];
    server.accepted[0]!.on('data', (chunk: Buffer) => upstreamReceived.push(chunk));
    proxy.stall(proxy.pick()!, 300, 'up');
    const started = Date.now();
    client.socket.write('one ');
    client.socket.write('two');
    await sleep(150);
    expect(upstreamReceived).toEqual([]);
    await until(() => Buffer.concat(upstreamReceived).toString() === 'one two');
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('delays each chunk by the latency asked', async () => {
    const { proxy } = await setup((socket) => socket.pipe(socket));
    const client = connect(proxy.port);
    await client.connected;
    await until(() => proxy.live().length === 1);
    proxy.delay(proxy.pick()!, 100, 5000);
    const started = Date.now();
    client.socket.write('ping');
    await until(() => client.received().toString() === 'ping');
    // Up and down: two hops of 100 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('refuses new connections for a while without reaching the server, then accepts again', async () => {
    const { server, proxy } = await setup(() => undefined);
    proxy.refuse(200);
    const refused = connect(proxy.port);
    await refused.closed;
    expect(server.accepted).toHaveLength(0);
    expect(proxy.stats.refused).toBe(1);
    await sleep(250);
    const accepted = connect(proxy.port);
    await accepted.connected;
    await until(() => server.accepted.length === 1);
    expect(proxy.counts.refuse).toBe(1);
  });

  it('closes a connection whose server is not there', async () => {
    const { server, proxy } = await setup(() => undefined);
    await server.close();
    const client = connect(proxy.port);
    await client.closed;
    expect(proxy.stats.upstreamFailed).toBe(1);
  });

  it('passes a half-close on and lets queued data drain first', async () => {
    const { server, proxy } = await setup((socket) => {
      socket.end('bye');
    });
    const client = connect(proxy.port);
    await client.closed.then(
      () => undefined,
      () => undefined,
    );
    expect(client.received().toString()).toBe('bye');
    expect(server.accepted).toHaveLength(1);
  });

  it('calm() ends a stall at once', async () => {
    const { proxy } = await setup((socket) => socket.pipe(socket));
    const client = connect(proxy.port);
    await client.connected;
    await until(() => proxy.live().length === 1);
    proxy.stall('all', 60_000);
    client.socket.write('x');
    await sleep(50);
    expect(client.received().length).toBe(0);
    proxy.calm();
    await until(() => client.received().toString() === 'x');
  });
});
