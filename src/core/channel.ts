import type { ScheduleFrame } from './frame-batcher';
import type { Backoff } from './backoff';
import { Connection, type WebSocketLike } from './connection';
import type { Emitter } from './emitter';
import type { HeartbeatOptions } from './heartbeat';
import type { ClientMetrics } from './metrics';
import type { OutboxEntry, OutboxStorage } from './outbox-storage';
import { TokenBucket } from './token-bucket';
import { NatterError } from './errors';
import type { ClientFrame, ServerFrame, User } from './protocol/types';
import type { RestClient } from './rest-client';
import { setConnection, type ChatStore } from './store/chat-store';
import type { Timers } from './timers';

/** The events a client emits. */
export interface ClientEvents {
  error: NatterError;
}

/** What every channel of one client shares. */
export interface ClientContext {
  store: ChatStore;
  rest: RestClient;
  timers: Timers;
  backoff: Backoff;
  currentUser: User;
  events: Emitter<ClientEvents>;
  wsUrl: string;
  getToken: () => string | Promise<string>;
  createSocket: (url: string) => WebSocketLike;
  typingTtlMs: number;
  metrics: ClientMetrics;
  /** How long a written frame may wait for its acknowledgement before it fails; 0 waits forever. */
  sendTimeoutMs: number;
  heartbeat: HeartbeatOptions | false | undefined;
  outboxStorage: OutboxStorage;
  /** Called whenever a socket is wanted; the first call starts watching the environment and restores the outbox. */
  wake: () => void;
  /** Whether the page is visible; receipts and typing are not sent while it is hidden. */
  isVisible: () => boolean;
  /** Runs a callback at the next frame: new messages reach the store at most once per frame under load; null, each at once. */
  scheduleFrame: ScheduleFrame | null;
  /** How many of a chat's newest messages stay in memory (plus what is on screen). */
  maxMessagesInMemory: number;
}

/** How long a channel nobody holds stays open, so an unmount immediately followed by a mount reuses it. */
const LINGER_MS = 50;

/**
 * One socket shared by everyone who holds it (reference-counted), mirrored into the store, with an outbox: frames
 * that need an acknowledgement stay queued until acknowledged and are resent, in order, on every (re)connect. The
 * server's `client_id` idempotency makes the resend safe.
 */
export abstract class Channel {
  readonly connection: Connection;
  private refs = 0;
  private lingerTimer: unknown = null;
  private readonly unsubscribers: Array<() => void> = [];
  /** Unacknowledged frames by client id, in send order: messages, and changes to messages (edits, reactions, …). */
  protected readonly outbox = new Map<string, ClientFrame>();
  private outboxHold: (() => void) | null = null;
  /** Whether this socket's `connected` frame has arrived: until then new frames wait, so they go out after older queued ones. */
  private ready = false;
  /** Rate-limited frames waiting to be resent. */
  private readonly resendTimers = new Set<unknown>();
  /** Frames written to the current socket and not yet acknowledged, by client id: each fails after `sendTimeoutMs`. */
  private readonly ackTimers = new Map<string, unknown>();
  /** Outbox frames written on the current socket; the rest wait for the rate limit, in order. */
  private readonly written = new Set<string>();
  /**
   * The server's limit, mirrored (docs/protocol.md, section 7), so frames wait here instead of being refused there.
   * Defaults to the reference server's until `connected` says otherwise.
   */
  private bucket: TokenBucket;
  private drainTimer: unknown = null;
  /** Set by `disconnect()`: holding the channel does not open the socket until `reconnect()`. */
  private disconnected = false;

  constructor(
    protected readonly ctx: ClientContext,
    /** The key in the store's `connections`. */
    readonly key: string,
    path: string,
  ) {
    this.bucket = new TokenBucket(30, 10, ctx.timers.now);
    this.connection = new Connection({
      url: (token) => `${ctx.wsUrl}${path}?token=${encodeURIComponent(token)}`,
      getToken: ctx.getToken,
      createSocket: ctx.createSocket,
      backoff: ctx.backoff,
      timers: ctx.timers,
      heartbeat: ctx.heartbeat,
    });
    this.unsubscribers.push(
      this.connection.subscribe(() => {
        const snapshot = this.connection.getSnapshot();
        setConnection(ctx.store, key, snapshot);
        ctx.metrics.socket(key, snapshot.status);
      }),
      this.connection.on('open', () => {
        this.ready = false;
      }),
      // A frame in flight on a socket that dropped is resent on the next; only time on a live socket counts.
      this.connection.on('close', () => {
        this.clearAckTimers();
        this.written.clear();
      }),
      this.connection.on('frame', (frame) => {
        ctx.metrics.frameIn();
        this.handleFrame(frame);
      }),
      this.connection.on('sent', () => ctx.metrics.frameOut()),
      this.connection.on('roundTrip', (ms) => ctx.metrics.roundTrip(ms)),
      this.connection.on('close', ({ willRetry }) => {
        if (willRetry) ctx.metrics.reconnect();
      }),
      this.connection.on('error', (error) => ctx.events.emit('error', error)),
    );
  }

  /** Holds the channel open; returns the release. */
  retain(): () => void {
    this.ctx.wake();
    this.refs += 1;
    if (this.lingerTimer !== null) {
      this.ctx.timers.clearTimeout(this.lingerTimer);
      this.lingerTimer = null;
    }
    if (!this.disconnected) this.connection.open();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.refs -= 1;
      if (this.refs === 0) {
        this.lingerTimer = this.ctx.timers.setTimeout(() => {
          this.lingerTimer = null;
          if (this.refs === 0) this.connection.close();
        }, LINGER_MS);
      }
    };
  }

  get held(): boolean {
    return this.refs > 0;
  }

  /** Closes the socket and keeps it closed, whoever holds the channel, until `reconnect()`. */
  disconnect(): void {
    this.disconnected = true;
    this.connection.close();
  }

  /** Connects now (again), if anyone holds the channel. */
  reconnect(): void {
    this.disconnected = false;
    if (this.held) this.connection.reconnect();
  }

  /**
   * Queues a frame until `acknowledge(clientId)`, sending it now if the socket is open and `connected` has arrived
   * (else the flush on `connected` sends it, after the frames queued before it). A non-empty outbox holds the channel
   * open, so a message sent to a chat nobody has joined still goes out.
   */
  protected enqueue(clientId: string, frame: ClientFrame, persist = true): void {
    this.outbox.set(clientId, frame);
    this.ctx.metrics.outbox(this.key, this.outbox.size);
    this.outboxHold ??= this.retain();
    // Only messages are saved across reloads; a change to a message is shown optimistically and lives in memory.
    if (persist && (frame.type === 'send_message' || frame.type === 'direct_message')) {
      const entry = { userId: this.ctx.currentUser.id, clientId, channel: this.key, frame, createdAt: this.ctx.timers.now() };
      this.storage(this.ctx.outboxStorage.put(entry));
    }
    if (this.ready) this.drain();
  }

  /** Storage runs beside the socket: a failure is reported, and the message still goes out from memory. */
  private storage(operation: Promise<void>): void {
    operation.catch((cause: unknown) =>
      this.ctx.events.emit('error', new NatterError('storage_error', 'Could not update the saved outbox', { cause })),
    );
  }

  /**
   * Writes every outbox frame not yet written on this socket, oldest first, while the rate limit allows; when it
   * does not, stops (so nothing overtakes) and comes back when a token is due. Subclasses send their own
   * must-deliver frames (read receipts) after the outbox, through `takeToken`.
   */
  protected drain(): void {
    for (const [clientId, frame] of this.outbox) {
      if (this.written.has(clientId)) continue;
      if (!this.write(clientId, frame)) return;
    }
    this.afterDrain();
  }

  /** Called after the outbox is written out; the chat channel sends queued receipts here. */
  protected afterDrain(): void {}

  /** Takes a rate-limit token, or schedules a drain for when one is due and says no. */
  protected takeToken(): boolean {
    if (this.bucket.take()) return true;
    if (this.drainTimer === null) {
      this.drainTimer = this.ctx.timers.setTimeout(() => {
        this.drainTimer = null;
        if (this.ready) this.drain();
      }, this.bucket.msUntilToken());
    }
    return false;
  }

  /** Writes a queued frame and starts its acknowledgement clock. */
  private write(clientId: string, frame: ClientFrame): boolean {
    if (!this.connection.isOpen || !this.takeToken() || !this.connection.send(frame)) return false;
    this.written.add(clientId);
    const previous = this.ackTimers.get(clientId);
    if (previous !== undefined) this.ctx.timers.clearTimeout(previous);
    if (this.ctx.sendTimeoutMs > 0) {
      const timer = this.ctx.timers.setTimeout(() => {
        this.ackTimers.delete(clientId);
        if (this.outbox.has(clientId)) this.timedOut(clientId);
      }, this.ctx.sendTimeoutMs);
      this.ackTimers.set(clientId, timer);
    }
    return true;
  }

  /**
   * A written frame was not acknowledged in time. By default it is dropped from the outbox and reported; the chat
   * channel keeps it as a failed message the user can retry.
   */
  protected timedOut(clientId: string): void {
    this.acknowledge(clientId);
    this.ctx.events.emit('error', new NatterError('timeout', `No answer from the server within ${this.ctx.sendTimeoutMs} ms`, { clientId }));
  }

  private clearAckTimers(): void {
    for (const timer of this.ackTimers.values()) this.ctx.timers.clearTimeout(timer);
    this.ackTimers.clear();
  }

  /** Resends one queued frame after `ms` (the server answered `rate_limited`), unless acknowledged or flushed meanwhile. */
  protected resendLater(clientId: string, ms: number): void {
    const timer = this.ctx.timers.setTimeout(() => {
      this.resendTimers.delete(timer);
      // Written again in its place in the outbox order.
      this.written.delete(clientId);
      if (this.outbox.has(clientId) && this.ready) this.drain();
    }, ms);
    this.resendTimers.add(timer);
  }

  private clearResendTimers(): void {
    for (const timer of this.resendTimers) this.ctx.timers.clearTimeout(timer);
    this.resendTimers.clear();
  }

  /** The server has the message (or the user gave it up): out of the outbox and out of storage. */
  protected acknowledge(clientId: string): boolean {
    this.storage(this.ctx.outboxStorage.delete(clientId));
    return this.dequeue(clientId);
  }

  /** Takes a frame out of the outbox (it failed); it stays saved, so a reload tries it again. */
  protected dequeue(clientId: string): boolean {
    const removed = this.outbox.delete(clientId);
    this.ctx.metrics.outbox(this.key, this.outbox.size);
    this.written.delete(clientId);
    const timer = this.ackTimers.get(clientId);
    if (timer !== undefined) this.ctx.timers.clearTimeout(timer);
    this.ackTimers.delete(clientId);
    if (this.outbox.size === 0 && this.outboxHold) {
      this.outboxHold();
      this.outboxHold = null;
    }
    return removed;
  }

  /**
   * Resends everything unacknowledged, oldest first (pending rate-limit resends included), under the server's rate
   * limit. Called on every `connected` frame with its limits.
   */
  protected flushOutbox(rate?: { burst: number; refill_per_second: number }): void {
    if (rate && rate.burst > 0 && rate.refill_per_second > 0) {
      this.bucket = new TokenBucket(rate.burst, rate.refill_per_second, this.ctx.timers.now);
    }
    this.ready = true;
    this.clearResendTimers();
    this.written.clear();
    this.drain();
  }

  /** Sends a frame that needs no acknowledgement, if the socket is open and the rate limit allows. */
  sendNow(frame: ClientFrame): boolean {
    return this.connection.isOpen && this.takeToken() && this.connection.send(frame);
  }

  protected abstract handleFrame(frame: ServerFrame): void;

  destroy(): void {
    if (this.lingerTimer !== null) this.ctx.timers.clearTimeout(this.lingerTimer);
    if (this.drainTimer !== null) this.ctx.timers.clearTimeout(this.drainTimer);
    this.clearResendTimers();
    this.clearAckTimers();
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.connection.close();
    setConnection(this.ctx.store, this.key, undefined);
    this.ctx.metrics.socket(this.key, undefined);
  }
}
