import type { HistoryPage } from '../protocol/types.ts';
import type { Db } from './database.ts';
import { SELECT_MESSAGE, type MessageRow } from './message-rows.ts';
import type { MessageRepository } from './messages.ts';

/** A seq-cursored page request; `parentId` narrows it to one thread's direct replies. */
export interface SeqPage {
  before?: number;
  after?: number;
  limit: number;
  parentId?: string;
}

const MAX = Number.MAX_SAFE_INTEGER;

/**
 * The history route's reads (docs/protocol.md, "History paging", 9.4, 9.7, 9.10). Every page carries `last_rev`, the
 * chat's revision read in the same snapshot as its messages.
 *
 * @example
 * const page = history.page(chatId, { before: 40, limit: 50 });
 */
export class HistoryReader {
  private readonly backward;
  private readonly forward;
  private readonly threadBackward;
  private readonly threadForward;
  private readonly changed;
  private readonly lastRev;
  readonly page: (chatId: string, page: SeqPage) => HistoryPage;
  readonly changedAfter: (chatId: string, rev: number, limit: number) => HistoryPage;
  readonly around: (chatId: string, seq: number, limit: number) => HistoryPage;

  constructor(db: Db, private readonly messages: MessageRepository) {
    this.backward = db.prepare<[string, number, number], MessageRow>(
      `${SELECT_MESSAGE} WHERE m.chat_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?`,
    );
    this.forward = db.prepare<[string, number, number, number], MessageRow>(
      `${SELECT_MESSAGE} WHERE m.chat_id = ? AND m.seq > ? AND m.seq < ? ORDER BY m.seq ASC LIMIT ?`,
    );
    this.threadBackward = db.prepare<[string, string, number, number], MessageRow>(
      `${SELECT_MESSAGE} WHERE m.parent_message_id = ? AND m.chat_id = ? AND m.seq < ? ORDER BY m.seq DESC LIMIT ?`,
    );
    this.threadForward = db.prepare<[string, string, number, number, number], MessageRow>(
      `${SELECT_MESSAGE} WHERE m.parent_message_id = ? AND m.chat_id = ? AND m.seq > ? AND m.seq < ?
       ORDER BY m.seq ASC LIMIT ?`,
    );
    this.changed = db.prepare<[string, number, number], MessageRow>(
      `${SELECT_MESSAGE} WHERE m.chat_id = ? AND m.rev > ? ORDER BY m.rev ASC LIMIT ?`,
    );
    this.lastRev = db.prepare<[string], { last_rev: number }>('SELECT last_rev FROM chats WHERE id = ?');

    // Each read is a transaction so `last_rev` and the rows come from one snapshot.
    this.page = db.transaction((chatId: string, page: SeqPage): HistoryPage => {
      const before = page.before ?? MAX;
      // One extra row tells whether more lie beyond the page without a second query.
      const extra = page.limit + 1;
      let rows: MessageRow[];
      if (page.parentId !== undefined) {
        rows =
          page.after !== undefined
            ? this.threadForward.all(page.parentId, chatId, page.after, before, extra)
            : this.threadBackward.all(page.parentId, chatId, before, extra);
      } else {
        rows = page.after !== undefined ? this.forward.all(chatId, page.after, before, extra) : this.backward.all(chatId, before, extra);
      }
      const kept = rows.slice(0, page.limit);
      if (page.after === undefined) kept.reverse();
      return { messages: this.hydrate(kept), has_more: rows.length > page.limit, last_rev: this.revOf(chatId) };
    });

    this.changedAfter = db.transaction((chatId: string, rev: number, limit: number): HistoryPage => {
      const rows = this.changed.all(chatId, rev, limit + 1);
      return { messages: this.hydrate(rows.slice(0, limit)), has_more: rows.length > limit, last_rev: this.revOf(chatId) };
    });

    this.around = db.transaction((chatId: string, seq: number, limit: number): HistoryPage => {
      const older = this.backward.all(chatId, seq, limit + 1);
      const newer = this.forward.all(chatId, seq - 1, MAX, limit + 1);
      // Centre on `seq` (it counts as newer), then give unused room on one side to the other.
      let olderCount = Math.min(older.length, Math.floor((limit - 1) / 2));
      const newerCount = Math.min(newer.length, limit - olderCount);
      olderCount = Math.min(older.length, limit - newerCount);
      const rows = [...older.slice(0, olderCount).reverse(), ...newer.slice(0, newerCount)];
      return {
        messages: this.hydrate(rows),
        has_more: older.length > olderCount,
        has_newer: newer.length > newerCount,
        last_rev: this.revOf(chatId),
      };
    });
  }

  private revOf(chatId: string): number {
    return this.lastRev.get(chatId)?.last_rev ?? 0;
  }

  private hydrate(rows: MessageRow[]) {
    return rows.map((row) => this.messages.withReadBy(this.messages.hydrator.toMessage(row)));
  }
}
