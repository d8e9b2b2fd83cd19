import type { ChatSlice } from './chat-slice';
import { confirmedCount, insertionIndex } from './chat-message';
import { keepParent } from './threads';

/** How many of a chat's newest messages stay in memory by default. */
export const DEFAULT_MAX_MESSAGES_IN_MEMORY = 1000;

/**
 * Drops a chat's oldest confirmed messages beyond the newest `max`, keeping every message from `keepFromSeq` on
 * (what the reader has on screen) and every unconfirmed one. A thread keeps the copy of a dropped parent, and the
 * readers of the rows it shows. What was dropped is on the server: `hasOlder` turns true, so scrolling up fetches
 * it again. Trims only once the chat holds `max` plus a tenth (at least 50) more, so a
 * busy chat drops a chunk now and then rather than one row per message. Returns `slice` itself when nothing goes.
 *
 * @example
 * slice = trimMessages(slice, 1000, viewport.firstSeq);
 */
export function trimMessages(slice: ChatSlice, max: number, keepFromSeq: number | null): ChatSlice {
  const confirmed = confirmedCount(slice.messages);
  if (!Number.isFinite(max) || confirmed <= max + Math.max(50, Math.floor(max / 10))) return slice;
  let drop = confirmed - max;
  // The reader's screen stays whole: stop dropping at the first message they can see.
  if (keepFromSeq !== null) drop = Math.min(drop, insertionIndex(slice.messages, keepFromSeq, confirmed));
  if (drop <= 0) return slice;
  let next: ChatSlice = { ...slice, messages: slice.messages.slice(drop), hasOlder: true };
  let readBy = slice.readBy;
  const { threads } = slice;
  for (let index = 0; index < drop; index += 1) {
    // Only confirmed messages go, and each has an id.
    const row = slice.messages[index]!;
    const id = row.id!;
    // A thread still shows it, as its parent (the thread keeps it from now on) or as a reply: its readers stay.
    if (threads[id]) next = keepParent(next, row);
    else if (id in readBy && !threads[row.parent_message_id!]) {
      if (readBy === slice.readBy) readBy = { ...readBy };
      delete readBy[id];
    }
  }
  return { ...next, readBy };
}
