import { CoalescedRuns } from './coalesced-runs';
import type { ClientContext } from './channel';
import { NatterError } from './errors';
import type { HistoryPage } from './protocol/types';
import { gapStart } from './store/chat-slice';
import { selectChat, updateChat } from './store/chat-store';
import { clearTimer } from './timers';

const GAP_PAGE = 200;

/**
 * Fills holes in one chat's `seq` after a reconnect or a missed frame (`?after=` pages), marks the chat
 * `discontinuous` while it cannot, and retries with the reconnect backoff while the chat is held.
 *
 * @example
 * const gaps = new GapFiller(ctx, chatId, (page) => merge(page), () => channel.held);
 * void gaps.fill(lastSeq);
 */
export class GapFiller {
  readonly #ctx: ClientContext;
  readonly #chatId: string;
  readonly #mergePage: (page: HistoryPage) => void;
  readonly #isHeld: () => boolean;
  readonly #fills = new CoalescedRuns((from) => this.#runFill(Math.min(from, this.#gapStart() ?? Number.POSITIVE_INFINITY)));
  #retryTimer: unknown = null;
  #failures = 0;

  constructor(ctx: ClientContext, chatId: string, mergePage: (page: HistoryPage) => void, isHeld: () => boolean) {
    this.#ctx = ctx;
    this.#chatId = chatId;
    this.#mergePage = mergePage;
    this.#isHeld = isHeld;
  }

  /**
   * Fetches every message after `from` (default: the last `seq` held) until the server has no more. One fill runs
   * at a time; a fill asked for meanwhile runs right after it, from the lowest point asked for. It never starts
   * above a hole already there: a fill from higher up would not cover it.
   */
  fill(from?: number): Promise<void> {
    return this.#fills.run(from ?? selectChat(this.#ctx.store.getState(), this.#chatId).lastSeq);
  }

  /** A fresh socket fills anyway: a pending retry would only repeat it. */
  cancelRetry(): void {
    this.#retryTimer = clearTimer(this.#ctx.timers, this.#retryTimer);
  }

  #gapStart(): number | null {
    return gapStart(selectChat(this.#ctx.store.getState(), this.#chatId));
  }

  async #runFill(from: number): Promise<void> {
    const { rest, timers, backoff } = this.#ctx;
    try {
      let after = from;
      for (;;) {
        const page = await rest.history(this.#chatId, { after, limit: GAP_PAGE });
        this.#mergePage(page);
        if (!page.has_more || page.messages.length === 0) break;
        after = page.messages.at(-1)!.seq;
      }
      this.#failures = 0;
      // A fill asked for meanwhile covers what arrived since; it decides.
      if (this.#fills.queued) return;
      // This fill started at or below the first hole: holes that remain are ones the server no longer has.
      this.#markContinuity(this.#gapStart() === null ? null : 'The server no longer has some missed messages');
    } catch (error) {
      this.#markContinuity('Could not fetch missed messages', error);
      // Try again with the reconnect backoff while the chat is held (the network, a restarting server), rather than
      // waiting for the next reconnect, which a healthy socket may never have.
      if (this.#retryTimer !== null || !this.#isHeld()) return;
      this.#retryTimer = timers.setTimeout(() => {
        this.#retryTimer = null;
        if (this.#isHeld()) void this.fill();
      }, backoff.delay(this.#failures++));
    }
  }

  /** Sets `discontinuous` (and tells the app why) or clears it once the chat is whole again. */
  #markContinuity(problem: string | null, cause?: unknown): void {
    const discontinuous = problem !== null;
    updateChat(this.#ctx.store, this.#chatId, (slice) => (slice.discontinuous === discontinuous ? slice : { ...slice, discontinuous }));
    if (problem !== null) this.#ctx.events.emit('error', new NatterError('gap_unfilled', problem, { chatId: this.#chatId, cause }));
  }
}
