import net from 'node:net';
import { Lane } from './proxy-lane';
import type { ConnectionKind, Direction } from './proxy-types';
import type { TcpProxy } from './tcp-proxy';

export const HOST = '127.0.0.1';
/** Above this many bytes queued in one direction, the proxy stops reading that side until it drains. */
const HIGH_WATER = 1 << 20;

export function resetAndDestroy(socket: net.Socket): void {
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
