import type { HistoryPage, Message } from '../protocol/types';
import { insertConfirmed, toChatMessage } from './chat-message';
import type { ChatMessage, ChatSlice, ThreadSlice } from './chat-slice';
import { applyCopies } from './message-changes';

/** A thread nothing has been loaded into yet. */
export const EMPTY_THREAD: ThreadSlice = Object.freeze({ replies: [], hasOlder: undefined, parent: null }) as ThreadSlice;

/**
 * Merges a page of one thread's replies (`?parent_id=`) into `threads[parentId]`, creating it, and applies the
 * page's copies to the replies also held in `messages`.
 *
 * @example
 * slice = mergeThreadPage(slice, parentId, page, me.id);
 */
export function mergeThreadPage(slice: ChatSlice, parentId: string, page: HistoryPage, currentUserId: string): ChatSlice {
  const thread = slice.threads[parentId] ?? EMPTY_THREAD;
  let replies = thread.replies;
  for (const { read_by: readBy, ...message } of page.messages) {
    const mine = message.sender_id === currentUserId;
    const status = mine && readBy.length > 0 ? 'read' : mine && message.seq <= slice.deliveredSeq ? 'delivered' : 'sent';
    replies = insertConfirmed(replies, toChatMessage(message, status, currentUserId), currentUserId) ?? replies;
  }
  const hasOlder = page.has_more;
  const next =
    replies === thread.replies && hasOlder === thread.hasOlder && slice.threads[parentId]
      ? slice
      : { ...slice, threads: { ...slice.threads, [parentId]: { ...thread, replies, hasOlder } } };
  return applyCopies(next, page.messages);
}

/**
 * Adds confirmed messages that reply to a loaded thread to that thread too (a live `new_message`, a history page).
 *
 * @example
 * slice = addToThreads(slice, insertedRows, me.id);
 */
export function addToThreads(slice: ChatSlice, rows: readonly ChatMessage[], currentUserId: string): ChatSlice {
  let threads = slice.threads;
  for (const row of rows) {
    const parent = row.parent_message_id;
    const thread = parent ? threads[parent] : undefined;
    if (!parent || !thread) continue;
    const replies = insertConfirmed(thread.replies, row, currentUserId);
    if (replies) threads = { ...threads, [parent]: { ...thread, replies } };
  }
  return threads === slice.threads ? slice : { ...slice, threads };
}

/**
 * Adds the current user's pending reply to its thread, creating the thread (a reply sent into it opens it).
 *
 * @example
 * slice = addPendingToThread(slice, pendingRow);
 */
export function addPendingToThread(slice: ChatSlice, row: ChatMessage): ChatSlice {
  const parent = row.parent_message_id;
  if (!parent) return slice;
  const thread = slice.threads[parent] ?? EMPTY_THREAD;
  return { ...slice, threads: { ...slice.threads, [parent]: { ...thread, replies: [...thread.replies, row] } } };
}

/**
 * Mirrors a row changed in `messages` (status, pending state) into its thread, matched by `key`; `null` removes it.
 *
 * @example
 * slice = syncThreadRow(slice, parentId, key, updatedRow);
 */
export function syncThreadRow(slice: ChatSlice, parentId: string | null, key: string, row: ChatMessage | null): ChatSlice {
  const thread = parentId ? slice.threads[parentId] : undefined;
  if (!parentId || !thread) return slice;
  const index = thread.replies.findIndex((m) => m.key === key);
  if (index === -1 || thread.replies[index] === row) return slice;
  const replies = [...thread.replies];
  if (row) replies[index] = row;
  else replies.splice(index, 1);
  return { ...slice, threads: { ...slice.threads, [parentId]: { ...thread, replies } } };
}

/**
 * Keeps a copy of a thread's parent in the thread, for a parent held neither in `messages` nor in the window, so
 * the frames that change it (edits, reply counts) keep it live. A newer copy already kept wins.
 *
 * @example
 * slice = setThreadParent(slice, await rest.message(chatId, parentId), me.id);
 */
export function setThreadParent(slice: ChatSlice, parent: Message, currentUserId: string): ChatSlice {
  const thread = slice.threads[parent.id] ?? EMPTY_THREAD;
  if (thread.parent && (thread.parent.rev ?? 0) >= (parent.rev ?? 0)) return slice;
  return { ...slice, threads: { ...slice.threads, [parent.id]: { ...thread, parent: toChatMessage(parent, 'sent', currentUserId) } } };
}
