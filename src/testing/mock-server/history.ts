import type { HistoryMessage, HistoryPage } from '../../core/protocol/types';
import { clone, type MockChatRecord, type StoredMessage } from './state';

/**
 * The cursors of `GET …/messages` (docs/protocol.md 5.2, 9.4, 9.7, 9.10). `around` and `changedAfter` are not combined
 * with `before`/`after` (the route refuses that).
 *
 * @example
 * const query: HistoryQuery = { limit: 50, parentId: parent.id, before: 40 };
 */
export interface HistoryQuery {
  limit: number;
  before?: number;
  after?: number;
  /** Only the direct replies of this message. */
  parentId?: string;
  /** Messages whose `rev` is above this, in `rev` order. */
  changedAfter?: number;
  /** The `limit` messages centred on this `seq`. */
  around?: number;
}

/**
 * A stored message as history shows it: every field, plus `read_by`.
 *
 * @example
 * const message = toHistory(chat.messages[0]!);
 */
export function toHistory(row: StoredMessage): Required<HistoryMessage> {
  return { ...clone(row.message), read_by: [...row.readBy.keys()] };
}

/**
 * One page of history, as the reference server answers it: ascending `seq` (ascending `rev` for `changedAfter`, so
 * a client repeats from the last `rev` it received), `has_more`, `has_newer` with `around`, and `last_rev`.
 *
 * @example
 * historyPage(chat, { limit: 20, around: 57 });
 */
export function historyPage(chat: MockChatRecord, query: HistoryQuery): HistoryPage {
  const { limit } = query;
  const base = query.parentId === undefined ? chat.messages : chat.messages.filter((m) => m.message.parent_message_id === query.parentId);
  const page = (rows: StoredMessage[], hasMore: boolean, extra: Partial<HistoryPage> = {}): HistoryPage => ({
    messages: rows.map(toHistory),
    has_more: hasMore,
    ...extra,
    last_rev: chat.rev,
  });
  if (query.changedAfter !== undefined) {
    const since = query.changedAfter;
    const changed = base.filter((m) => m.message.rev > since).sort((a, b) => a.message.rev - b.message.rev);
    return page(changed.slice(0, limit), changed.length > limit);
  }
  if (query.around !== undefined) {
    const around = query.around;
    const centre = base.findIndex((m) => m.message.seq >= around);
    const at = centre === -1 ? base.length : centre;
    // As the reference server: `seq` counts as newer, so the older side gets the smaller half.
    const end = Math.min(base.length, Math.max(0, at - Math.floor((limit - 1) / 2)) + limit);
    const start = Math.max(0, end - limit);
    return page(base.slice(start, end), start > 0, { has_newer: end < base.length });
  }
  const before = query.before ?? Number.POSITIVE_INFINITY;
  if (query.after !== undefined) {
    const after = query.after;
    const range = base.filter((m) => m.message.seq > after && m.message.seq < before);
    return page(range.slice(0, limit), range.length > limit);
  }
  const range = base.filter((m) => m.message.seq < before);
  return page(range.slice(Math.max(0, range.length - limit)), range.length > limit);
}
