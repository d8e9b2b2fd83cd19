import type { HistoryMessage, HistoryPage } from '../protocol/types';
import { confirmedCount, insertionIndex, toChatMessage } from './chat-message';
import { applyReceipt, type ChatMessage, type ChatSlice, type MessageWindow } from './chat-slice';
import { applyCopies } from './message-changes';
import { addToThreads } from './threads';

/**
 * The row a history message enters the window with: read beats delivered beats sent, as in `messages`.
 */
function rowOf(slice: ChatSlice, { read_by: readBy, ...message }: HistoryMessage, currentUserId: string): ChatMessage {
  const mine = message.sender_id === currentUserId;
  const read = readBy.length > 0 || (slice.readBy[message.id]?.length ?? 0) > 0;
  const status = mine && read ? 'read' : mine && message.seq <= slice.deliveredSeq ? 'delivered' : 'sent';
  return toChatMessage(message, status, currentUserId);
}

/** The page's readers go to `readBy`, as a page merged into `messages` does. */
function withReceipts(slice: ChatSlice, page: HistoryPage, currentUserId: string): ChatSlice {
  let next = slice;
  for (const message of page.messages) {
    for (const userId of message.read_by) next = applyReceipt(next, { message_id: message.id, user_id: userId }, currentUserId);
  }
  return next;
}

/**
 * Shows an `?around=` page as the chat's detached window (a jump far back), replacing any window shown before.
 * `messages` is left alone: it keeps following the live tail.
 *
 * @example
 * slice = openWindow(slice, await rest.history(chatId, { around: seq, limit: 50 }), me.id);
 */
export function openWindow(slice: ChatSlice, page: HistoryPage, currentUserId: string): ChatSlice {
  const next = withReceipts(slice, page, currentUserId);
  const messages = [...page.messages].sort((a, b) => a.seq - b.seq).map((m) => rowOf(next, m, currentUserId));
  const window: MessageWindow = { messages, hasOlder: page.has_more, hasNewer: page.has_newer ?? false };
  return { ...next, window };
}

/**
 * Adds a page to the window: older (`before=` its oldest; `has_more` says whether still older ones exist) or newer
 * (`after=` its newest; `has_more` says whether still newer ones exist). Messages already in the window keep their
 * row, refreshed by `rev`. Returns `slice` itself when there is no window.
 *
 * @example
 * slice = extendWindow(slice, page, 'older', me.id);
 */
export function extendWindow(slice: ChatSlice, page: HistoryPage, direction: 'older' | 'newer', currentUserId: string): ChatSlice {
  if (!slice.window) return slice;
  let next = withReceipts(slice, page, currentUserId);
  const window = next.window!;
  const messages = [...window.messages];
  for (const message of page.messages) {
    const at = insertionIndex(messages, message.seq, messages.length);
    if (messages[at]?.id === message.id) continue;
    messages.splice(at, 0, rowOf(next, message, currentUserId));
  }
  const flags = direction === 'older' ? { hasOlder: page.has_more } : { hasNewer: page.has_more };
  next = { ...next, window: { ...window, ...flags, messages } };
  // Copies of rows held before this page may be newer in it.
  return applyCopies(next, page.messages);
}

/** The oldest confirmed seq of the live `messages`, or null when none is held. */
export function oldestHeldSeq(slice: ChatSlice): number | null {
  return slice.messages[0]?.seq ?? null;
}

/**
 * Whether the window reaches the live `messages`: its newest seq is next to (or inside) the held range, or nothing
 * newer than it exists.
 *
 * @example
 * if (windowMeetsLive(slice)) slice = joinWindow(slice, me.id);
 */
export function windowMeetsLive(slice: ChatSlice): boolean {
  const window = slice.window;
  if (!window) return false;
  if (!window.hasNewer) return true;
  const newest = window.messages.at(-1)?.seq;
  const oldest = oldestHeldSeq(slice);
  return newest != null && oldest !== null && newest + 1 >= oldest;
}

/**
 * Moves the window's messages into `messages` (the two ranges now touch, so `messages` stays contiguous) and
 * closes the window. Rows keep their identity, optimistic changes included; the live copy wins for a message held
 * in both. `hasOlder` becomes the window's when the window reached further back.
 *
 * @example
 * slice = joinWindow(slice, me.id);
 */
export function joinWindow(slice: ChatSlice, currentUserId: string): ChatSlice {
  const window = slice.window;
  if (!window) return slice;
  const oldestBefore = oldestHeldSeq(slice);
  const messages = [...slice.messages];
  const inserted: ChatMessage[] = [];
  let lastSeq = slice.lastSeq;
  for (const row of window.messages) {
    const at = insertionIndex(messages, row.seq!, confirmedCount(messages));
    if (messages[at]?.id === row.id) continue;
    messages.splice(at, 0, row);
    inserted.push(row);
    lastSeq = Math.max(lastSeq, row.seq!);
  }
  const reachesFurther = oldestBefore === null || (window.messages[0]?.seq ?? Number.POSITIVE_INFINITY) < oldestBefore;
  const hasOlder = reachesFurther ? window.hasOlder : slice.hasOlder;
  const next: ChatSlice = { ...slice, messages, lastSeq, hasOlder, window: null };
  return inserted.length > 0 ? addToThreads(next, inserted, currentUserId) : next;
}

/**
 * Closes the window ("Jump to latest"). Returns `slice` itself when none is open.
 *
 * @example
 * slice = closeWindow(slice);
 */
export function closeWindow(slice: ChatSlice): ChatSlice {
  return slice.window ? { ...slice, window: null } : slice;
}
