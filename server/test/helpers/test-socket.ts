import WebSocket from 'ws';
import type { IncomingHttpHeaders } from 'node:http';
import { onTestFinished } from 'vitest';

export interface Frame {
  type: string;
  data: any;
}

export interface CloseInfo {
  code: number;
  reason: string;
}

export interface SocketOptions {
  /** false makes a silent peer: protocol pings are not answered */
  autoPong?: boolean;
  origin?: string;
  headers?: Record<string, string>;
  /** offer permessage-deflate (the ws default) or not */
  perMessageDeflate?: boolean;
  /** shown in failure messages */
  label?: string;
}

export interface NextOptions {
  timeoutMs?: number;
  where?: (data: any) => boolean;
}

interface Waiter {
  type: string;
  where?: (data: any) => boolean;
  resolve(data: any): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

const DEFAULT_TIMEOUT_MS = 1500;

/** Wraps one `ws` client: records every frame received and the close, and lets a test wait for frames by type. */
export class TestSocket {
  readonly ws: WebSocket;
  readonly label: string;
  /** every frame received, in order (non-JSON text is recorded as type "<non-json>") */
  readonly frames: Frame[] = [];
  /** resolves with the close code and reason (1006 when the connection dropped without a close frame) */
  readonly closed: Promise<CloseInfo>;
  /** resolves true once open, false if the handshake failed */
  readonly opened: Promise<boolean>;
  /** resolves with the HTTP status when the server answered the upgrade with a plain HTTP response */
  readonly rejectedWith: Promise<number>;
  /** the upgrade response's headers, once open */
  upgradeHeaders: IncomingHttpHeaders | undefined;
  closeInfo: CloseInfo | undefined;
  readonly errors: Error[] = [];
  /** protocol pings received from the server */
  pings = 0;
  private readonly consumed = new Set<number>();
  private waiters: Waiter[] = [];

  constructor(url: string, options: SocketOptions = {}) {
    this.label = options.label ?? url.replace(/token=[^&]*/, 'token=…');
    this.ws = new WebSocket(url, {
      autoPong: options.autoPong ?? true,
      ...(options.origin !== undefined ? { origin: options.origin } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
      perMessageDeflate: options.perMessageDeflate ?? true,
    });
    this.ws.on('error', (err) => this.errors.push(err));
    this.ws.on('ping', () => {
      this.pings += 1;
    });
    this.ws.on('upgrade', (res) => {
      this.upgradeHeaders = res.headers;
    });
    this.rejectedWith = new Promise((resolve) => {
      this.ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
        this.ws.terminate(); // ends the handshake: 'close' follows with 1006
      });
    });
    this.opened = new Promise((resolve) => {
      this.ws.once('open', () => resolve(true));
      this.ws.once('close', () => resolve(false));
    });
    this.closed = new Promise((resolve) => {
      this.ws.once('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        for (const w of this.waiters) {
          clearTimeout(w.timer);
          w.reject(
            new Error(
              `${this.label}: socket closed (${code} ${reason.toString()}) while waiting for "${w.type}". ` +
                `Frames seen: ${this.describeFrames()}`,
            ),
          );
        }
        this.waiters = [];
        resolve(this.closeInfo);
      });
    });
    this.ws.on('message', (raw, isBinary) => {
      const text = isBinary ? `<binary ${(raw as Buffer).length} bytes>` : raw.toString();
      let frame: Frame;
      try {
        const parsed = JSON.parse(text);
        frame = { type: String(parsed?.type), data: parsed?.data };
      } catch {
        frame = { type: '<non-json>', data: text };
      }
      const index = this.frames.push(frame) - 1;
      const waiter = this.waiters.find((w) => w.type === frame.type && (!w.where || w.where(frame.data)));
      if (waiter) {
        this.consumed.add(index);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        clearTimeout(waiter.timer);
        waiter.resolve(frame.data);
      }
    });
    onTestFinished(() => {
      if (this.ws.readyState !== WebSocket.CLOSED) this.ws.terminate();
    });
  }

  /** Waits for the `connected` frame and returns its data. */
  connected(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<any> {
    return this.next('connected', { timeoutMs });
  }

  /**
   * The next frame of `type` (matching `where`) not yet consumed by an earlier `next`; waits for it if needed.
   * Rejects after `timeoutMs` (default 1.5 s) or when the socket closes, listing every frame seen.
   */
  next(type: string, options: NextOptions = {}): Promise<any> {
    const { timeoutMs = DEFAULT_TIMEOUT_MS, where } = options;
    const index = this.findUnconsumed(type, where);
    if (index !== -1) {
      this.consumed.add(index);
      return Promise.resolve(this.frames[index]!.data);
    }
    if (this.closeInfo) {
      return Promise.reject(
        new Error(
          `${this.label}: socket already closed (${this.closeInfo.code} ${this.closeInfo.reason}), no "${type}" frame. ` +
            `Frames seen: ${this.describeFrames()}`,
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        type,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(
            new Error(
              `${this.label}: no "${type}" frame${where ? ' matching the condition' : ''} within ${timeoutMs} ms. ` +
                `Frames seen: ${this.describeFrames()}`,
            ),
          );
        }, timeoutMs),
      };
      if (where) waiter.where = where;
      this.waiters.push(waiter);
    });
  }

  /** Fails if a not-yet-consumed frame of `type` (matching `where`) is present after `ms` milliseconds. */
  async expectNone(type: string, ms = 200, where?: (data: any) => boolean): Promise<void> {
    await sleep(ms);
    const index = this.findUnconsumed(type, where);
    if (index !== -1) {
      throw new Error(
        `${this.label}: expected no "${type}" frame, got ${JSON.stringify(this.frames[index])}. ` +
          `Frames seen: ${this.describeFrames()}`,
      );
    }
  }

  /**
   * Waits until `condition` (checked against the recorded frames) holds; fails after `timeoutMs` with `what` and the
   * frames seen. Does not consume anything.
   */
  async until(condition: (frames: Frame[]) => boolean, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition(this.frames)) {
      if (Date.now() > deadline || this.closeInfo) {
        throw new Error(
          `${this.label}: ${this.closeInfo ? `closed (${this.closeInfo.code})` : `timed out after ${timeoutMs} ms`} ` +
            `waiting for ${what}. Frames seen: ${this.describeFrames()}`,
        );
      }
      await sleep(10);
    }
  }

  /** Every unconsumed frame of `type`, marked consumed. */
  drain(type: string): any[] {
    const out: any[] = [];
    this.frames.forEach((f, i) => {
      if (f.type === type && !this.consumed.has(i)) {
        this.consumed.add(i);
        out.push(f.data);
      }
    });
    return out;
  }

  /** Every frame of `type` received so far, consumed or not. */
  all(type: string): any[] {
    return this.frames.filter((f) => f.type === type).map((f) => f.data);
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** A ping frame followed by its pong: proves every frame sent before it was processed by the server. */
  async roundTrip(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    const ts = Math.random();
    this.send({ type: 'ping', data: { ts } });
    await this.next('pong', { timeoutMs, where: (d) => d?.ts === ts });
  }

  /** Closes with 1000 (unless told otherwise) and waits for the close to finish. */
  close(code = 1000, reason = ''): Promise<CloseInfo> {
    if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    else if (this.ws.readyState === WebSocket.OPEN) this.ws.close(code, reason);
    return this.closed;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  private findUnconsumed(type: string, where?: (data: any) => boolean): number {
    return this.frames.findIndex((f, i) => !this.consumed.has(i) && f.type === type && (!where || where(f.data)));
  }

  private describeFrames(): string {
    if (this.frames.length === 0) return '(none)';
    return this.frames
      .map((f, i) => {
        const json = JSON.stringify(f.data) ?? 'undefined';
        return `${this.consumed.has(i) ? '' : '*'}${f.type} ${json.length > 160 ? `${json.slice(0, 160)}…` : json}`;
      })
      .join(' | ');
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
