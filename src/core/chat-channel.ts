import { Channel, type ClientContext } from './channel';
import { ChangeCatchUp } from './change-catch-up';
import { DEFAULT_MAX_CONTENT_BYTES, validateContent } from './content';
import { NatterError } from './errors';
import { FrameBatcher } from './frame-batcher';
import { GapFiller } from './gap-filler';
import { checkFileMessage, FileSender, messageTypeOf } from './file-send';
import { createId } from './ids';
import { MessageOperations } from './message-operations';
import type { LookupHost } from './message-lookup';
import type { OutboxEntry } from './outbox-storage';
import type { Attachment, ClientFrame, ErrorInfo, HistoryPage, Message, ServerFrame } from './protocol/types';
import { advanceLastRead, advanceRev } from './store/message-changes';
import { applyLastMessageChange } from './store/chat-list';
import { trimMessages } from './store/message-memory';
import { applyPresence } from './store/presence';
import {
  addPending,
  applyDelivered,
  applyReceipt,
  applyTyping,
  expireTyping,
  gapStart,
  mergeHistory,
  mergeMessages,
  removeUnconfirmed,
  setPendingStatus,
} from './store/chat-slice';
import { selectChat, updateChat } from './store/chat-store';

/**
 * One chat's socket and its state: optimistic sends, receipts, typing, and filling gaps in `seq` after a
 * reconnect or a missed frame.
 */
export class ChatChannel extends Channel {
  maxContentBytes = DEFAULT_MAX_CONTENT_BYTES;
  private readonly failed = new Map<string, ClientFrame>();
  private readonly receiptsSent = new Set<string>();
  private readonly receiptsQueued = new Set<string>();
  private readonly timers = new Set<unknown>();
  /** What the helpers below see of this channel: the outbox, paging, the limits. */
  readonly host: LookupHost & ConstructorParameters<typeof MessageOperations>[0];
  /** Edits, deletions and reactions. */
  readonly ops: MessageOperations;
  /** Messages with files. */
  readonly files: FileSender;
  private readonly catchUp: ChangeCatchUp;
  private readonly gaps: GapFiller;
  /** New messages, taken into the store at most once per frame under load. */
  private readonly incoming: FrameBatcher<Message>;
  /** The oldest seq on the reader's screen, null at the live end: kept in memory whatever the window. */
  private viewportSeq: number | null = null;

  constructor(
    ctx: ClientContext,
    readonly chatId: string,
  ) {
    super(ctx, chatId, `/api/v1/ws/chat/${encodeURIComponent(chatId)}`);
    const channel = this;
    this.host = {
      ctx,
      chatId,
      get maxContentBytes() {
        return channel.maxContentBytes;
      },
      enqueueFrame: (clientId, frame, persist) => this.enqueue(clientId, frame, persist),
      acknowledgeFrame: (clientId) => void this.acknowledge(clientId),
      queuedFrame: (clientId) => this.outbox.get(clientId),
      discard: (clientId) => this.discard(clientId),
      loadPage: (query) => this.loadPage(query),
      fillGap: () => this.fillGap(),
      pageRead: (lastRev) => this.catchUp.pageRead(lastRev),
    };
    this.ops = new MessageOperations(this.host);
    this.files = new FileSender(this.host);
    this.catchUp = new ChangeCatchUp(ctx, chatId);
    this.gaps = new GapFiller(ctx, chatId, (page) => this.mergePage(page, 'newer'), () => this.held);
    this.incoming = new FrameBatcher(ctx.scheduleFrame, (messages) => this.ingest(messages));
  }

  /**
   * Tells the channel the oldest seq on the reader's screen (null at the live end), so the in-memory window never
   * drops what they see; back at the live end, what they left above goes (it is fetched again when scrolled to).
   */
  setViewport(firstSeq: number | null): void {
    // Messages still queued are trimmed when they land, against this viewport: no extra store update while scrolling.
    this.viewportSeq = firstSeq;
    updateChat(this.ctx.store, this.chatId, (slice) => trimMessages(slice, this.ctx.maxMessagesInMemory, firstSeq));
  }

  /**
   * Shows the message at once as `pending` and sends it (now, or on the next connect). With attachments (already
   * uploaded) it is an `image` or `file` message whose content is an optional caption. Returns its client id.
   */
  send(content: string, parentMessageId: string | null, attachments: Attachment[] = []): string {
    if (attachments.length === 0) validateContent(content, this.maxContentBytes);
    else checkFileMessage(content, attachments.length, this.maxContentBytes, this.chatId);
    const clientId = createId();
    const messageType = attachments.length > 0 ? messageTypeOf(attachments) : 'text';
    updateChat(this.ctx.store, this.chatId, (slice) =>
      addPending(slice, { clientId, chatId: this.chatId, sender: this.ctx.currentUser, content, parentMessageId, now: this.ctx.timers.now(), messageType, attachments }),
    );
    const ids = attachments.length > 0 ? { attachment_ids: attachments.map((a) => a.id) } : {};
    this.enqueue(clientId, {
      type: 'send_message',
      data: { content, message_type: messageType, parent_message_id: parentMessageId, client_id: clientId, ...ids },
    });
    return clientId;
  }

  /** Puts a message saved before a reload back in the chat as pending, and in the outbox. */
  restore(entry: OutboxEntry): void {
    if (entry.frame.type !== 'send_message') return;
    const { content, parent_message_id: parentMessageId = null, message_type: messageType = 'text' } = entry.frame.data;
    const known = selectChat(this.ctx.store.getState(), this.chatId).messages.some((m) => m.client_id === entry.clientId);
    if (!known) {
      const now = entry.createdAt;
      updateChat(this.ctx.store, this.chatId, (slice) =>
        addPending(slice, { clientId: entry.clientId, chatId: this.chatId, sender: this.ctx.currentUser, content, parentMessageId, now, messageType }),
      );
    }
    this.enqueue(entry.clientId, entry.frame, false);
  }

  /** Sends a failed message again; false if there is no such failed message. */
  retry(clientId: string): boolean {
    const frame = this.failed.get(clientId);
    if (!frame) return this.files.retry(clientId);
    this.failed.delete(clientId);
    updateChat(this.ctx.store, this.chatId, (slice) => setPendingStatus(slice, clientId, 'pending', null));
    this.enqueue(clientId, frame);
    return true;
  }

  /** Sends a read receipt for someone else's message, once, and never while the page is hidden. */
  markRead(messageId: string): void {
    const { currentUser, store } = this.ctx;
    const slice = selectChat(store.getState(), this.chatId);
    const message = slice.messages.find((m) => m.id === messageId);
    if (!message || message.sender_id === currentUser.id) return;
    if (slice.readBy[messageId]?.includes(currentUser.id) || this.receiptsSent.has(messageId)) return;
    if (!this.ctx.isVisible()) return;
    if (this.sendNow({ type: 'read_receipt', data: { message_id: messageId } })) this.receiptSent(messageId);
    else this.receiptsQueued.add(messageId);
  }

  /** Reading someone's message moves your own last read seq to it. */
  private receiptSent(messageId: string): void {
    this.receiptsSent.add(messageId);
    const seq = selectChat(this.ctx.store.getState(), this.chatId).messages.find((m) => m.id === messageId)?.seq;
    updateChat(this.ctx.store, this.chatId, (slice) => advanceLastRead(slice, seq));
  }

  /** Receipts that waited for the socket or the rate limit go out after the messages. */
  protected override afterDrain(): void {
    for (const messageId of this.receiptsQueued) {
      if (!this.sendNow({ type: 'read_receipt', data: { message_id: messageId } })) return;
      this.receiptsQueued.delete(messageId);
      this.receiptSent(messageId);
    }
  }

  protected handleFrame(frame: ServerFrame): void {
    const { store, currentUser, timers, typingTtlMs } = this.ctx;
    if (frame.type === 'new_message') return this.incoming.push(frame.data);
    // Every other frame applies after the messages that arrived before it (a receipt or edit may be about them).
    this.incoming.flush();
    switch (frame.type) {
      case 'connected': {
        this.maxContentBytes = frame.data.limits?.max_content_bytes ?? this.maxContentBytes;
        // Sends the outbox, then (afterDrain) the receipts queued while disconnected, under the server's limit.
        this.flushOutbox(frame.data.limits?.rate_limit);
        if (frame.data.delivered_seq) {
          const seq = frame.data.delivered_seq;
          updateChat(store, this.chatId, (slice) => applyDelivered(slice, seq, currentUser.id));
        }
        // Whoever was typing before the socket dropped may have stopped since: we missed their "false".
        updateChat(store, this.chatId, (slice) => (slice.typing.length === 0 ? slice : { ...slice, typing: [] }));
        updateChat(store, this.chatId, (slice) => advanceLastRead(slice, frame.data.last_read_seq));
        if (frame.data.presence?.length) applyPresence(store, frame.data.presence);
        this.catchUp.connected(frame.data.last_rev);
        const slice = selectChat(store.getState(), this.chatId);
        const loaded = slice.lastSeq > 0 || slice.hasOlder !== undefined;
        // A fresh socket fills below; a pending retry would only repeat it.
        this.gaps.cancelRetry();
        // Holes left by an earlier failed fill come first; then whatever arrived while we were away.
        const hole = gapStart(slice);
        if (hole !== null) void this.fillGap(hole);
        else if (loaded && (frame.data.last_seq ?? 0) > slice.lastSeq) void this.fillGap();
        return;
      }
      case 'message_updated':
      case 'message_deleted':
        this.ops.changed(frame.data);
        applyLastMessageChange(store, frame.data.message);
        return;
      case 'presence':
        applyPresence(store, [frame.data]);
        return;
      case 'typing_indicator': {
        if (frame.data.user_id === currentUser.id) return;
        updateChat(store, this.chatId, (slice) => applyTyping(slice, frame.data, timers.now(), typingTtlMs));
        const timer = timers.setTimeout(() => {
          this.timers.delete(timer);
          updateChat(store, this.chatId, (slice) => expireTyping(slice, timers.now()));
        }, typingTtlMs + 1);
        this.timers.add(timer);
        return;
      }
      case 'delivered':
        updateChat(store, this.chatId, (slice) => applyDelivered(slice, frame.data.seq, currentUser.id));
        return;
      case 'read_receipt':
        updateChat(store, this.chatId, (slice) => applyReceipt(slice, frame.data, currentUser.id));
        return;
      case 'error':
        this.handleError(frame.data);
        return;
      default:
        return;
    }
  }

  private ingest(messages: Message[]): void {
    const { store, currentUser } = this.ctx;
    const before = selectChat(store.getState(), this.chatId);
    updateChat(store, this.chatId, (slice) => {
      let next = slice;
      let rev = 0;
      for (const message of messages) {
        // Someone who types and then sends has stopped typing.
        next = applyTyping(next, { user_id: message.sender_id, username: '', is_typing: false }, 0, 0);
        rev = Math.max(rev, message.rev ?? 0);
      }
      next = advanceRev(mergeMessages(next, messages, currentUser.id), rev);
      return trimMessages(next, this.ctx.maxMessagesInMemory, this.viewportSeq);
    });
    this.confirm(messages);
    // A chat whose history has answered counts as loaded even when empty: a first message at seq 3 means 1-2 were
    // missed. Compare with the lastSeq from before: the messages that revealed the gap are already merged.
    if (before.lastSeq === 0 && before.hasOlder === undefined) return;
    let last = before.lastSeq;
    for (const seq of messages.map((m) => m.seq).sort((a, b) => a - b)) {
      if (seq > last + 1) return void this.fillGap(last);
      last = Math.max(last, seq);
    }
  }

  /**
   * Your messages the server has, however they arrived (a live echo or a history page): out of the outbox, and no
   * longer retryable if they had timed out meanwhile.
   */
  private confirm(messages: readonly Message[]): void {
    for (const message of messages) {
      if (message.sender_id !== this.ctx.currentUser.id || message.client_id === null) continue;
      this.failed.delete(message.client_id);
      if (this.outbox.has(message.client_id)) this.acknowledge(message.client_id);
      this.files.forget(message.client_id);
      this.ops.confirmed(message);
    }
  }

  private mergePage(page: HistoryPage, direction: 'older' | 'newer'): void {
    updateChat(this.ctx.store, this.chatId, (slice) => mergeHistory(slice, page, this.ctx.currentUser.id, direction));
    this.confirm(page.messages);
    this.catchUp.pageRead(page.last_rev);
  }

  /** Loads a history page (newest, or before a seq) and fills any hole it reveals below it. */
  async loadPage(query: { before?: number; limit?: number }): Promise<HistoryPage> {
    const page = await this.ctx.rest.history(this.chatId, query);
    this.mergePage(page, 'older');
    const hole = gapStart(selectChat(this.ctx.store.getState(), this.chatId));
    if (hole !== null) void this.fillGap(hole);
    return page;
  }

  /** Fetches every message after `from` (default: the last `seq` held) until the server has no more. */
  fillGap(from?: number): Promise<void> {
    return this.gaps.fill(from);
  }

  /** Moves a queued message to `failed`, keeping its frame for `retry`. */
  private fail(clientId: string, error: NatterError): void {
    const frame = this.outbox.get(clientId);
    if (!frame) return;
    this.failed.set(clientId, frame);
    this.dequeue(clientId);
    updateChat(this.ctx.store, this.chatId, (slice) => setPendingStatus(slice, clientId, 'failed', error));
  }

  protected override timedOut(clientId: string): void {
    const error = new NatterError('timeout', `No answer from the server within ${this.ctx.sendTimeoutMs} ms`, { chatId: this.chatId, clientId });
    if (this.ops.owns(clientId)) return this.ops.fail(clientId, error);
    this.fail(clientId, error);
    this.ctx.events.emit('error', error);
  }

  /** Drops an unsent (pending or failed) message: from the outbox, and from the chat. Returns whether it was there. */
  discard(clientId: string): boolean {
    const known = this.outbox.has(clientId) || this.failed.has(clientId) || this.files.has(clientId);
    this.files.forget(clientId);
    this.acknowledge(clientId);
    this.failed.delete(clientId);
    updateChat(this.ctx.store, this.chatId, (slice) => removeUnconfirmed(slice, clientId));
    return known;
  }

  private handleError(info: ErrorInfo): void {
    const clientId = info.client_id;
    const error = new NatterError(info.code, info.message, { chatId: this.chatId, ...(clientId ? { clientId } : {}) });
    if (clientId && this.outbox.has(clientId)) {
      // Rate limiting is temporary: still queued, resent once the server's bucket has a token again.
      if (info.code === 'rate_limited') this.resendLater(clientId, info.retry_after_ms ?? 1000);
      else if (this.ops.owns(clientId)) return this.ops.fail(clientId, error);
      else this.fail(clientId, error);
    }
    this.ctx.events.emit('error', error);
  }

  override destroy(): void {
    // What arrived is kept: the store outlives the socket.
    this.incoming.flush();
    this.incoming.cancel();
    this.files.destroy();
    this.gaps.cancelRetry();
    for (const timer of this.timers) this.ctx.timers.clearTimeout(timer);
    this.timers.clear();
    super.destroy();
  }
}
