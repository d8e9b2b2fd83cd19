import type { HistoryPage } from '../protocol/types';
import { placeConfirmed } from './chat-message';
import { rowIn, withoutReaders, type ChatMessage, type ChatSlice, type MessageWindow } from './chat-slice';
import { applyPageReceipts } from './receipts';
import { applyCopies } from './message-changes';
import { addToThreads, keepParent } from './threads';

/**
 * Shows an `?around=` page as the chat's detached window (a jump far back), replacing any window shown before.
 * `messages` is left alone: it keeps following the live tail.
 *
 * @example
 * slice = openWindow(slice, await rest.history(chatId, { around: seq, limit: 50 }), me.id);
 */
export function openWindow(slice: ChatSlice, page: HistoryPage, currentUserId: string): ChatSlice {
  // The window shown before closes: a thread of one of its rows keeps that row as its parent.
  const next = applyPageReceipts(closeWindow(slice), page, currentUserId);
  // Rows as in `messages`: the page's readers are in `readBy` now.
  const messages = page.messages.map((m) => rowIn(next, withoutReaders(m), currentUserId)).sort((a, b) => a.seq! - b.seq!);
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
  const next = applyPageReceipts(slice, page, currentUserId);
  const messages = [...next.window!.messages];
  for (const message of page.messages) placeConfirmed(messages, rowIn(next, withoutReaders(message), currentUserId), null);
  const window = { ...next.window!, [direction === 'older' ? 'hasOlder' : 'hasNewer']: page.has_more, messages };
  // Copies of rows held before this page may be newer in it.
  return applyCopies({ ...next, window }, page.messages);
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
    if (!placeConfirmed(messages, row, null)) continue;
    inserted.push(row);
    lastSeq = Math.max(lastSeq, row.seq!);
  }
  const reachesFurther = oldestBefore === null || (window.messages[0]?.seq ?? Infinity) < oldestBefore;
  const hasOlder = reachesFurther ? window.hasOlder : slice.hasOlder;
  return addToThreads({ ...slice, messages, lastSeq, hasOlder, window: null }, inserted, currentUserId);
}

/**
 * Closes the window ("Jump to latest"); a thread of one of its rows keeps that row as its parent. Returns `slice`
 * itself when none is open.
 *
 * @example
 * slice = closeWindow(slice);
 */
export function closeWindow(slice: ChatSlice): ChatSlice {
  return slice.window ? slice.window.messages.reduce(keepParent, { ...slice, window: null }) : slice;
}
