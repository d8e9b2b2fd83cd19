import { CoalescedRuns } from './coalesced-runs';
import type { ClientContext } from './client-context';
import { NatterError } from './errors';
import type { HistoryPage } from './protocol/types';
import { selectChat, updateChat } from './store/chat-store';
import { advanceRev, applyCopies } from './store/message-changes';

const CHANGES_PAGE = 200;

/**
 * Keeps held messages up to date with changes made while this client was not listening (docs/protocol.md, section
 * 9.4): edits, deletions, reactions and reply counts are not re-sent as frames, so after a reconnect (or a history
 * page read before the newest changes) it fetches `?changed_after=` pages and applies the newer copies.
 *
 * @example
 * const catchUp = new ChangeCatchUp(ctx, chatId);
 * catchUp.connected(frame.data.last_rev);
 */
export class ChangeCatchUp {
  /** A `connected` frame: fetch what changed since the watermark, if anything is held that could have changed. */
  readonly connected: (lastRev: number | null | undefined) => void;
  /** A history page read at `lastRev`: older than the watermark means changes after it may be missing from it. */
  readonly pageRead: (lastRev: number | undefined) => void;

  // The state lives in closures: a local minifies to one letter, a member to `this.#e` on every use.
  constructor(ctx: ClientContext, chatId: string) {
    const slice = () => selectChat(ctx.store.getState(), chatId);
    const advance = (rev: number) => updateChat(ctx.store, chatId, (chat) => advanceRev(chat, rev));
    /** The lowest revision a failed catch-up still owes: the watermark may have moved past it with live frames. */
    let owed: number | null = null;
    /** Fetches every change after a revision and applies it; one run at a time, a later request runs after it. */
    const runs = new CoalescedRuns(async (from) => {
      let top = from;
      let after: number;
      let page: HistoryPage;
      try {
        do {
          after = top;
          page = await ctx.rest.history(chatId, { changedAfter: after, limit: CHANGES_PAGE });
          const { messages } = page;
          updateChat(ctx.store, chatId, (chat) => applyCopies(chat, messages));
          top = messages.reduce((max, m) => Math.max(max, m.rev ?? 0), after);
          // A page that moves the cursor no further would only be asked for again.
        } while (page.has_more && top > after);
        if (owed !== null && from <= owed) owed = null;
        advance(Math.max(top, page.last_rev ?? 0));
      } catch (cause) {
        owed = Math.min(owed ?? from, from);
        ctx.events.emit('error', new NatterError('gap_unfilled', 'Could not fetch changes to messages', { chatId, cause }));
      }
    });

    this.connected = (lastRev) => {
      if (lastRev == null) return;
      const chat = slice();
      const held = chat.messages.some((m) => m.seq !== null) || Object.keys(chat.threads).length > 0 || !!chat.window?.messages.length;
      if (!held) {
        owed = null;
        return advance(lastRev);
      }
      const from = Math.min(owed ?? Infinity, chat.rev);
      if (lastRev > from) void runs.run(from);
    };
    this.pageRead = (lastRev) => {
      if (lastRev === undefined) return;
      const { rev } = slice();
      if (rev === 0) advance(lastRev);
      else if (lastRev < rev) void runs.run(lastRev);
    };
  }
}
