import { CoalescedRuns } from './coalesced-runs';
import type { ClientContext } from './channel';
import { NatterError } from './errors';
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
  readonly #ctx: ClientContext;
  readonly #chatId: string;
  /** Fetches every change after a revision and applies it; one run at a time, a later request runs after it. */
  readonly #runs = new CoalescedRuns((from) => this.#fetch(from));
  /** The lowest revision a failed catch-up still owes: the watermark may have moved past it with live frames. */
  #owed: number | null = null;

  constructor(ctx: ClientContext, chatId: string) {
    this.#ctx = ctx;
    this.#chatId = chatId;
  }

  get #slice() {
    return selectChat(this.#ctx.store.getState(), this.#chatId);
  }

  #advance(rev: number): void {
    updateChat(this.#ctx.store, this.#chatId, (slice) => advanceRev(slice, rev));
  }

  /** A `connected` frame: fetch what changed since the watermark, if anything is held that could have changed. */
  connected(lastRev: number | null | undefined): void {
    if (lastRev == null) return;
    const slice = this.#slice;
    const held = slice.messages.some((m) => m.seq !== null) || Object.keys(slice.threads).length > 0 || (slice.window?.messages.length ?? 0) > 0;
    if (!held) {
      this.#owed = null;
      return this.#advance(lastRev);
    }
    const from = Math.min(this.#owed ?? Number.POSITIVE_INFINITY, slice.rev);
    if (lastRev > from) void this.#runs.run(from);
  }

  /** A history page read at `lastRev`: older than the watermark means changes after it may be missing from it. */
  pageRead(lastRev: number | undefined): void {
    if (lastRev === undefined) return;
    const { rev } = this.#slice;
    if (rev === 0) this.#advance(lastRev);
    else if (lastRev < rev) void this.#runs.run(lastRev);
  }

  async #fetch(from: number): Promise<void> {
    const { rest, store } = this.#ctx;
    let after = from;
    let top = from;
    try {
      for (;;) {
        const page = await rest.history(this.#chatId, { changedAfter: after, limit: CHANGES_PAGE });
        updateChat(store, this.#chatId, (slice) => applyCopies(slice, page.messages));
        const pageTop = page.messages.reduce((max, m) => Math.max(max, m.rev ?? 0), after);
        top = Math.max(top, pageTop);
        if (!page.has_more || page.messages.length === 0 || pageTop <= after) {
          top = Math.max(top, page.last_rev ?? 0);
          break;
        }
        after = pageTop;
      }
      if (this.#owed !== null && from <= this.#owed) this.#owed = null;
      this.#advance(top);
    } catch (cause) {
      this.#owed = Math.min(this.#owed ?? from, from);
      this.#ctx.events.emit('error', new NatterError('gap_unfilled', 'Could not fetch changes to messages', { chatId: this.#chatId, cause }));
    }
  }
}
