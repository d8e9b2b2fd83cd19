import net from 'node:net';

/** The faults the proxy injects. */
export type FaultKind = 'cut' | 'stall' | 'delay' | 'split' | 'refuse';
/** `up`: client → server; `down`: server → client. */
export type Direction = 'up' | 'down';
export type Directions = Direction | 'both';

/** What the proxy has guessed a connection carries, from its first bytes. */
export type ConnectionKind = 'ws' | 'http' | 'unknown';

/** One line of the proxy's log: every fault injected, every connection opened, refused or closed. */
export interface ProxyEvent {
  /** ms since the proxy started. */
  t: number;
  event: string;
  conn?: number;
  detail?: string;
}

export interface TcpProxyOptions {
  /** The server's port on 127.0.0.1. Read again on every new connection, so it may change. */
  targetPort: number;
  /** The proxy's own randomness (split sizes); `Math.random` by default. Seed it for a repeatable run. */
  random?: () => number;
  /** Log every fault and connection (kept in `events`, at most `maxEvents`). Default true. */
  log?: boolean;
  maxEvents?: number;
}

const HOST = '127.0.0.1';
/** Above this many bytes queued in one direction, the proxy stops reading that side until it drains. */
const HIGH_WATER = 1 << 20;
/** By default, a deferred cut that sees no traffic cuts anyway after this long. */
const CUT_FALLBACK_MS = 300;

interface Chunk {
  data: Buffer;
  /** Not forwarded before this time (ms, Date.now()). */
  releaseAt: number;
}

/** One direction of one connection: a queue the proxy forwards by hand, so it can stall, delay, split and cut it. */
class Lane {
  readonly queue: Chunk[] = [];
  queuedBytes = 0;
  forwarded = 0;
  stalledUntil = 0;
  delayMs = 0;
  delayUntil = 0;
  splitUntil = 0;
  /** Bytes still to forward before the connection is cut; null when no cut is armed. */
  cutAfter: number | null = null;
  /** The source sent FIN: end the destination once the queue is drained. */
  ended = false;
  pumping = false;
  private wakeUp: (() => void) | null = null;

  constructor(
    readonly direction: Direction,
    readonly from: net.Socket,
    readonly to: () => net.Socket | null,
  ) {}

  /** Waits `ms` or until `wake()`. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.wakeUp === done) self.wakeUp = null;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  wake(): void {
    this.wakeUp?.();
  }
}

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

function resetAndDestroy(socket: net.Socket): void {
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}

/** One client connection and its upstream twin. */
export class ProxyConnection {
  kind: ConnectionKind = 'unknown';
  /** The first request line, token redacted, for logs. */
  request = '';
  closed = false;
  readonly lanes: Record<Direction, Lane>;
  private upstream: net.Socket | null = null;
  private upstreamConnected = false;
  private cutTimer: ReturnType<typeof setTimeout> | null = null;
  private cutReset = false;

  constructor(
    private readonly proxy: TcpProxy,
    readonly id: number,
    readonly client: net.Socket,
  ) {
    client.setNoDelay(true);
    const upstream = net.connect({ host: HOST, port: proxy.targetPort, allowHalfOpen: true, noDelay: true });
    this.upstream = upstream;
    this.lanes = {
      up: new Lane('up', client, () => (this.upstreamConnected ? this.upstream : null)),
      down: new Lane('down', upstream, () => this.client),
    };
    proxy.log('open', id);

    upstream.on('connect', () => {
      this.upstreamConnected = true;
      void this.pump(this.lanes.up);
    });
    client.on('data', (data: Buffer) => this.receive(this.lanes.up, data));
    upstream.on('data', (data: Buffer) => this.receive(this.lanes.down, data));
    client.on('end', () => this.ended(this.lanes.up));
    upstream.on('end', () => this.ended(this.lanes.down));
    client.on('error', () => undefined);
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (!this.upstreamConnected) {
        proxy.stats.upstreamFailed += 1;
        this.destroy(this.proxy.randomInt(0, 1) === 1, `upstream ${error.code ?? error.message}`);
      }
    });
    // One side gone for good (not a FIN): the other goes too, once what was queued for it has been written.
    client.on('close', () => this.sideClosed('client'));
    upstream.on('close', () => this.sideClosed('upstream'));
  }

  /** Arms a cut after `bytes` more bytes in `direction`, with a fallback timer. */
  armCut(direction: Direction, bytes: number, reset: boolean, armedMs: number): void {
    if (this.closed) return;
    const lane = this.lanes[direction];
    lane.cutAfter = lane.cutAfter === null ? bytes : Math.min(lane.cutAfter, bytes);
    this.cutReset = reset;
    this.cutTimer ??= setTimeout(() => this.destroy(this.cutReset, 'cut (no traffic)'), armedMs);
    void this.pump(lane);
  }

  calm(): void {
    if (this.cutTimer !== null) clearTimeout(this.cutTimer);
    this.cutTimer = null;
    for (const lane of [this.lanes.up, this.lanes.down]) {
      lane.stalledUntil = lane.delayUntil = lane.splitUntil = 0;
      lane.cutAfter = null;
      for (const chunk of lane.queue) chunk.releaseAt = 0;
      lane.wake();
      void this.pump(lane);
    }
  }

  destroy(reset: boolean, why: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.cutTimer !== null) clearTimeout(this.cutTimer);
    this.cutTimer = null;
    this.proxy.log('destroy', this.id, `${why}${reset ? ' rst' : ''} (${this.kind} ${this.request}; up ${this.lanes.up.forwarded} B, down ${this.lanes.down.forwarded} B)`);
    for (const socket of [this.client, this.upstream]) {
      if (!socket) continue;
      if (reset) resetAndDestroy(socket);
      else socket.destroy();
    }
    for (const lane of [this.lanes.up, this.lanes.down]) {
      lane.queue.length = 0;
      lane.queuedBytes = 0;
      lane.wake();
    }
    this.proxy.forget(this);
  }

  private receive(lane: Lane, data: Buffer): void {
    if (this.closed) return;
    if (lane.direction === 'up' && this.kind === 'unknown') this.sniff(data);
    const now = Date.now();
    const g = this.proxy.global;
    const delay = Math.max(now < lane.delayUntil ? lane.delayMs : 0, now < g.delayUntil ? g.delayMs : 0);
    lane.queue.push({ data, releaseAt: now + delay });
    lane.queuedBytes += data.length;
    if (lane.queuedBytes > HIGH_WATER) lane.from.pause();
    void this.pump(lane);
  }

  private sniff(data: Buffer): void {
    const head = data.subarray(0, 2048).toString('latin1');
    const line = head.split('\r\n', 1)[0] ?? '';
    this.request = line.replace(/token=[^&\s]*/g, 'token=…').slice(0, 120);
    this.kind = /^upgrade:\s*websocket/im.test(head) ? 'ws' : /^[A-Z]+ \S+ HTTP\/1\.[01]$/.test(line) ? 'http' : 'unknown';
  }

  private ended(lane: Lane): void {
    lane.ended = true;
    void this.pump(lane);
  }

  private sideClosed(side: 'client' | 'upstream'): void {
    if (this.closed) return;
    // The lane towards the side that closed cannot deliver any more; the other lane may still hold data for the
    // surviving side: let it drain, then close.
    const towardsSurvivor = side === 'client' ? this.lanes.up : this.lanes.down;
    if (towardsSurvivor.queue.length === 0 || (side === 'client' && !this.upstreamConnected)) {
      this.destroy(false, `${side} closed`);
      return;
    }
    towardsSurvivor.ended = true;
    void this.pump(towardsSurvivor);
  }

  private async pump(lane: Lane): Promise<void> {
    if (lane.pumping || this.closed) return;
    lane.pumping = true;
    try {
      for (;;) {
        if (this.closed) return;
        const to = lane.to();
        if (!to) return; // upstream not connected yet: 'connect' pumps again
        const g = this.proxy.global;
        const head = lane.queue[0];
        if (!head) {
          if (lane.ended) {
            // Everything the source sent has been delivered. A source that is gone for good takes the connection
            // with it; one that only half-closed (FIN) is half-closed onwards.
            if (lane.from.destroyed) this.destroy(false, `${lane.direction === 'up' ? 'client' : 'upstream'} closed, drained`);
            else to.end();
          }
          return;
        }
        const now = Date.now();
        const wait = Math.max(lane.stalledUntil, g.stalledUntil[lane.direction], head.releaseAt) - now;
        if (wait > 0) {
          await lane.sleep(wait);
          continue;
        }
        lane.queue.shift();
        lane.queuedBytes -= head.data.length;
        if (lane.queuedBytes <= HIGH_WATER && lane.from.isPaused()) lane.from.resume();
        let data = head.data;
        let cutNow = false;
        if (lane.cutAfter !== null) {
          if (data.length >= lane.cutAfter) {
            data = data.subarray(0, lane.cutAfter);
            cutNow = true;
          } else {
            lane.cutAfter -= data.length;
          }
        }
        const splitting = now < lane.splitUntil || now < g.splitUntil;
        if (splitting) {
          for (let at = 0; at < data.length && !this.closed; ) {
            const piece = data.subarray(at, at + this.proxy.randomInt(1, 7));
            await this.write(to, piece);
            at += piece.length;
            lane.forwarded += piece.length;
            // One piece per event-loop turn, so the reader really sees them one by one.
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
        } else if (data.length > 0) {
          await this.write(to, data);
          lane.forwarded += data.length;
        }
        if (cutNow) {
          this.proxy.stats.cutMidStream += 1;
          // Let the partial bytes reach the peer's socket before the cut, as a network failing mid-frame would.
          await new Promise<void>((resolve) => setImmediate(resolve));
          this.destroy(this.cutReset, `cut mid-stream ${lane.direction} after ${data.length}/${head.data.length} B of a chunk`);
          return;
        }
      }
    } finally {
      lane.pumping = false;
    }
  }

  private write(to: net.Socket, data: Buffer): Promise<void> {
    if (this.closed || to.destroyed || to.writableEnded) return Promise.resolve();
    if (to.write(data) || to.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        to.off('drain', done);
        to.off('close', done);
        resolve();
      };
      to.on('drain', done);
      to.on('close', done);
    });
  }
}
