import type { NatterError } from '../errors';
import type { Attachment, HistoryMessage, HistoryPage, Message, User } from '../protocol/types';
import { confirmedRow, indexOfMessage, placeConfirmed, unconfirmedIndex } from './chat-message';
import { applyCopies, type OptimisticEntry } from './message-changes';
import { applyPageReceipts } from './receipts';
import { addPendingToThread, addToThreads, putRow } from './threads';

/** Where one of the current user's messages stands. Others' messages are always `sent`. */
export type MessageStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

/**
 * A message in the store. While `pending` or `failed` it has no `id` and no `seq` yet; `key` stays the same from
 * pending to sent, so a list row keyed on it never remounts. The fields of docs/protocol.md section 9.1
 * (`edited_at`, `reactions`, …) are always present, defaulted when the server sent none.
 */
export interface ChatMessage extends Omit<Message, 'id' | 'seq'> {
  id: string | null;
  seq: number | null;
  key: string;
  status: MessageStatus;
  error: NatterError | null;
  /** An optimistic change of the current user waiting for the server; rolled back if it is refused or times out. */
  change: 'edit' | 'delete' | 'reaction' | null;
  /** 0..1 while a pending file message uploads; null otherwise. */
  uploadProgress: number | null;
}

/** One thread's replies, as loaded (`loadThread`) and as they arrive live. */
export interface ThreadSlice {
  /** Confirmed replies in `seq` order, then the current user's unconfirmed ones. */
  replies: ChatMessage[];
  /** Whether older replies exist on the server; `undefined` until a page says. */
  hasOlder: boolean | undefined;
  /**
   * The parent's own copy, kept live like any held message, when it is held neither in `messages` nor in the
   * window (a thread of an older message); null otherwise.
   */
  parent: ChatMessage | null;
}

/**
 * A detached stretch of older history shown instead of the live messages after a jump far back (a search result):
 * loaded `?around=` the target, paged on its own, and merged into `messages` once it reaches them.
 */
export interface MessageWindow {
  /** Confirmed messages in `seq` order, without holes. */
  messages: ChatMessage[];
  /** Whether messages older than the window exist on the server. */
  hasOlder: boolean;
  /** Whether messages between the window and the live `messages` (or the newest) exist on the server. */
  hasNewer: boolean;
}

/** Someone typing in a chat, until `expiresAt` (ms) unless refreshed. */
export interface TypingUser {
  user_id: string;
  username: string;
  expiresAt: number;
}

/** One chat's state. Every field keeps its identity until its content changes. */
export interface ChatSlice {
  /** Confirmed messages in `seq` order, then the current user's unconfirmed ones in the order sent. */
  messages: ChatMessage[];
  /** The highest `seq` held. */
  lastSeq: number;
  /** Whether older history exists on the server; `undefined` until a page says. */
  hasOlder: boolean | undefined;
  typing: TypingUser[];
  /** Who has read each message, by message id. */
  readBy: Record<string, string[]>;
  /** True while messages are missing between the oldest and newest held (a gap fill failed); cleared once filled. */
  discontinuous: boolean;
  /** Someone else has received every message up to this seq: your messages up to it are at least `delivered`. */
  deliveredSeq: number;
  /** The change watermark (docs/protocol.md, section 9.4): every change up to this revision is applied. */
  rev: number;
  /** The current user's own last read seq in this chat. */
  lastReadSeq: number;
  /** Threads by parent message id: loaded ones, and those the current user replied into. */
  threads: Record<string, ThreadSlice>;
  /** Messages with optimistic changes waiting for the server, by message id (internal: read `change` instead). */
  optimistic: Record<string, OptimisticEntry>;
  /**
   * The detached window of a far jump, or null. While it is shown `messages` keeps following the live chat; edits,
   * deletions and reactions apply to both, new messages only to `messages`.
   */
  window: MessageWindow | null;
}

/** A chat nobody has seen yet. */
export const EMPTY_SLICE: ChatSlice = Object.freeze({
  messages: [],
  lastSeq: 0,
  hasOlder: undefined,
  typing: [],
  readBy: {},
  discontinuous: false,
  deliveredSeq: 0,
  rev: 0,
  lastReadSeq: 0,
  threads: {},
  optimistic: {},
  window: null,
}) as ChatSlice;

/**
 * Merges confirmed messages: each lands once, by `id`, in `seq` order; one that confirms the current user's
 * pending message (same `client_id`) replaces it in place of the pending copy. Returns `slice` itself when nothing
 * changed.
 *
 * @example
 * slice = mergeMessages(slice, [frame.data], me.id);
 */
export function mergeMessages(slice: ChatSlice, incoming: readonly Message[], currentUserId: string): ChatSlice {
  let messages: ChatMessage[] | null = null;
  let lastSeq = slice.lastSeq;
  let ownSeq = 0;
  const held: Message[] = [];
  const inserted: ChatMessage[] = [];
  for (const message of incoming) {
    if (indexOfMessage(messages ?? slice.messages, message.id, message.seq) !== -1) {
      // Held already: a later copy (higher rev) may still change it.
      held.push(message);
      continue;
    }
    const row = rowIn(slice, message, currentUserId);
    // One copy for the whole batch, made at the first message that is new.
    placeConfirmed((messages ??= [...slice.messages]), row, currentUserId);
    inserted.push(row);
    lastSeq = Math.max(lastSeq, message.seq);
    // Sending a message moves your own last read seq to it (docs/protocol.md, section 9.8).
    if (message.sender_id === currentUserId) ownSeq = Math.max(ownSeq, message.seq);
  }
  // ownSeq is only set when a message was inserted, so an unchanged slice keeps its identity.
  const next = messages ? { ...slice, messages, lastSeq, lastReadSeq: Math.max(slice.lastReadSeq, ownSeq) } : slice;
  return applyCopies(addToThreads(next, inserted, currentUserId), held);
}

/**
 * The row a confirmed message enters `slice` with: for the current user's, read (a reader in `readBy`) beats
 * delivered (up to `deliveredSeq`) beats sent.
 *
 * @example
 * const row = rowIn(slice, frame.data, me.id);
 */
export function rowIn(slice: ChatSlice, message: Message, currentUserId: string): ChatMessage {
  return confirmedRow(message, currentUserId, (slice.readBy[message.id]?.length ?? 0) > 0, slice.deliveredSeq);
}

/** What `addPending` needs: the message as typed, and for files the attachments shown while they upload. */
export interface PendingInput {
  clientId: string;
  chatId: string;
  sender: User;
  content: string;
  parentMessageId: string | null;
  now: number;
  messageType?: string;
  attachments?: Attachment[];
  uploadProgress?: number | null;
}

/**
 * Adds the current user's message as `pending`, after everything confirmed (and to its thread when it is a reply).
 *
 * @example
 * slice = addPending(slice, { clientId, chatId, sender: me, content: 'hi', parentMessageId: null, now: Date.now() });
 */
export function addPending(slice: ChatSlice, input: PendingInput): ChatSlice {
  const { clientId, sender } = input;
  const at = new Date(input.now).toISOString();
  const pending: ChatMessage = {
    id: null,
    seq: null,
    key: clientId,
    chat_id: input.chatId,
    sender_id: sender.id,
    sender,
    content: input.content,
    message_type: input.messageType ?? 'text',
    parent_message_id: input.parentMessageId,
    client_id: clientId,
    created_at: at,
    updated_at: at,
    edited_at: null,
    deleted_at: null,
    reactions: [],
    reply_count: 0,
    last_reply_at: null,
    attachments: input.attachments ?? [],
    mentions: [],
    rev: 0,
    status: 'pending',
    error: null,
    change: null,
    uploadProgress: input.uploadProgress ?? null,
  };
  // concat, not [...messages, pending]: the spread with an extra item copies a 1,000-row chat three times slower.
  return addPendingToThread({ ...slice, messages: slice.messages.concat([pending]) }, pending);
}

/**
 * Changes the current user's unconfirmed message with `clientId` (its status, content while still queued, upload
 * progress), in `messages` and in its thread. Returns `slice` itself when nothing changes.
 *
 * @example
 * slice = updateUnconfirmed(slice, clientId, { uploadProgress: 0.5 });
 */
export function updateUnconfirmed(slice: ChatSlice, clientId: string, patch: Partial<ChatMessage>): ChatSlice {
  const index = unconfirmedIndex(slice.messages, clientId);
  const current = slice.messages[index];
  if (!current || Object.entries(patch).every(([name, value]) => current[name as keyof ChatMessage] === value)) return slice;
  return putRow(slice, index, { ...current, ...patch });
}

/**
 * Sets the status of the unconfirmed message with `clientId` (`failed` with its error, or back to `pending`).
 *
 * @example
 * slice = setPendingStatus(slice, clientId, 'failed', error);
 */
export function setPendingStatus(slice: ChatSlice, clientId: string, status: 'pending' | 'failed', error: NatterError | null): ChatSlice {
  return updateUnconfirmed(slice, clientId, { status, error });
}

/**
 * Removes the current user's unconfirmed message with `clientId` (the user discarded it), from its thread too.
 *
 * @example
 * slice = removeUnconfirmed(slice, clientId);
 */
export function removeUnconfirmed(slice: ChatSlice, clientId: string): ChatSlice {
  const index = unconfirmedIndex(slice.messages, clientId);
  return index === -1 ? slice : putRow(slice, index, null);
}

/**
 * Where the first hole in the confirmed messages begins: the `seq` after which messages are missing, or null when
 * they run without a hole from the oldest held to the newest.
 *
 * @example
 * const from = gapStart(slice); // 3 for seqs 1, 2, 3, 6
 */
export function gapStart(slice: ChatSlice): number | null {
  let previous: number | null = null;
  for (const message of slice.messages) {
    if (message.seq === null) break;
    if (previous !== null && message.seq !== previous + 1) return previous;
    previous = message.seq;
  }
  return null;
}

/**
 * Merges a history page: its messages, their receipts, and (for a backward page) whether older ones remain.
 *
 * @example
 * slice = mergeHistory(slice, page, me.id, 'older');
 */
export function mergeHistory(slice: ChatSlice, page: HistoryPage, currentUserId: string, direction: 'older' | 'newer'): ChatSlice {
  const next = mergeMessages(applyPageReceipts(slice, page, currentUserId), page.messages.map(withoutReaders), currentUserId);
  return direction === 'older' && next.hasOlder !== page.has_more ? { ...next, hasOlder: page.has_more } : next;
}

/**
 * A history message without its readers (`read_by`): what the store holds of it.
 *
 * @example
 * const messages = page.messages.map(withoutReaders);
 */
export function withoutReaders({ read_by: _readBy, ...message }: HistoryMessage): Message {
  return message;
}
