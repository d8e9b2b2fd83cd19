import net from 'node:net';
import { HOST, ProxyConnection, resetAndDestroy } from './proxy-connection';
import type { ConnectionKind, Direction, Directions, FaultKind, ProxyEvent, TcpProxyOptions } from './proxy-types';

export { ProxyConnection } from './proxy-connection';
export type { ConnectionKind, Direction, Directions, FaultKind, ProxyEvent, TcpProxyOptions } from './proxy-types';

/** By default, a deferred cut that sees no traffic cuts anyway after this long. */
const CUT_FALLBACK_MS = 300;

/**
 * A TCP proxy on 127.0.0.1 in front of a server, for fault injection. Every accepted connection gets its own
 * upstream connection; bytes are forwarded by hand in both directions so any of them can be cut (also mid-frame),
 * stalled, delayed or re-chunked into tiny pieces, and new connections can be refused for a while. HTTP/1.1 and
 * WebSocket traffic look the same to it: it never parses anything beyond sniffing the first request line to label
 * a connection `ws` or `http`.
 *
 * @example
 * const proxy = await TcpProxy.start({ targetPort: server.port });
 * const client = createChatClient({ baseUrl: proxy.url, ... });
 * proxy.cut(proxy.pick('ws')!, { afterBytes: 17 });
 */
export class TcpProxy {
  /** Faults injected, by kind. */
  readonly counts: Record<FaultKind, number> = { cut: 0, stall: 0, delay: 0, split: 0, refuse: 0 };
  /** Connections accepted, refused (by `refuse`), and dropped because the server was not there. */
  readonly stats = { accepted: 0, refused: 0, upstreamFailed: 0, cutMidStream: 0 };
  readonly events: ProxyEvent[] = [];
  readonly connections = new Set<ProxyConnection>();
  targetPort: number;
  port = 0;
  private readonly server: net.Server;
  private readonly random: () => number;
  private readonly started = Date.now();
  private refuseUntil = 0;
  /** Windows that apply to every connection, including ones opened while they last. */
  readonly global = { stalledUntil: { up: 0, down: 0 }, delayMs: 0, delayUntil: 0, splitUntil: 0 };
  private nextId = 1;
  private closed = false;
  private readonly logEnabled: boolean;
  private readonly maxEvents: number;

  private constructor(options: TcpProxyOptions) {
    this.targetPort = options.targetPort;
    this.random = options.random ?? Math.random;
    this.logEnabled = options.log ?? true;
    this.maxEvents = options.maxEvents ?? 20_000;
    this.server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => this.accept(socket));
  }

  static async start(options: TcpProxyOptions): Promise<TcpProxy> {
    const proxy = new TcpProxy(options);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(0, HOST, () => {
        proxy.server.off('error', reject);
        resolve();
      });
    });
    proxy.port = (proxy.server.address() as net.AddressInfo).port;
    return proxy;
  }

  /** `http://127.0.0.1:port`: give clients this as their baseUrl. */
  get url(): string {
    return `http://${HOST}:${this.port}`;
  }

  /** Live connections, optionally of one kind. */
  live(kind?: ConnectionKind): ProxyConnection[] {
    return [...this.connections].filter((c) => !c.closed && (kind === undefined || c.kind === kind));
  }

  /** A random live connection (of `kind`, if given), or undefined. */
  pick(kind?: ConnectionKind): ProxyConnection | undefined {
    const candidates = this.live(kind);
    return candidates.length === 0 ? undefined : candidates[Math.floor(this.random() * candidates.length)];
  }

  /**
   * Cuts `target` (one connection, or `'all'`): both sockets destroyed, with a TCP reset when `reset`. With
   * `afterBytes`, the cut waits until that many more bytes have gone through in `direction` (so it lands mid-stream,
   * often mid-frame), or `armedMs` (default 300 ms), whichever comes first: an idle keep-alive connection armed for
   * long enough is cut in the middle of its next request. Returns whether anything was cut.
   */
  cut(target: ProxyConnection | 'all', options: { afterBytes?: number; direction?: Direction; reset?: boolean; armedMs?: number } = {}): boolean {
    const targets = target === 'all' ? this.live() : target.closed ? [] : [target];
    if (targets.length === 0) return false;
    this.counts.cut += 1;
    const armedMs = options.armedMs ?? CUT_FALLBACK_MS;
    const where = options.afterBytes === undefined ? 'now' : `after ${options.afterBytes} B ${options.direction ?? 'down'} (armed ${armedMs} ms)`;
    this.log('fault:cut', target === 'all' ? undefined : target.id, `${target === 'all' ? `all(${targets.length}) ` : ''}${where}${options.reset ? ' rst' : ''}`);
    for (const connection of targets) {
      if (options.afterBytes === undefined) connection.destroy(options.reset ?? false, 'cut');
      else connection.armCut(options.direction ?? 'down', options.afterBytes, options.reset ?? false, armedMs);
    }
    return true;
  }

  /** Stops forwarding in `direction` for `ms`, then resumes with everything that queued up meanwhile. */
  stall(target: ProxyConnection | 'all', ms: number, direction: Directions = 'both'): boolean {
    const until = Date.now() + ms;
    const directions: Direction[] = direction === 'both' ? ['up', 'down'] : [direction];
    if (target === 'all') {
      for (const d of directions) this.global.stalledUntil[d] = Math.max(this.global.stalledUntil[d], until);
    } else if (target.closed) {
      return false;
    } else {
      for (const d of directions) target.lanes[d].stalledUntil = Math.max(target.lanes[d].stalledUntil, until);
    }
    this.counts.stall += 1;
    this.log('fault:stall', target === 'all' ? undefined : target.id, `${target === 'all' ? 'all ' : ''}${ms} ms ${direction}`);
    return true;
  }

  /** Adds `latencyMs` to every chunk arriving in the next `forMs` (both directions). */
  delay(target: ProxyConnection | 'all', latencyMs: number, forMs: number): boolean {
    const until = Date.now() + forMs;
    if (target === 'all') {
      this.global.delayMs = latencyMs;
      this.global.delayUntil = until;
    } else if (target.closed) {
      return false;
    } else {
      for (const lane of [target.lanes.up, target.lanes.down]) {
        lane.delayMs = latencyMs;
        lane.delayUntil = until;
      }
    }
    this.counts.delay += 1;
    this.log('fault:delay', target === 'all' ? undefined : target.id, `${target === 'all' ? 'all ' : ''}+${latencyMs} ms per chunk for ${forMs} ms`);
    return true;
  }

  /** For the next `forMs`, forwards everything (both directions) in pieces of 1–7 bytes, one per event-loop turn. */
  split(target: ProxyConnection | 'all', forMs: number): boolean {
    const until = Date.now() + forMs;
    if (target === 'all') {
      this.global.splitUntil = Math.max(this.global.splitUntil, until);
    } else if (target.closed) {
      return false;
    } else {
      for (const lane of [target.lanes.up, target.lanes.down]) lane.splitUntil = Math.max(lane.splitUntil, until);
    }
    this.counts.split += 1;
    this.log('fault:split', target === 'all' ? undefined : target.id, `${target === 'all' ? 'all ' : ''}for ${forMs} ms`);
    return true;
  }

  /** Closes every new connection at once for `ms`. */
  refuse(ms: number): boolean {
    this.refuseUntil = Math.max(this.refuseUntil, Date.now() + ms);
    this.counts.refuse += 1;
    this.log('fault:refuse', undefined, `${ms} ms`);
    return true;
  }

  /** Ends every fault in force: stalls, delays, splits, armed cuts and refusals. Queued data flows at once. */
  calm(): void {
    this.refuseUntil = 0;
    this.global.stalledUntil.up = this.global.stalledUntil.down = 0;
    this.global.delayUntil = this.global.splitUntil = 0;
    for (const connection of this.connections) connection.calm();
    this.log('calm');
  }

  /** Total faults injected. */
  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  /** Stops listening and destroys every connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const connection of this.connections) connection.destroy(false, 'proxy closed');
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** ms since start, for logs. */
  now(): number {
    return Date.now() - this.started;
  }

  log(event: string, conn?: number, detail?: string): void {
    if (!this.logEnabled || this.events.length >= this.maxEvents) return;
    this.events.push({ t: this.now(), event, ...(conn === undefined ? {} : { conn }), ...(detail === undefined ? {} : { detail }) });
  }

  /** A random integer in [min, max]. */
  randomInt(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private accept(socket: net.Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    const id = this.nextId++;
    if (Date.now() < this.refuseUntil) {
      this.stats.refused += 1;
      this.log('refused', id);
      socket.on('error', () => undefined);
      // Half the time a reset, half the time a plain close: clients see both in the wild.
      if (this.random() < 0.5) resetAndDestroy(socket);
      else socket.destroy();
      return;
    }
    this.stats.accepted += 1;
    const connection = new ProxyConnection(this, id, socket);
    this.connections.add(connection);
  }

  /** @internal */
  forget(connection: ProxyConnection): void {
    this.connections.delete(connection);
  }
}
