import type { ClientContext } from './channel';
import { NatterError } from './errors';
import { createId } from './ids';
import type { ClientFrame, Message, MessageChange } from './protocol/types';
import type { ChatMessage } from './store/chat-slice';
import { selectChat, updateChat } from './store/chat-store';
import { addOptimistic, advanceRev, applyChange, findHeld, settleOptimistic, type OptimisticOp } from './store/message-changes';
import { updateUnconfirmed } from './store/chat-slice';

/** What the operations need from their chat channel: its outbox. */
export interface OperationsHost {
  readonly ctx: ClientContext;
  readonly chatId: string;
  maxContentBytes: number;
  /** Queues a frame until acknowledged (sent now if the socket is ready). */
  enqueueFrame(clientId: string, frame: ClientFrame, persist: boolean): void;
  /** Takes a frame out of the outbox. */
  acknowledgeFrame(clientId: string): void;
  /** The queued frame of a message not yet confirmed. */
  queuedFrame(clientId: string): ClientFrame | undefined;
  /** Drops a pending or failed message. */
  discard(clientId: string): boolean;
}

const MAX_EMOJI_BYTES = 64;
const bytes = (text: string) => new TextEncoder().encode(text).length;
const invalid = (message: string, chatId: string) => new NatterError('invalid_argument', message, { chatId });

/**
 * Edits, deletions and reactions of one chat: shown at once (optimistic), sent through the outbox like messages
 * (a `client_id` per change; the `message_updated` / `message_deleted` echoing it confirms), rolled back exactly
 * when the server refuses or does not answer in time.
 *
 * @example
 * const ops = new MessageOperations(channel);
 * const opId = ops.edit(messageId, 'fixed typo');
 */
export class MessageOperations {
  /** This tab's changes waiting for the server, by op id. */
  private readonly waiting = new Set<string>();
  /** What the user wants of own messages changed while still queued, for when the server stored the old copy. */
  private readonly wanted = new Map<string, { content: string } | 'deleted'>();

  constructor(private readonly host: OperationsHost) {}

  private get slice() {
    return selectChat(this.host.ctx.store.getState(), this.host.chatId);
  }

  private unconfirmed(clientId: string): ChatMessage | undefined {
    return this.slice.messages.find((m) => m.seq === null && m.client_id === clientId);
  }

  /** A confirmed message the current user may change; throws `invalid_argument` otherwise. */
  private target(messageId: string, ownOnly: boolean): ChatMessage {
    const { chatId, ctx } = this.host;
    const held = findHeld(this.slice, messageId);
    if (!held) {
      if (this.unconfirmed(messageId)) throw invalid('The message is not sent yet', chatId);
      throw invalid(`Unknown message ${messageId}`, chatId);
    }
    if (ownOnly && held.sender_id !== ctx.currentUser.id) throw invalid('Only the author can change a message', chatId);
    if (held.deleted_at != null) throw invalid('The message is deleted', chatId);
    return held;
  }

  private checkContent(content: string, messageType: string): void {
    const { chatId, maxContentBytes } = this.host;
    if (typeof content !== 'string') throw invalid('Content must be a string', chatId);
    if (content.trim() === '' && messageType !== 'file' && messageType !== 'image') throw invalid('A message needs some text', chatId);
    if (bytes(content) > maxContentBytes) throw invalid(`The message is ${bytes(content)} bytes; the limit is ${maxContentBytes}`, chatId);
  }

  private apply(messageId: string, op: Omit<OptimisticOp, 'opId' | 'userId' | 'at'>, frame: (opId: string) => ClientFrame): string {
    const { ctx, chatId } = this.host;
    const opId = createId();
    const full: OptimisticOp = { ...op, opId, userId: ctx.currentUser.id, at: new Date(ctx.timers.now()).toISOString() };
    updateChat(ctx.store, chatId, (slice) => addOptimistic(slice, messageId, full));
    this.waiting.add(opId);
    this.host.enqueueFrame(opId, frame(opId), false);
    return opId;
  }

  /** Edits one of your messages; a message still queued has its queued frame rewritten. Returns the op's client id. */
  edit(messageId: string, content: string): string {
    const { ctx, chatId } = this.host;
    const queued = this.host.queuedFrame(messageId);
    const pending = this.unconfirmed(messageId);
    if (pending) {
      this.checkContent(content, pending.message_type);
      if (queued?.type === 'send_message') this.host.enqueueFrame(messageId, { ...queued, data: { ...queued.data, content } }, true);
      updateChat(ctx.store, chatId, (slice) => updateUnconfirmed(slice, messageId, { content }));
      this.wanted.set(messageId, { content });
      return messageId;
    }
    const held = this.target(messageId, true);
    this.checkContent(content, held.message_type);
    return this.apply(held.id!, { kind: 'edit', content }, (opId) => ({ type: 'edit_message', data: { message_id: held.id!, content, client_id: opId } }));
  }

  /** Deletes one of your messages (a tombstone); one not sent yet is discarded. Returns the op's client id. */
  delete(messageId: string): string {
    if (this.unconfirmed(messageId)) {
      this.host.discard(messageId);
      // It may already be on its way: if the server stores it anyway, it is deleted when it comes back.
      this.wanted.set(messageId, 'deleted');
      return messageId;
    }
    const held = this.target(messageId, true);
    return this.apply(held.id!, { kind: 'delete' }, (opId) => ({ type: 'delete_message', data: { message_id: held.id!, client_id: opId } }));
  }

  private checkEmoji(emoji: string): void {
    const { chatId } = this.host;
    if (typeof emoji !== 'string' || emoji === '' || bytes(emoji) > MAX_EMOJI_BYTES || /[\s\p{Cc}]/u.test(emoji)) {
      throw invalid('An emoji is 1–64 bytes with no white space', chatId);
    }
  }

  /** Adds (`add: true`) or removes a reaction of the current user. Returns the op's client id. */
  react(messageId: string, emoji: string, add: boolean): string {
    this.checkEmoji(emoji);
    const held = this.target(messageId, false);
    const type = add ? 'add_reaction' : 'remove_reaction';
    return this.apply(held.id!, { kind: type, emoji }, (opId) => ({ type, data: { message_id: held.id!, emoji, client_id: opId } }));
  }

  /** Adds the reaction unless the current user already has it, else removes it. */
  toggle(messageId: string, emoji: string): string {
    const held = findHeld(this.slice, messageId);
    const mine = held?.reactions?.some((r) => r.emoji === emoji && r.user_ids.includes(this.host.ctx.currentUser.id)) ?? false;
    return this.react(messageId, emoji, !mine);
  }

  /** A `message_updated` / `message_deleted` frame: the newer copy, and the end of the change it confirms. */
  changed(change: MessageChange): void {
    const { ctx, chatId } = this.host;
    const mine = change.client_id !== null && change.user_id === ctx.currentUser.id && this.waiting.has(change.client_id);
    updateChat(ctx.store, chatId, (slice) => advanceRev(applyChange(slice, change, ctx.currentUser.id), change.message.rev));
    if (mine) {
      this.waiting.delete(change.client_id!);
      this.host.acknowledgeFrame(change.client_id!);
    }
  }

  /** Whether `clientId` is one of this tab's changes waiting for the server. */
  owns(clientId: string): boolean {
    return this.waiting.has(clientId);
  }

  /** The server refused a change, or did not answer in time: roll it back and report why. */
  fail(opId: string, error: NatterError): void {
    if (!this.waiting.delete(opId)) return;
    this.host.acknowledgeFrame(opId);
    updateChat(this.host.ctx.store, this.host.chatId, (slice) => settleOptimistic(slice, opId));
    this.host.ctx.events.emit('error', error);
  }

  /**
   * One of your messages reached the server: if it was edited or deleted while queued and the server stored the
   * earlier copy, the change follows as an operation.
   */
  confirmed(message: Message): void {
    if (message.client_id === null) return;
    const wanted = this.wanted.get(message.client_id);
    if (!wanted) return;
    this.wanted.delete(message.client_id);
    try {
      if (wanted === 'deleted') this.delete(message.id);
      else if (wanted.content !== message.content) this.edit(message.id, wanted.content);
    } catch (error) {
      // Deleted meanwhile by another tab, say: nothing left to change.
      if (!(error instanceof NatterError)) throw error;
    }
  }
}
