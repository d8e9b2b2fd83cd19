import type { ClientContext } from './client-context';
import type { ChannelPart } from './channel-part';
import { byteLength, checkText } from './content';
import { NatterError } from './errors';
import { createId } from './ids';
import type { Attachment, ClientFrame, Message, MessageChange } from './protocol/types';
import { updateUnconfirmed, type ChatMessage, type ChatSlice } from './store/chat-slice';
import { selectChat, updateChat } from './store/chat-store';
import { addOptimistic, findHeld, settleOptimistic, type OptimisticOp } from './store/message-changes';

/** What the operations need from their chat channel: its outbox. */
export interface OperationsHost {
  readonly ctx: ClientContext;
  readonly chatId: string;
  maxContentBytes: number;
  /** Queues a frame until acknowledged (sent now if the socket is ready); false: not saved across reloads. */
  enqueueFrame(clientId: string, frame: ClientFrame, saved: false): void;
  /** Takes a frame out of the outbox. */
  acknowledgeFrame(clientId: string): void;
  /** The queued frame of a message not yet confirmed. */
  queuedFrame(clientId: string): ClientFrame | undefined;
  /** Frames of failed messages, kept for retry. */
  readonly kept: Map<string, ClientFrame>;
  /** Saves a message across reloads, with the attachments its row shows. */
  save(clientId: string, frame: Extract<ClientFrame, { type: 'send_message' }>, createdAt: number, attachments: Attachment[]): void;
  /** Drops a pending or failed message. */
  discard(clientId: string): boolean;
}

const MAX_EMOJI_BYTES = 64;

/**
 * Edits, deletions and reactions of one chat: shown at once (optimistic), sent through the outbox like messages
 * (a `client_id` per change; the `message_updated` / `message_deleted` echoing it confirms), rolled back exactly
 * when the server refuses or does not answer in time.
 *
 * @example
 * const ops = new MessageOperations(channel);
 * const opId = ops.edit(messageId, 'fixed typo');
 */
export class MessageOperations implements ChannelPart {
  /** This tab's changes waiting for the server, by op id. */
  readonly #waiting = new Set<string>();
  /** What the user wants of own messages changed while still queued, for when the server stored the old copy. */
  readonly #wanted = new Map<string, { content: string } | 'deleted'>();
  readonly #host: OperationsHost;

  constructor(host: OperationsHost) {
    this.#host = host;
  }

  #update(change: (slice: ChatSlice) => ChatSlice): void {
    updateChat(this.#host.ctx.store, this.#host.chatId, change);
  }

  get #slice(): ChatSlice {
    return selectChat(this.#host.ctx.store.getState(), this.#host.chatId);
  }

  #unconfirmed(clientId: string): ChatMessage | undefined {
    return this.#slice.messages.find((m) => m.seq === null && m.client_id === clientId);
  }

  #fail(message: string): never {
    throw new NatterError('invalid_argument', message, { chatId: this.#host.chatId });
  }

  /** A confirmed message the current user may change; throws `invalid_argument` otherwise. */
  #target(messageId: string, ownOnly: boolean): ChatMessage {
    const held = findHeld(this.#slice, messageId);
    if (!held) return this.#fail(this.#unconfirmed(messageId) ? 'The message is not sent yet' : `Unknown message ${messageId}`);
    if (ownOnly && held.sender_id !== this.#host.ctx.currentUser.id) this.#fail('Only the author can change a message');
    if (held.deleted_at != null) this.#fail('The message is deleted');
    return held;
  }

  /** Shows the change at once and queues its frame, whose `client_id` is the returned op id. */
  #apply(held: ChatMessage, kind: OptimisticOp['kind'], fields: { content: string } | { emoji: string } | object): string {
    const { ctx } = this.#host;
    const messageId = held.id!;
    const opId = createId();
    const op: OptimisticOp = { kind, ...fields, opId, userId: ctx.currentUser.id, at: new Date(ctx.timers.now()).toISOString() };
    this.#update((slice) => addOptimistic(slice, messageId, op));
    this.#waiting.add(opId);
    // Reactions' frames are named as their kinds; edits and deletions are `edit_message` and `delete_message`.
    const type = kind === 'edit' || kind === 'delete' ? `${kind}_message` : kind;
    this.#host.enqueueFrame(opId, { type, data: { message_id: messageId, ...fields, client_id: opId } } as ClientFrame, false);
    return opId;
  }

  /**
   * Edits one of your messages; one not sent yet (queued, or failed and kept for retry) has its frame and saved entry
   * rewritten. Returns the op's client id.
   */
  edit(messageId: string, content: string): string {
    const { chatId, maxContentBytes } = this.#host;
    const pending = this.#unconfirmed(messageId);
    const target = pending ?? this.#target(messageId, true);
    // A file or image message may lose its caption, never a text message its text.
    checkText(content, maxContentBytes, 'message', target.message_type === 'file' || target.message_type === 'image', { chatId });
    if (!pending) return this.#apply(target, 'edit', { content });
    // What goes out (now, on retry, after a reload) is what the row shows; the saved entry keeps its place and files.
    const frame = this.#host.kept.get(messageId) ?? this.#host.queuedFrame(messageId);
    if (frame?.type === 'send_message') {
      // In place: the outbox or the retry holds this object, and every write serializes it anew.
      frame.data.content = content;
      const { attachments = [], created_at: createdAt } = pending;
      // Saved again as it shows: not a message of sendFiles, whose local previews a reload could not show (memory only).
      if (attachments.every((a, index) => a.id === frame.data.attachment_ids?.[index])) {
        this.#host.save(messageId, frame, Date.parse(createdAt), attachments);
      }
    }
    this.#update((slice) => updateUnconfirmed(slice, messageId, { content }));
    this.#wanted.set(messageId, { content });
    return messageId;
  }

  /** Deletes one of your messages (a tombstone); one not sent yet is discarded. Returns the op's client id. */
  delete(messageId: string): string {
    if (!this.#unconfirmed(messageId)) return this.#apply(this.#target(messageId, true), 'delete', {});
    this.#host.discard(messageId);
    // It may already be on its way: if the server stores it anyway, it is deleted when it comes back.
    this.#wanted.set(messageId, 'deleted');
    return messageId;
  }

  /** Adds (`add: true`) or removes a reaction of the current user. Returns the op's client id. */
  react(messageId: string, emoji: string, add: boolean): string {
    if (typeof emoji !== 'string' || emoji === '' || byteLength(emoji) > MAX_EMOJI_BYTES || /[\s\p{Cc}]/u.test(emoji)) {
      this.#fail('An emoji is 1–64 bytes with no white space');
    }
    return this.#apply(this.#target(messageId, false), add ? 'add_reaction' : 'remove_reaction', { emoji });
  }

  /** Adds the reaction unless the current user already has it, else removes it. */
  toggle(messageId: string, emoji: string): string {
    const userId = this.#host.ctx.currentUser.id;
    const mine = findHeld(this.#slice, messageId)?.reactions?.some((r) => r.emoji === emoji && r.user_ids.includes(userId));
    return this.react(messageId, emoji, !mine);
  }

  /** A `message_updated` / `message_deleted` frame (the channel applied its copy): the end of the change it confirms. */
  changed(change: MessageChange): void {
    const opId = change.client_id;
    if (opId !== null && change.user_id === this.#host.ctx.currentUser.id && this.#waiting.delete(opId)) this.#host.acknowledgeFrame(opId);
  }

  /** The server refused a change, or did not answer in time: roll it back and report why. False if not ours. */
  failed(opId: string, error: NatterError): boolean {
    return this.discard(opId, error);
  }

  /** Gives up a change not confirmed yet: rolled back (reporting `error`, if any) and never sent. False if not ours. */
  discard(opId: string, error?: NatterError): boolean {
    if (!this.#waiting.delete(opId)) return false;
    this.#host.acknowledgeFrame(opId);
    this.#update((slice) => settleOptimistic(slice, opId));
    if (error) this.#host.ctx.events.emit('error', error);
    return true;
  }

  /**
   * One of your messages reached the server: if it was edited or deleted while queued and the server stored the
   * earlier copy, the change follows as an operation.
   */
  confirmed(message: Message): void {
    if (message.client_id === null) return;
    const wanted = this.#wanted.get(message.client_id);
    if (!wanted) return;
    this.#wanted.delete(message.client_id);
    try {
      if (wanted === 'deleted') this.delete(message.id);
      else if (wanted.content !== message.content) this.edit(message.id, wanted.content);
    } catch (error) {
      // Deleted meanwhile by another tab, say: nothing left to change.
      if (!(error instanceof NatterError)) throw error;
    }
  }
}
