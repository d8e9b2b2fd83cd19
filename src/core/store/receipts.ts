import type { HistoryPage, ReadReceipt } from '../protocol/types';
import { indexOfMessage, patchAt } from './chat-message';
import type { ChatMessage, ChatSlice } from './chat-slice';
import { putRow, syncThreadRow } from './threads';

// Receipts and delivery: who has read which message, and how far others hold the chat. Both turn the current user's
// own rows `read` or `delivered` in the list, its threads and the detached window of a far jump.

/**
 * Records that others hold every message up to `seq`: the current user's `sent` messages up to it turn
 * `delivered` (a `read` one stays read).
 *
 * @example
 * slice = applyDelivered(slice, frame.data.seq, me.id);
 */
export function applyDelivered(slice: ChatSlice, seq: number, currentUserId: string): ChatSlice {
  const from = slice.deliveredSeq;
  if (seq <= from) return slice;
  let next: ChatSlice = { ...slice, deliveredSeq: seq };
  const messages = deliverIn(slice.messages, from, seq, currentUserId, (row) => {
    next = syncThreadRow(next, row.parent_message_id, row.key, row);
  });
  // The detached window of a far jump holds its own copies of older rows: they turn too, or stay `sent` until reloaded.
  const { window } = slice;
  const rows = window && deliverIn(window.messages, from, seq, currentUserId);
  return { ...next, messages, window: rows && rows !== window.messages ? { ...window, messages: rows } : window };
}

/** `list` with the current user's `sent` rows in (from, to] turned `delivered`, or `list` itself when none are. */
function deliverIn(
  list: ChatMessage[],
  from: number,
  to: number,
  currentUserId: string,
  onRow?: (row: ChatMessage) => void,
): ChatMessage[] {
  let out = list;
  // Only messages after the previous watermark can change: walk back from the newest to it, not the whole chat.
  for (let index = list.length - 1; index >= 0; index -= 1) {
    const m = list[index]!;
    if (m.seq !== null && m.seq <= from) break;
    if (m.status !== 'sent' || m.seq === null || m.seq > to || m.sender_id !== currentUserId) continue;
    if (out === list) out = [...list];
    const row: ChatMessage = (out[index] = { ...m, status: 'delivered' });
    onRow?.(row);
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
  const readers = slice.readBy[id] ?? [];
  if (readers.includes(userId)) return slice;
  const { messages, window } = slice;
  const inWindow = window ? unreadOwn(window.messages, id, currentUserId) : -1;
  const next: ChatSlice = {
    ...slice,
    readBy: { ...slice.readBy, [id]: [...readers, userId] },
    window: inWindow === -1 ? window : { ...window!, messages: patchAt(window!.messages, inWindow, { status: 'read' }) },
  };
  const index = unreadOwn(messages, id, currentUserId);
  return index === -1 ? next : putRow(next, index, { ...messages[index]!, status: 'read' });
}

/** Where the current user's message `id` sits in `list` while nobody has read it yet, or -1. */
function unreadOwn(list: readonly ChatMessage[], id: string, currentUserId: string): number {
  // Receipts are for recent messages: indexOfMessage searches from the newest.
  const index = indexOfMessage(list, id);
  return list[index]?.sender_id === currentUserId && list[index]!.status !== 'read' ? index : -1;
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
