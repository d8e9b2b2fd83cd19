import type { Backoff } from './backoff';
import { Emitter } from './emitter';
import { Heartbeat, type HeartbeatOptions } from './heartbeat';
import { NatterError, type NatterErrorCode } from './errors';
import { parseServerFrame } from './protocol/parse-server-frame';
import type { ClientFrame, ServerFrame } from './protocol/types';
import { clearTimer, type Timers } from './timers';

/**
 * Where a socket stands. `connecting`: first attempt; `reconnecting`: after a drop, waiting or retrying;
 * `closed`: stopped on purpose or refused for good (4003/4004); `unauthorized`: the token was refused twice;
 * `failed`: out of attempts (`maxAttempts`) until `reconnect()`.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed' | 'unauthorized' | 'failed';

/**
 * An event-handler slot. Written in method form so its parameter is checked bivariantly: the browser's and `ws`'s
 * handlers take richer event types (`Event`, `MessageEvent`, `CloseEvent`), and must still fit without a cast.
 */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** The part of the WebSocket API the core uses: the browser's and the `ws` package's both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** A WebSocket class: `globalThis.WebSocket` in browsers, `WebSocket` from `ws` in Node. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** What a connection looks like now. A new object only when something in it changed. */
export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /**
   * Reconnect attempts since a connection last held (stayed open 5 s). While `open` it still counts the attempts that
   * led there until then: a server that accepts and drops at once is retried ever more slowly, and `maxAttempts`
   * still ends it.
   */
  attempt: number;
  /** The last close code seen, or null. */
  closeCode: number | null;
  /** Why the connection stopped, for `closed` (when refused), `unauthorized` and `failed`. */
  error: NatterError | null;
}

/** The events a connection emits. */
export interface ConnectionEvents {
  frame: ServerFrame;
  /** A ping's round trip, in ms. */
  roundTrip: number;
  /** A frame went out, by type. */
  sent: ClientFrame['type'];
  open: undefined;
  close: { code: number; reason: string; willRetry: boolean };
  error: NatterError;
}

/** Everything a connection needs; all of it injectable. */
export interface ConnectionOptions {
  /** Builds the socket URL for a token. */
  url: (token: string) => string;
  /** Called before every connect, so a renewed token is always used; after a 4001, with the refused token. */
  getToken: (refused?: string) => string | Promise<string>;
  createSocket: (url: string) => WebSocketLike;
  backoff: Backoff;
  timers: Timers;
  /** Application pings; `false` turns them off. */
  heartbeat?: HeartbeatOptions | false;
}

const OPEN = 1;
// Close codes are written as numbers (docs/protocol.md, section 4: 1000 normal, 1006 abnormal, 4001 unauthorized,
// 4003 forbidden, 4004 not found, 4008 rate limited), not as `CloseCode.x`: the bundle's gzip is about 10 B smaller so.
/** After a 4008 the server wants us gone for a while (docs/protocol.md, section 4). */
const RATE_LIMITED_MIN_DELAY_MS = 10_000;
/**
 * An open socket that has held this long counts as established even if the server has said nothing, and its attempts
 * are forgiven: a server that accepts and then drops at once is not retried at the first, shortest delay for ever.
 */
const STABLE_MS = 5_000;
/** A connection that never tried: no attempts, no close, no error. */
const FRESH: ConnectionSnapshot = { status: 'idle', attempt: 0, closeCode: null, error: null };

/**
 * One WebSocket with reconnection: a state machine over a swappable transport, driven by a pure `Backoff` and
 * injectable timers. docs/protocol.md's close-code table decides between retrying, renewing the token and stopping.
 *
 * @example
 * const connection = new Connection({ url: (t) => `${wsUrl}?token=${t}`, getToken, createSocket: (u) => new WebSocket(u), backoff: new Backoff(), timers: realTimers });
 * connection.on('frame', (frame) => console.log(frame.type));
 * connection.open();
 */
export class Connection {
  readonly #options: ConnectionOptions;
  readonly #listeners = new Set<() => void>();
  readonly #events = new Emitter<ConnectionEvents>();
  readonly #heartbeat: Heartbeat | null;
  #snapshot = FRESH;
  #socket: WebSocketLike | null = null;
  #retryTimer: unknown = null;
  // Set from the current socket's open until it has held STABLE_MS; cleared with that socket.
  #stableTimer: unknown = null;
  // Bumped whenever a socket is abandoned, so late callbacks from it are ignored.
  #generation = 0;
  #renewedToken = false;
  /** The token of the last connect: after a 4001, the one refused. */
  #token?: string;
  #hasOpened = false;
  #suspended = false;

  constructor(options: ConnectionOptions) {
    this.#options = options;
    this.#heartbeat =
      options.heartbeat === false
        ? null
        : new Heartbeat(
            (ts) => this.send({ type: 'ping', data: { ts } }),
            // The socket stopped answering: drop it as the network would have, and reconnect.
            () => this.#handleClose(this.#generation, 1006, 'No answer to ping'),
            options.timers,
            options.heartbeat,
            (ms) => this.#events.emit('roundTrip', ms),
          );
  }

  /**
   * Checks the socket now: pings if open (no pong in time replaces it), reconnects at once if it was waiting to.
   * For a tab that becomes visible again, or a network that comes back.
   */
  wake(): void {
    this.#suspended = false;
    const { status } = this.#snapshot;
    if (status === 'open') this.#heartbeat?.pingNow();
    else if (status === 'reconnecting' || status === 'failed') this.reconnect();
  }

  /**
   * The network is gone (the browser's `offline`): a pending retry is cancelled and a drop schedules none, so no
   * attempts are spent on a network that is not there. An open socket is pinged: one that went with the network is
   * dropped within the ping timeout, before what is in flight on it times out. `wake()` resumes.
   */
  suspend(): void {
    this.#suspended = true;
    this.#retryTimer = clearTimer(this.#options.timers, this.#retryTimer);
    this.#heartbeat?.pingNow();
  }

  getSnapshot = (): ConnectionSnapshot => this.#snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  on<K extends keyof ConnectionEvents>(event: K, listener: (payload: ConnectionEvents[K]) => void): () => void {
    return this.#events.on(event, listener);
  }

  get isOpen(): boolean {
    return this.#snapshot.status === 'open' && this.#socket?.readyState === OPEN;
  }

  /** Starts connecting unless already connecting or open. */
  open(): void {
    const { status } = this.#snapshot;
    if (status === 'connecting' || status === 'open' || status === 'reconnecting') return;
    this.#hasOpened = false;
    this.#restart(status);
  }

  /** Connects now, resetting the attempt count: for a user's "retry", `online` or a tab becoming visible. */
  reconnect(): void {
    this.#abandonSocket();
    this.#restart('idle');
  }

  /** Closes for good: no reconnect follows. */
  close(): void {
    this.#abandonSocket();
    this.#update({ status: 'closed', error: null });
  }

  /** Sends a frame if the socket is open; returns whether it was sent. */
  send(frame: ClientFrame): boolean {
    if (!this.isOpen) return false;
    this.#socket!.send(JSON.stringify(frame));
    this.#events.emit('sent', frame.type);
    return true;
  }

  /** Starts over from `status`, with every attempt and the renewal allowed again. */
  #restart(status: ConnectionStatus): void {
    this.#renewedToken = false;
    this.#update({ status, attempt: 0, error: null });
    void this.#connect();
  }

  #abandonSocket(): void {
    this.#generation += 1;
    this.#retryTimer = clearTimer(this.#options.timers, this.#retryTimer);
    this.#detach('Client closed');
  }

  /** Lets go of the socket and its timers: its late events are ignored, and it is closed (a no-op if it was). */
  #detach(reason: string): void {
    const socket = this.#socket;
    this.#socket = null;
    this.#stableTimer = clearTimer(this.#options.timers, this.#stableTimer);
    this.#heartbeat?.stop();
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = null;
    // Not null: `ws` emits 'error' when a socket still connecting is closed, and with no listener that is thrown.
    socket.onerror = () => undefined;
    socket.close(1000, reason);
  }

  async #connect(refused?: string): Promise<void> {
    const generation = ++this.#generation;
    const { getToken, createSocket, url, timers } = this.#options;
    this.#update({ status: this.#hasOpened || this.#snapshot.attempt > 0 ? 'reconnecting' : 'connecting' });
    let token: string;
    try {
      token = this.#token = await getToken(refused);
    } catch (cause) {
      if (generation !== this.#generation) return;
      // No token for now (a renewal that could not reach the server): retried as a dropped socket is, and woken by
      // `online`. Only a refused one (or a getToken that fails for its own reasons) stops. A renewal after a 4001
      // that failed so is not spent: the old token may come back, and its 4001 must renew again.
      if (cause instanceof NatterError && cause.code !== 'unauthorized') {
        this.#renewedToken = false;
        return this.#handleClose(generation, 1006, 'Could not get an access token');
      }
      const error = new NatterError('unauthorized', 'Could not get an access token', { cause });
      this.#update({ status: 'unauthorized', error });
      return this.#events.emit('error', error);
    }
    if (generation !== this.#generation) return;
    let socket: WebSocketLike;
    try {
      socket = this.#socket = createSocket(url(token));
    } catch (cause) {
      return this.#handleClose(generation, 1006, `Could not create the socket: ${(cause as Error).message}`);
    }
    socket.onopen = () => {
      if (generation !== this.#generation) return;
      // A server may accept and then close at once (a refused token is closed with 4001 after the upgrade), so
      // the socket opening proves nothing: the connection is `open` once the server has spoken (its `connected`
      // frame), or the socket has held for a while with a server that says nothing first.
      this.#stableTimer = timers.setTimeout(() => {
        this.#established();
        this.#update({ attempt: 0 });
      }, STABLE_MS);
      this.#events.emit('open', undefined);
    };
    socket.onmessage = (event) => {
      if (generation !== this.#generation) return;
      this.#established();
      this.#receive(event.data);
    };
    socket.onclose = (event) => this.#handleClose(generation, event.code, event.reason);
    // An error is always followed by a close, which decides what happens next.
    socket.onerror = () => undefined;
  }

  /** The server has spoken (or the socket has held): `open`. Its attempts are forgiven only once it has held. */
  #established(): void {
    if (this.#snapshot.status === 'open') return;
    this.#renewedToken = false;
    this.#hasOpened = true;
    this.#update({ status: 'open', closeCode: null, error: null });
    this.#heartbeat?.start();
  }

  #receive(data: unknown): void {
    const parsed = typeof data === 'string' ? parseServerFrame(data) : null;
    if (parsed?.kind === 'frame') {
      if (parsed.frame.type === 'pong') this.#heartbeat?.pong(parsed.frame.data.ts);
      this.#events.emit('frame', parsed.frame);
    } else if (parsed?.kind !== 'ignored') {
      this.#events.emit('error', new NatterError('protocol_error', parsed ? parsed.issue.message : 'Frames must be JSON text, not binary'));
    }
  }

  #handleClose(generation: number, code: number, reason: string): void {
    if (generation !== this.#generation) return;
    // Also what a dead socket (no pong) needs; the server's close has already closed it.
    this.#detach(reason);
    const { backoff, timers } = this.#options;
    const { attempt } = this.#snapshot;
    const refused = reason || 'The server refused the connection';
    // A first 4001 may only mean the token expired: one immediate retry with a fresh getToken(), not an attempt.
    const renew = code === 4001 && !this.#renewedToken;
    // Why it stops for good, if it does (docs/protocol.md's close codes): status, error code, message.
    const stop: [ConnectionStatus, NatterErrorCode, string] | false =
      code === 4001
        ? !renew && ['unauthorized', 'unauthorized', refused]
        : code === 4003 || code === 4004
          ? ['closed', 'connection_refused', refused]
          : !backoff.allows(attempt) && ['failed', 'network_error', `Gave up after ${attempt} attempts`];
    const error = stop && new NatterError(stop[1], stop[2], { closeCode: code });
    this.#renewedToken ||= renew;
    // One snapshot change either way, so subscribers never see a half-applied close.
    this.#update(error ? { status: stop[0], error, closeCode: code } : { status: 'reconnecting', attempt: renew ? attempt : attempt + 1, closeCode: code });
    this.#events.emit('close', { code, reason, willRetry: !error });
    if (error) return this.#events.emit('error', error);
    // With the refused token, so a getToken that renews ahead of expiry renews now (createTokenRenewer).
    if (renew) return void this.#connect(this.#token);
    const delay = backoff.delay(attempt);
    if (this.#suspended) return;
    this.#retryTimer = timers.setTimeout(
      () => {
        this.#retryTimer = null;
        if (generation === this.#generation) void this.#connect();
      },
      code === 4008 ? Math.max(RATE_LIMITED_MIN_DELAY_MS, delay) : delay,
    );
  }

  #update(patch: Partial<ConnectionSnapshot>): void {
    const next = { ...this.#snapshot, ...patch };
    const keys = Object.keys(patch) as (keyof ConnectionSnapshot)[];
    if (keys.every((key) => next[key] === this.#snapshot[key])) return;
    this.#snapshot = next;
    for (const listener of [...this.#listeners]) listener();
  }
}
