import type { HistoryPage, ReadReceipt } from '../protocol/types';
import { indexOfMessage, patchAt } from './chat-message';
import type { ChatMessage, ChatSlice } from './chat-slice';
import { putRow, syncThreadRow } from './threads';

// Receipts and delivery: who has read which message, and how far others hold the chat. Both turn the current user's
// own rows `read` or `delivered` in the list and its threads. A receipt also reaches the detached window of a far
// jump; delivery does not yet (the window's rows take `deliveredSeq` only when they are loaded).

/**
 * Records that others hold every message up to `seq`: the current user's `sent` messages up to it turn
 * `delivered` (a `read` one stays read).
 *
 * @example
 * slice = applyDelivered(slice, frame.data.seq, me.id);
 */
export function applyDelivered(slice: ChatSlice, seq: number, currentUserId: string): ChatSlice {
  if (seq <= slice.deliveredSeq) return slice;
  let messages = slice.messages;
  let next: ChatSlice = { ...slice, deliveredSeq: seq };
  // Only messages after the previous watermark can change: walk back from the newest to it, not the whole chat.
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const m = messages[index]!;
    if (m.seq !== null && m.seq <= slice.deliveredSeq) break;
    if (m.status !== 'sent' || m.seq === null || m.seq > seq || m.sender_id !== currentUserId) continue;
    if (messages === slice.messages) messages = [...messages];
    const row: ChatMessage = (messages[index] = { ...m, status: 'delivered' });
    next = syncThreadRow(next, m.parent_message_id, m.key, row);
  }
  return { ...next, messages };
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
