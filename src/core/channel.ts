import type { ClientContext } from './client-context';
import { Connection } from './connection';
import { DEFAULT_MAX_CONTENT_BYTES } from './content';
import type { OutboxEntry } from './outbox-storage';
import { TokenBucket } from './token-bucket';
import { NatterError, type NatterErrorCode } from './errors';
import type { Attachment, ClientFrame, ServerFrame } from './protocol/types';
import { setConnection } from './store/chat-store';
import { applyPresence } from './store/presence';
import { clearTimer, clearTimers } from './timers';

/** How long a channel nobody holds stays open, so an unmount immediately followed by a mount reuses it. */
const LINGER_MS = 50;

/**
 * One socket shared by everyone who holds it (reference-counted), mirrored into the store, with an outbox: frames
 * that need an acknowledgement stay queued until acknowledged and are resent, in order, on every (re)connect. The
 * server's `client_id` idempotency makes the resend safe. What both kinds of socket share is here: the `connected`
 * frame's limits, presence, and refused or unanswered frames.
 *
 * @example
 * class EchoChannel extends Channel {
 *   protected override handleFrame(frame: ServerFrame) { super.handleFrame(frame); console.log(frame.type); }
 * }
 */
export abstract class Channel {
  readonly connection: Connection;
  /** The server's content limit: the default until `connected` says otherwise. */
  maxContentBytes = DEFAULT_MAX_CONTENT_BYTES;
  /** The chat this socket belongs to, as its errors name it (`{ chatId }`); none for the personal socket. */
  readonly #chatId: { chatId?: string };
  readonly #unsubscribers: Array<() => void>;
  /** Unacknowledged frames by client id, in send order: messages, and changes to messages (edits, reactions, …). */
  readonly #outbox = new Map<string, ClientFrame>();
  /** Frames of failed messages, by client id, kept for `retry` (an edit rewrites them). */
  readonly kept = new Map<string, ClientFrame>();
  #refs = 0;
  #lingerTimer: unknown = null;
  #outboxHold: (() => void) | null = null;
  /** Whether this socket's `connected` frame has arrived: until then new frames wait, so they go out after older queued ones. */
  #ready = false;
  /** Rate-limited frames waiting to be resent. */
  readonly #resendTimers = new Set<unknown>();
  /** Frames written to the current socket and not yet acknowledged, by client id: each fails after `sendTimeoutMs`. */
  readonly #ackTimers = new Map<string, unknown>();
  /** Outbox frames written on the current socket; the rest wait for the rate limit, in order. */
  readonly #written = new Set<string>();
  /**
   * The server's limit, mirrored (docs/protocol.md, section 7), so frames wait here instead of being refused there.
   * Defaults to the reference server's until `connected` says otherwise.
   */
  #bucket: TokenBucket;
  #drainTimer: unknown = null;
  /** Set by `disconnect()`: holding the channel does not open the socket until `reconnect()`. */
  #disconnected = false;

  constructor(
    readonly ctx: ClientContext,
    /** The key in the store's `connections`. */
    readonly key: string,
    path: string,
    chatId?: string,
  ) {
    this.#chatId = chatId ? { chatId } : {};
    this.#bucket = new TokenBucket(30, 10, ctx.timers.now);
    // The context carries every other option a connection takes, under the same names.
    const connection = (this.connection = new Connection({ ...ctx, url: (token) => `${ctx.wsUrl}${path}?token=${encodeURIComponent(token)}` }));
    this.#unsubscribers = [
      connection.subscribe(() => {
        const snapshot = connection.getSnapshot();
        setConnection(ctx.store, key, snapshot);
        ctx.metrics?.socket(key, snapshot.status);
        // A socket that dropped, or was closed or replaced here: what was in flight on it is resent on the next,
        // after its `connected`; only time on a live socket counts.
        if (snapshot.status != 'open') {
          this.#ready = false;
          clearTimers(ctx.timers, this.#ackTimers);
          this.#written.clear();
        }
      }),
      connection.on('close', ({ code, willRetry }) => {
        if (willRetry) ctx.metrics?.reconnect();
        // A frame over the server's limit (docs/protocol.md, section 4): the oldest unacknowledged one, as the server
        // answered every frame before it. Failed rather than resent, or every reconnect would end the same way.
        for (const [id] of code == 1009 ? this.#outbox : []) return this.failed(id, this.#error('payload_too_large', 'Message too big', id));
      }),
      connection.on('frame', (frame) => {
        ctx.metrics?.frameIn();
        this.handleFrame(frame);
      }),
      connection.on('sent', () => ctx.metrics?.frameOut()),
      connection.on('roundTrip', (ms) => ctx.metrics?.roundTrip(ms)),
      connection.on('error', (error) => ctx.events.emit('error', error)),
    ];
  }

  /** Holds the channel open; returns the release. */
  retain(): () => void {
    const { timers } = this.ctx;
    this.ctx.wake();
    this.#refs += 1;
    this.#lingerTimer = clearTimer(timers, this.#lingerTimer);
    if (!this.#disconnected) this.connection.open();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#refs > 0) return;
      this.#lingerTimer = timers.setTimeout(() => {
        this.#lingerTimer = null;
        if (this.#refs === 0) this.connection.close();
      }, LINGER_MS);
    };
  }

  get held(): boolean {
    return this.#refs > 0;
  }

  /** Held by someone other than its own outbox: a chat on screen, not one a queued message keeps open. */
  get joined(): boolean {
    return this.#refs > +!!this.#outboxHold;
  }

  /** Closes the socket and keeps it closed, whoever holds the channel, until `reconnect()`. */
  disconnect(): void {
    this.#disconnected = true;
    this.connection.close();
  }

  /** Connects now (again), if anyone holds the channel. */
  reconnect(): void {
    this.#disconnected = false;
    if (this.held) this.connection.reconnect();
  }

  /**
   * Queues a frame until `acknowledgeFrame(clientId)`, sending it now if the socket is open and `connected` has
   * arrived (else the flush on `connected` sends it, after the frames queued before it). A non-empty outbox holds the
   * channel open, so a message sent to a chat nobody has joined still goes out. A message is saved across reloads
   * with the `attachments` its row shows, unless they are false (kept in memory only).
   */
  enqueueFrame(clientId: string, frame: ClientFrame, attachments: Attachment[] | false = []): void {
    const { ctx } = this;
    this.#outbox.set(clientId, frame);
    ctx.metrics?.outbox(this.key, this.#outbox.size);
    this.#outboxHold ??= this.retain();
    // Only messages are saved across reloads; a change to a message is shown optimistically and lives in memory.
    if (attachments && (frame.type === 'send_message' || frame.type === 'direct_message')) this.save(clientId, frame, ctx.timers.now(), attachments);
    if (this.#ready) this.#drain();
  }

  /** Saves a message across reloads (`attachments`: what its row shows), beside the socket: see `#storage`. */
  save(clientId: string, frame: OutboxEntry['frame'], createdAt: number, attachments: Attachment[]): void {
    const { ctx } = this;
    this.#storage(ctx.outboxStorage.put({ userId: ctx.currentUser.id, clientId, channel: this.key, frame, createdAt, attachments }));
  }

  /** Sends a failed message again, with the same client id (not saved again: see `failed`); false if there is none. */
  retry(clientId: string): boolean {
    const frame = this.kept.get(clientId);
    if (frame) {
      this.kept.delete(clientId);
      this.enqueueFrame(clientId, frame, false);
    }
    return !!frame;
  }

  /** Drops a message not got through yet (queued or failed); returns whether it was there. */
  discard(clientId: string): boolean {
    const known = this.kept.delete(clientId) || !!this.queuedFrame(clientId);
    this.acknowledgeFrame(clientId);
    return known;
  }

  /** How many frames wait for their acknowledgement. */
  get outboxSize(): number {
    return this.#outbox.size;
  }

  /** The queued (unacknowledged) frame under this client id, if any. */
  queuedFrame(clientId: string): ClientFrame | undefined {
    return this.#outbox.get(clientId);
  }

  /** Puts a frame saved before a reload back in the outbox (it is saved already). */
  restore(entry: OutboxEntry): void {
    this.enqueueFrame(entry.clientId, entry.frame, false);
  }

  /** The server has the message (or the user gave it up): out of the outbox and out of storage. */
  acknowledgeFrame(clientId: string): void {
    this.#storage(this.ctx.outboxStorage.delete(clientId));
    this.dequeue(clientId);
  }

  /** Takes a frame out of the outbox (it failed); it stays saved, so a reload tries it again. */
  protected dequeue(clientId: string): void {
    this.#outbox.delete(clientId);
    this.ctx.metrics?.outbox(this.key, this.#outbox.size);
    this.#written.delete(clientId);
    clearTimer(this.ctx.timers, this.#ackTimers.get(clientId));
    this.#ackTimers.delete(clientId);
    if (this.#outbox.size === 0 && this.#outboxHold) {
      this.#outboxHold();
      this.#outboxHold = null;
    }
  }

  /** Sends a frame that needs no acknowledgement, if the socket is open and the rate limit allows. */
  sendNow(frame: ClientFrame): boolean {
    return this.connection.isOpen && this.#takeToken() && this.connection.send(frame);
  }

  /** Applies what every socket's frames share; subclasses handle the rest after calling this. */
  protected handleFrame(frame: ServerFrame): void {
    const { store, events } = this.ctx;
    if (frame.type === 'connected') {
      const { limits, presence } = frame.data;
      this.maxContentBytes = limits?.max_content_bytes ?? this.maxContentBytes;
      // Sends the outbox, then (afterDrain) what waited behind it, under the server's limit.
      this.#flushOutbox(limits?.rate_limit);
      applyPresence(store, presence ?? []);
    } else if (frame.type === 'presence') applyPresence(store, [frame.data]);
    else if (frame.type === 'error') {
      const { client_id: clientId, code, message } = frame.data;
      const error = this.#error(code, message, clientId);
      if (clientId && this.#outbox.has(clientId)) {
        // Rate limiting is temporary: still queued, resent once the server's bucket has a token again.
        if (code === 'rate_limited') this.#resendLater(clientId, frame.data.retry_after_ms ?? 1000);
        else return this.failed(clientId, error);
      }
      events.emit('error', error);
    }
  }

  /**
   * A queued frame failed for good: the server refused it, or did not acknowledge it within `sendTimeoutMs`. By
   * default it is kept for `retry` in memory only (nothing shows it after a reload) and reported; the chat channel
   * shows a failed message, and keeps it saved.
   */
  protected failed(clientId: string, error: NatterError): void {
    this.kept.set(clientId, this.queuedFrame(clientId)!);
    this.acknowledgeFrame(clientId);
    this.ctx.events.emit('error', error);
  }

  /** Called after the outbox is written out; the chat channel sends queued receipts here. */
  protected afterDrain(): void {}

  destroy(): void {
    const { ctx } = this;
    // Nobody holds a destroyed channel: what retries while held (a gap fill) stops.
    this.#refs = 0;
    clearTimer(ctx.timers, this.#lingerTimer);
    clearTimer(ctx.timers, this.#drainTimer);
    clearTimers(ctx.timers, this.#resendTimers);
    clearTimers(ctx.timers, this.#ackTimers);
    for (const unsubscribe of this.#unsubscribers.splice(0)) unsubscribe();
    this.connection.close();
    setConnection(ctx.store, this.key, undefined);
    ctx.metrics?.socket(this.key, undefined);
  }

  #error(code: NatterErrorCode, message: string, clientId?: string | null): NatterError {
    return new NatterError(code, message, { ...this.#chatId, ...(clientId ? { clientId } : {}) });
  }

  /** Storage runs beside the socket: a failure is reported, and the message still goes out from memory. */
  #storage(operation: Promise<void>): void {
    operation.catch((cause: unknown) =>
      this.ctx.events.emit('error', new NatterError('storage_error', 'Could not update the saved outbox', { cause })),
    );
  }

  /**
   * Writes every outbox frame not yet written on this socket, oldest first, while the rate limit allows; when it
   * does not, stops (so nothing overtakes) and comes back when a token is due. Then `afterDrain`, whose frames
   * must wait for the outbox (read receipts) and go out through `sendNow`.
   */
  #drain(): void {
    for (const [clientId, frame] of this.#outbox) {
      if (!this.#written.has(clientId) && !this.#write(clientId, frame)) return;
    }
    this.afterDrain();
  }

  /** Takes a rate-limit token, or schedules a drain for when one is due and says no. */
  #takeToken(): boolean {
    if (this.#bucket.take()) return true;
    this.#drainTimer ??= this.ctx.timers.setTimeout(() => {
      this.#drainTimer = null;
      if (this.#ready) this.#drain();
    }, this.#bucket.msUntilToken());
    return false;
  }

  /** Writes a queued frame and starts its acknowledgement clock. */
  #write(clientId: string, frame: ClientFrame): boolean {
    if (!this.sendNow(frame)) return false;
    const { timers, sendTimeoutMs } = this.ctx;
    this.#written.add(clientId);
    clearTimer(timers, this.#ackTimers.get(clientId));
    if (sendTimeoutMs > 0) {
      const timer = timers.setTimeout(() => {
        this.#ackTimers.delete(clientId);
        if (this.#outbox.has(clientId)) this.failed(clientId, this.#error('timeout', `No answer from the server within ${sendTimeoutMs} ms`, clientId));
      }, sendTimeoutMs);
      this.#ackTimers.set(clientId, timer);
    }
    return true;
  }

  /** Resends one queued frame after `ms` (the server answered `rate_limited`), unless acknowledged or flushed meanwhile. */
  #resendLater(clientId: string, ms: number): void {
    const timer = this.ctx.timers.setTimeout(() => {
      this.#resendTimers.delete(timer);
      // Written again in its place in the outbox order.
      this.#written.delete(clientId);
      if (this.#outbox.has(clientId) && this.#ready) this.#drain();
    }, ms);
    this.#resendTimers.add(timer);
  }

  /**
   * Resends everything unacknowledged, oldest first (pending rate-limit resends included), under the server's rate
   * limit. Called on every `connected` frame with its limits; a second one on the same socket changes nothing here:
   * what it would resend is in flight, and the server's bucket for this socket is not refilled.
   */
  #flushOutbox(rate?: { burst: number; refill_per_second: number }): void {
    if (this.#ready) return;
    if (rate && rate.burst > 0 && rate.refill_per_second > 0) {
      this.#bucket = new TokenBucket(rate.burst, rate.refill_per_second, this.ctx.timers.now);
    }
    this.#ready = true;
    clearTimers(this.ctx.timers, this.#resendTimers);
    this.#written.clear();
    this.#drain();
  }
}
