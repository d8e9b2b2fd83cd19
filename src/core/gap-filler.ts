import { CoalescedRuns } from './coalesced-runs';
import type { ClientContext } from './channel';
import { NatterError } from './errors';
import type { HistoryPage } from './protocol/types';
import { gapStart } from './store/chat-slice';
import { selectChat, updateChat } from './store/chat-store';

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
  private readonly fills = new CoalescedRuns((from) => this.runFill(this.startAt(from)));
  private fillRetryTimer: unknown = null;
  private fillFailures = 0;

  constructor(
    private readonly ctx: ClientContext,
    private readonly chatId: string,
    private readonly mergePage: (page: HistoryPage) => void,
    private readonly isHeld: () => boolean,
  ) {}

  /**
   * Fetches every message after `from` (default: the last `seq` held) until the server has no more. One fill runs
   * at a time; a fill asked for meanwhile runs right after it, from the lowest point asked for.
   */
  fill(from?: number): Promise<void> {
    return this.fills.run(from ?? selectChat(this.ctx.store.getState(), this.chatId).lastSeq);
  }

  /** Never start above a hole already there: a fill from higher up would not cover it. */
  private startAt(from: number): number {
    return Math.min(from, gapStart(selectChat(this.ctx.store.getState(), this.chatId)) ?? Number.POSITIVE_INFINITY);
  }

  private async runFill(from: number): Promise<void> {
    const { rest, store } = this.ctx;
    try {
      let after = from;
      for (;;) {
        const page = await rest.history(this.chatId, { after, limit: GAP_PAGE });
        this.mergePage(page);
        if (!page.has_more || page.messages.length === 0) break;
        after = page.messages.at(-1)!.seq;
      }
      this.fillFailures = 0;
      // A fill asked for meanwhile covers what arrived since; it decides.
      if (this.fills.queued) return;
      // This fill started at or below the first hole: holes that remain are ones the server no longer has.
      this.markContinuity(gapStart(selectChat(store.getState(), this.chatId)) === null ? null : 'The server no longer has some missed messages');
    } catch (error) {
      this.markContinuity('Could not fetch missed messages', error);
      this.retryLater();
    }
  }

  /**
   * A fill failed (the network, a restarting server): try again with the reconnect backoff while the chat is held,
   * rather than waiting for the next reconnect, which a healthy socket may never have.
   */
  private retryLater(): void {
    if (this.fillRetryTimer !== null || !this.isHeld()) return;
    this.fillRetryTimer = this.ctx.timers.setTimeout(() => {
      this.fillRetryTimer = null;
      if (this.isHeld()) void this.fill();
    }, this.ctx.backoff.delay(this.fillFailures++));
  }

  /** A fresh socket fills anyway: a pending retry would only repeat it. */
  cancelRetry(): void {
    if (this.fillRetryTimer !== null) this.ctx.timers.clearTimeout(this.fillRetryTimer);
    this.fillRetryTimer = null;
  }

  /** Sets `discontinuous` (and tells the app why) or clears it once the chat is whole again. */
  private markContinuity(problem: string | null, cause?: unknown): void {
    const discontinuous = problem !== null;
    updateChat(this.ctx.store, this.chatId, (slice) => (slice.discontinuous === discontinuous ? slice : { ...slice, discontinuous }));
    if (problem !== null) this.ctx.events.emit('error', new NatterError('gap_unfilled', problem, { chatId: this.chatId, cause }));
  }
}
