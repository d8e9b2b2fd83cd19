import type { HistoryPage, ReadReceipt } from '../protocol/types';
import { indexOfMessage, patchAt } from './chat-message';
import type { ChatMessage, ChatSlice } from './chat-slice';

// Receipts and delivery: who has read which message, and how far others hold the chat. Both turn the current user's
// own rows `read` or `delivered` wherever the slice holds a copy: the list, the detached window of a far jump, and
// the threads (replies and kept parents, which may be held nowhere else: a thread of an older message).

/**
 * `slice` with `change` applied to every list of rows it holds: `messages`, the window's, each thread's replies and
 * kept parent. A list `change` returns as it was keeps its identity, and so does what holds it.
 */
function turnRows(slice: ChatSlice, change: (list: ChatMessage[]) => ChatMessage[]): ChatSlice {
  const { window } = slice;
  const rows = window && change(window.messages);
  let threads = slice.threads;
  for (const [id, thread] of Object.entries(threads)) {
    const replies = change(thread.replies);
    const parent = thread.parent && change([thread.parent])[0]!;
    if (replies !== thread.replies || parent !== thread.parent) threads = { ...threads, [id]: { ...thread, replies, parent } };
  }
  return { ...slice, messages: change(slice.messages), window: rows && rows !== window.messages ? { ...window, messages: rows } : window, threads };
}

/**
 * Records that others hold every message up to `seq`: the current user's `sent` messages up to it turn
 * `delivered` (a `read` one stays read).
 *
 * @example
 * slice = applyDelivered(slice, frame.data.seq, me.id);
 */
export function applyDelivered(slice: ChatSlice, seq: number, currentUserId: string): ChatSlice {
  const from = slice.deliveredSeq;
  return seq <= from ? slice : turnRows({ ...slice, deliveredSeq: seq }, (list) => deliverIn(list, from, seq, currentUserId));
}

/** `list` with the current user's `sent` rows in (from, to] turned `delivered`, or `list` itself when none are. */
function deliverIn(list: ChatMessage[], from: number, to: number, currentUserId: string): ChatMessage[] {
  let out = list;
  // Only messages after the previous watermark can change: walk back from the newest to it, not the whole chat.
  for (let index = list.length - 1; index >= 0; index -= 1) {
    const m = list[index]!;
    if (m.seq !== null && m.seq <= from) break;
    if (m.status !== 'sent' || m.seq === null || m.seq > to || m.sender_id !== currentUserId) continue;
    if (out === list) out = [...list];
    out[index] = { ...m, status: 'delivered' };
  }
  return out;
}

/**
 * Records a receipt; the first receipt on one of the current user's messages turns it `read`.
 *
 * @example
 * slice = applyReceipt(slice, frame.data, me.id);
 */
export function applyReceipt(slice: ChatSlice, receipt: Pick<ReadReceipt, 'message_id' | 'user_id'>, currentUserId: string): ChatSlice {
  const { message_id: id, user_id: userId } = receipt;
  // Own keys only: a hostile `message_id` such as `constructor` must not read as that object's own property.
  const readers = (Object.hasOwn(slice.readBy, id) && slice.readBy[id]) || [];
  if (readers.includes(userId)) return slice;
  return turnRows({ ...slice, readBy: { ...slice.readBy, [id]: [...readers, userId] } }, (list) => {
    // Receipts are for recent messages: indexOfMessage searches from the newest.
    const index = indexOfMessage(list, id);
    return list[index]?.sender_id === currentUserId && list[index]!.status !== 'read' ? patchAt(list, index, { status: 'read' }) : list;
  });
}

/**
 * Records the readers a history page lists (`read_by`) as receipts.
 *
 * @example
 * slice = applyPageReceipts(slice, page, me.id);
 */
export function applyPageReceipts(slice: ChatSlice, page: HistoryPage, currentUserId: string): ChatSlice {
  let next = slice;
  for (const { id, read_by: readBy } of page.messages) {
    for (const userId of readBy) next = applyReceipt(next, { message_id: id, user_id: userId }, currentUserId);
  }
  return next;
}
