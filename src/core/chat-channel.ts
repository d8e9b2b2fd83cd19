import { Channel } from './channel';
import type { ClientContext } from './client-context';
import { ChangeCatchUp } from './change-catch-up';
import { validateContent } from './content';
import type { NatterError } from './errors';
import { FrameBatcher } from './frame-batcher';
import { firstGap, GapFiller } from './gap-filler';
import { checkFileMessage, messageTypeOf } from './file-send';
import { createId } from './ids';
import type { OutboxEntry } from './outbox-storage';
import type { ChannelPart } from './channel-part';
import type { Attachment, HistoryPage, Message, ServerFrame } from './protocol/types';
import { advanceLastRead, advanceRev, applyChange, findHeld } from './store/message-changes';
import { trimMessages } from './store/message-memory';
import { applyDelivered, applyReceipt } from './store/receipts';
import {
  addPending,
  gapStart,
  mergeHistory,
  mergeMessages,
  removeUnconfirmed,
  setPendingStatus,
  type ChatSlice,
  type PendingInput,
} from './store/chat-slice';
import { applyTyping, expireTyping } from './store/typing';
import { selectChat, updateChat } from './store/chat-store';
import { clearTimers } from './timers';

/** Whether the chat's history has answered (even empty): only then does a seq tell what is missing. */
const loaded = (slice: ChatSlice) => slice.lastSeq > 0 || slice.hasOlder !== undefined;

/**
 * One chat's socket and its state: optimistic sends, receipts, typing, and filling gaps in `seq` after a
 * reconnect or a missed frame.
 *
 * @example
 * const channel = new ChatChannel(ctx, chatId);
 * const release = channel.retain();
 * channel.send('Hello', null);
 */
export class ChatChannel extends Channel {
  readonly #parts = new Map<unknown, ChannelPart>();
  /** Receipts not yet echoed back (the server's acknowledgement), in the order marked: a socket that dies may lose them. */
  readonly #receipts = new Set<string>();
  /** Those written on the current socket. */
  readonly #receiptsSent = new Set<string>();
  readonly #typingTimers = new Set<unknown>();
  readonly #catchUp: ChangeCatchUp;
  readonly #gaps: GapFiller;
  /** New messages, taken into the store at most once per frame under load. */
  readonly #incoming: FrameBatcher<Message>;
  /** The oldest seq on the reader's screen, null at the live end: kept in memory whatever the window. */
  #viewportSeq: number | null = null;

  constructor(
    ctx: ClientContext,
    readonly chatId: string,
  ) {
    super(ctx, chatId, `/api/v1/ws/chat/${encodeURIComponent(chatId)}`, chatId);
    this.#catchUp = new ChangeCatchUp(ctx, chatId);
    this.#gaps = new GapFiller(ctx, chatId, (page) => this.#mergePage(page, 'newer'), () => this.held);
    this.#incoming = new FrameBatcher(ctx.scheduleFrame, (messages) => this.#ingest(messages));
  }

  /**
   * This channel's part of class `Part`, made on first use and kept as long as the channel.
   *
   * @example
   * const ops = channel.part(MessageOperations);
   */
  part<T extends ChannelPart>(Part: new (channel: ChatChannel) => T): T {
    if (!this.#parts.has(Part)) this.#parts.set(Part, new Part(this));
    return this.#parts.get(Part) as T;
  }

  /** Asks each part in turn; true as soon as one answers true (the part that owned the client id). */
  #anyPart(ask: (part: ChannelPart) => boolean | undefined): boolean {
    for (const part of this.#parts.values()) if (ask(part)) return true;
    return false;
  }

  get #slice(): ChatSlice {
    return selectChat(this.ctx.store.getState(), this.chatId);
  }

  #update(change: (slice: ChatSlice) => ChatSlice): void {
    updateChat(this.ctx.store, this.chatId, change);
  }

  #addPending(input: Omit<PendingInput, 'chatId' | 'sender'>): void {
    // Added to the caller's fresh object, not spread into a new one: a spread followed by new keys is V8's slow
    // path, about 3 µs of every send on the round-trip bench's cold caches.
    this.#update((slice) => addPending(slice, Object.assign(input, { chatId: this.chatId, sender: this.ctx.currentUser })));
  }

  /**
   * Tells the channel the oldest seq on the reader's screen (null at the live end), so the in-memory window never
   * drops what they see; back at the live end, what they left above goes (it is fetched again when scrolled to).
   */
  setViewport(firstSeq: number | null): void {
    // Messages still queued are trimmed when they land, against this viewport: no extra store update while scrolling.
    this.#viewportSeq = firstSeq;
    this.#update((slice) => trimMessages(slice, this.ctx.maxMessagesInMemory, firstSeq));
  }

  /**
   * Shows the message at once as `pending` and sends it (now, or on the next connect). With attachments (already
   * uploaded) it is an `image` or `file` message whose content is an optional caption. Returns its client id.
   */
  send(content: string, parentMessageId: string | null, attachments: Attachment[] = []): string {
    const withFiles = attachments.length > 0;
    if (withFiles) checkFileMessage(content, attachments.length, this.maxContentBytes, this.chatId);
    else validateContent(content, this.maxContentBytes);
    const clientId = createId();
    const messageType = withFiles ? messageTypeOf(attachments) : 'text';
    this.#addPending({ clientId, content, parentMessageId, now: this.ctx.timers.now(), messageType, attachments });
    const ids = withFiles ? { attachment_ids: attachments.map((a) => a.id) } : {};
    this.enqueueFrame(clientId, {
      type: 'send_message',
      data: { content, message_type: messageType, parent_message_id: parentMessageId, client_id: clientId, ...ids },
    }, attachments);
    return clientId;
  }

  /** Puts a message saved before a reload back in the chat as pending, and in the outbox. */
  override restore(entry: OutboxEntry): void {
    const { clientId, frame, attachments } = entry;
    if (frame.type !== 'send_message') return;
    const { content, parent_message_id: parentMessageId = null, message_type: messageType = 'text' } = frame.data;
    if (!this.#slice.messages.some((m) => m.client_id === clientId)) {
      this.#addPending({ clientId, content, parentMessageId, now: entry.createdAt, messageType, attachments });
    }
    super.restore(entry);
  }

  /** Sends a failed message again (still saved as it failed, or as edited since); false if there is no such message. */
  override retry(clientId: string): boolean {
    if (!this.kept.has(clientId)) return this.#anyPart((part) => part.retry?.(clientId));
    this.#update((slice) => setPendingStatus(slice, clientId, 'pending', null));
    return super.retry(clientId);
  }

  /** A history page was read at this revision: changes after it may be missing (rev catch-up). */
  pageRead(lastRev: number | undefined): void {
    this.#catchUp.pageRead(lastRev);
  }

  /**
   * Sends a read receipt for someone else's message, once, and never while the page is hidden. The message may be
   * held anywhere: the live list, the window of a far jump (jumping to the first unread), a thread.
   */
  markRead(messageId: string): void {
    const { currentUser } = this.ctx;
    const slice = this.#slice;
    const message = findHeld(slice, messageId);
    if (!message || message.sender_id === currentUser.id) return;
    if (slice.readBy[messageId]?.includes(currentUser.id) || this.#receipts.has(messageId) || !this.ctx.isVisible()) return;
    this.#receipts.add(messageId);
    this.afterDrain();
  }

  /**
   * Writes each receipt not yet written on this socket, while the socket and the rate limit allow (after the outbox
   * on `connected`); reading someone's message moves your last read seq to it. A repeat stores nothing (docs/protocol.md 2.4).
   */
  protected override afterDrain(): void {
    for (const messageId of this.#receipts) {
      if (this.#receiptsSent.has(messageId)) continue;
      if (!this.sendNow({ type: 'read_receipt', data: { message_id: messageId } })) return;
      this.#receiptsSent.add(messageId);
      const seq = findHeld(this.#slice, messageId)?.seq;
      this.#update((slice) => advanceLastRead(slice, seq));
    }
  }

  protected override handleFrame(frame: ServerFrame): void {
    const { currentUser, timers, typingTtlMs } = this.ctx;
    if (frame.type === 'new_message') return this.#incoming.push(frame.data);
    // Every other frame applies after the messages that arrived before it (a receipt or edit may be about them).
    this.#incoming.flush();
    // A new socket: every receipt not echoed yet is written again.
    if (frame.type === 'connected') this.#receiptsSent.clear();
    super.handleFrame(frame);
    switch (frame.type) {
      case 'connected': {
        const { delivered_seq: delivered, last_read_seq: lastRead, last_rev: lastRev, last_seq: lastSeq } = frame.data;
        this.#update((slice) => {
          const next = delivered ? applyDelivered(slice, delivered, currentUser.id) : slice;
          // Whoever was typing before the socket dropped may have stopped since: we missed their "false".
          return advanceLastRead(next.typing.length === 0 ? next : { ...next, typing: [] }, lastRead);
        });
        this.#catchUp.connected(lastRev);
        const slice = this.#slice;
        // A fresh socket fills below; a pending retry would only repeat it.
        this.#gaps.cancelRetry();
        // Holes left by an earlier failed fill, then whatever arrived while we were away: a fill starts at the first hole.
        if (gapStart(slice) !== null || (loaded(slice) && (lastSeq ?? 0) > slice.lastSeq)) void this.fillGap();
        return;
      }
      case 'message_updated':
      case 'message_deleted':
        this.#update((slice) => advanceRev(applyChange(slice, frame.data, currentUser.id), frame.data.message.rev));
        this.#parts.forEach((part) => part.changed?.(frame.data));
        return;
      case 'typing_indicator': {
        if (frame.data.user_id === currentUser.id) return;
        this.#update((slice) => applyTyping(slice, frame.data, timers.now(), typingTtlMs));
        const timer = timers.setTimeout(() => {
          this.#typingTimers.delete(timer);
          this.#update((slice) => expireTyping(slice, timers.now()));
        }, typingTtlMs + 1);
        this.#typingTimers.add(timer);
        return;
      }
      case 'delivered':
        return this.#update((slice) => applyDelivered(slice, frame.data.seq, currentUser.id));
      case 'read_receipt':
        if (frame.data.user_id === currentUser.id) this.#receipts.delete(frame.data.message_id);
        return this.#update((slice) => applyReceipt(slice, frame.data, currentUser.id));
      default:
        return;
    }
  }

  #ingest(messages: Message[]): void {
    const before = this.#slice;
    this.#update((slice) => {
      let next = slice;
      let rev = 0;
      for (const message of messages) {
        // Someone who types and then sends has stopped typing.
        next = applyTyping(next, { user_id: message.sender_id, username: '', is_typing: false }, 0, 0);
        rev = Math.max(rev, message.rev ?? 0);
      }
      next = advanceRev(mergeMessages(next, messages, this.ctx.currentUser.id), rev);
      return trimMessages(next, this.ctx.maxMessagesInMemory, this.#viewportSeq);
    });
    this.#confirm(messages);
    // A chat whose history has answered counts as loaded even when empty: a first message at seq 3 means 1-2 were
    // missed. Compare with the lastSeq from before: the messages that revealed the gap are already merged.
    if (!loaded(before)) return;
    const gap = firstGap(before.lastSeq, messages);
    if (gap !== null) void this.fillGap(gap);
  }

  /**
   * Your messages the server has, however they arrived (a live echo or a history page): out of the outbox, and no
   * longer retryable if they had timed out meanwhile.
   */
  #confirm(messages: readonly Message[]): void {
    for (const message of messages) {
      const clientId = message.client_id;
      if (message.sender_id !== this.ctx.currentUser.id || clientId === null) continue;
      this.kept.delete(clientId);
      if (this.queuedFrame(clientId)) this.acknowledgeFrame(clientId);
      this.#parts.forEach((part) => part.confirmed?.(message));
    }
  }

  #mergePage(page: HistoryPage, direction: 'older' | 'newer'): void {
    this.#update((slice) => mergeHistory(slice, page, this.ctx.currentUser.id, direction));
    this.#confirm(page.messages);
    this.#catchUp.pageRead(page.last_rev);
  }

  /** Loads a history page (newest, or before a seq) and fills any hole it reveals below it. */
  async loadPage(query: { before?: number; limit?: number }): Promise<HistoryPage> {
    const page = await this.ctx.rest.history(this.chatId, query);
    this.#mergePage(page, 'older');
    // A fill starts at the first hole.
    if (gapStart(this.#slice) !== null) void this.fillGap();
    return page;
  }

  /** Fetches every message after `from` (default: the last `seq` held) until the server has no more. */
  fillGap(from?: number): Promise<void> {
    return this.#gaps.fill(from);
  }

  /** Edits, deletions and reactions roll back; a message moves to `failed`, keeping its frame for `retry`. */
  protected override failed(clientId: string, error: NatterError): void {
    // A timeout may go off while the answer waits in the batch for the next frame: it arrived in time, so it counts.
    this.#incoming.flush();
    if (!this.queuedFrame(clientId)) return;
    if (this.#anyPart((part) => part.failed?.(clientId, error))) return;
    this.kept.set(clientId, this.queuedFrame(clientId)!);
    this.dequeue(clientId);
    this.#update((slice) => setPendingStatus(slice, clientId, 'failed', error));
    this.ctx.events.emit('error', error);
  }

  /** Drops an unsent (pending or failed) message: from the outbox, and from the chat. Returns whether it was there. */
  override discard(clientId: string): boolean {
    // Every part forgets it (not just the first that knew it).
    let known = super.discard(clientId);
    this.#parts.forEach((part) => (known = !!part.discard?.(clientId) || known));
    this.#update((slice) => removeUnconfirmed(slice, clientId));
    return known;
  }

  override destroy(): void {
    // What arrived is kept: the store outlives the socket.
    this.#incoming.flush();
    this.#incoming.cancel();
    this.#parts.forEach((part) => part.destroy?.());
    this.#gaps.cancelRetry();
    clearTimers(this.ctx.timers, this.#typingTimers);
    super.destroy();
  }
}
