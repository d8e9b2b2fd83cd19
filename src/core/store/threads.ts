import type { HistoryMessage, HistoryPage } from '../protocol/types';
import { insertConfirmed, newer, replaceAt } from './chat-message';
import { rowIn, type ChatMessage, type ChatSlice, type ThreadSlice } from './chat-slice';
import { applyCopies, findHeld } from './message-changes';
import { applyPageReceipts } from './receipts';

/** A thread nothing has been loaded into yet. */
export const EMPTY_THREAD: ThreadSlice = Object.freeze({ replies: [], hasOlder: undefined, parent: null }) as ThreadSlice;

/**
 * `slice` with `patch` written onto the thread of `parentId` (created empty when missing).
 *
 * @example
 * slice = patchThread(slice, parentId, { hasOlder: false });
 */
export function patchThread(slice: ChatSlice, parentId: string, patch: Partial<ThreadSlice>): ChatSlice {
  return { ...slice, threads: { ...slice.threads, [parentId]: { ...(slice.threads[parentId] ?? EMPTY_THREAD), ...patch } } };
}

/**
 * Merges a page of one thread's replies (`?parent_id=`) into `threads[parentId]`, creating it, records their
 * readers (`read_by`) as receipts, and applies the page's copies to the replies also held in `messages`.
 *
 * @example
 * slice = mergeThreadPage(slice, parentId, page, me.id);
 */
export function mergeThreadPage(slice: ChatSlice, parentId: string, page: HistoryPage, currentUserId: string): ChatSlice {
  // Into `readBy` like any page's: a reply held only in its thread shows who read it too.
  const read = applyPageReceipts(slice, page, currentUserId);
  const thread = read.threads[parentId];
  let replies = thread?.replies ?? EMPTY_THREAD.replies;
  for (const { read_by: _readBy, ...message } of page.messages) {
    // A reply held already (in `messages`, the window) as this copy or a newer one enters as that row: a page read
    // before a change must not bring back what the change replaced.
    const held = findHeld(read, message.id);
    replies = insertConfirmed(replies, held && !newer(message, held) ? held : rowIn(read, message, currentUserId), currentUserId) ?? replies;
  }
  const hasOlder = page.has_more;
  const next = thread && replies === thread.replies && hasOlder === thread.hasOlder ? read : patchThread(read, parentId, { replies, hasOlder });
  return applyCopies(next, page.messages);
}

/**
 * Adds confirmed messages that reply to a loaded thread to that thread too (a live `new_message`, a history page).
 *
 * @example
 * slice = addToThreads(slice, insertedRows, me.id);
 */
export function addToThreads(slice: ChatSlice, rows: readonly ChatMessage[], currentUserId: string): ChatSlice {
  let next = slice;
  for (const row of rows) {
    const parent = row.parent_message_id;
    const replies = parent && next.threads[parent] && insertConfirmed(next.threads[parent].replies, row, currentUserId);
    if (replies) next = patchThread(next, parent!, { replies });
  }
  return next;
}

/**
 * Adds the current user's pending reply to its thread, creating the thread (a reply sent into it opens it).
 *
 * @example
 * slice = addPendingToThread(slice, pendingRow);
 */
export function addPendingToThread(slice: ChatSlice, row: ChatMessage): ChatSlice {
  const parent = row.parent_message_id;
  return parent ? patchThread(slice, parent, { replies: [...(slice.threads[parent] ?? EMPTY_THREAD).replies, row] }) : slice;
}

/**
 * Mirrors a row changed in `messages` (status, pending state) into its thread, matched by `key`; `null` removes it.
 *
 * @example
 * slice = syncThreadRow(slice, parentId, key, updatedRow);
 */
export function syncThreadRow(slice: ChatSlice, parentId: string | null, key: string, row: ChatMessage | null): ChatSlice {
  const replies = parentId ? slice.threads[parentId]?.replies : undefined;
  const index = replies?.findIndex((m) => m.key === key) ?? -1;
  if (index === -1 || replies![index] === row) return slice;
  return patchThread(slice, parentId!, { replies: replaceAt(replies!, index, row) });
}

/**
 * Keeps a copy of a thread's parent in the thread, for a parent held neither in `messages` nor in the window, so
 * the frames that change it (edits, reply counts) keep it live; its readers are recorded, and one of the current
 * user's shows as read or delivered like any row. A newer copy already kept wins.
 *
 * @example
 * slice = setThreadParent(slice, await rest.message(chatId, parentId), me.id);
 */
export function setThreadParent(slice: ChatSlice, parent: HistoryMessage, currentUserId: string): ChatSlice {
  const kept = slice.threads[parent.id]?.parent;
  if (kept && !newer(parent, kept)) return slice;
  const read = applyPageReceipts(slice, { messages: [parent], has_more: false }, currentUserId);
  const { read_by: _readBy, ...message } = parent;
  return patchThread(read, parent.id, { parent: rowIn(read, message, currentUserId) });
}

/**
 * Keeps `row`, about to leave `messages` or the window (trimmed, or the window closed), as the parent of its thread
 * if one is held: the thread would find its parent nowhere, and the frames that change it (reply counts, edits)
 * would be dropped.
 *
 * @example
 * slice = window.messages.reduce(keepParent, { ...slice, window: null });
 */
export function keepParent(slice: ChatSlice, row: ChatMessage): ChatSlice {
  return slice.threads[row.id!] ? patchThread(slice, row.id!, { parent: row }) : slice;
}

/**
 * `slice` with `messages[index]` replaced by `row` (or removed, for null), in its thread too.
 *
 * @example
 * slice = putRow(slice, index, { ...slice.messages[index]!, status: 'read' });
 */
export function putRow(slice: ChatSlice, index: number, row: ChatMessage | null): ChatSlice {
  const { parent_message_id: parentId, key } = slice.messages[index]!;
  return syncThreadRow({ ...slice, messages: replaceAt(slice.messages, index, row) }, parentId, key, row);
}
