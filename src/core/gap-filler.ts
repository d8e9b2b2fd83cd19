import { CoalescedRuns } from './coalesced-runs';
import type { ClientContext } from './client-context';
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
  /**
   * Fetches every message after `from` (default: the last `seq` held) until the server has no more. One fill runs
   * at a time; a fill asked for meanwhile runs right after it, from the lowest point asked for. It never starts
   * above a hole already there: a fill from higher up would not cover it.
   */
  readonly fill: (from?: number) => Promise<void>;
  /** A fresh socket fills anyway: a pending retry would only repeat it. */
  readonly cancelRetry: () => void;

  // The state lives in closures: a local minifies to one letter, a member to `this.#e` on every use.
  constructor(ctx: ClientContext, chatId: string, mergePage: (page: HistoryPage) => void, isHeld: () => boolean) {
    let retryTimer: unknown = null;
    let failures = 0;
    const slice = () => selectChat(ctx.store.getState(), chatId);
    /** Sets `discontinuous` (and tells the app why) or clears it once the chat is whole again. */
    const markContinuity = (problem: string | null, cause?: unknown) => {
      const discontinuous = problem !== null;
      updateChat(ctx.store, chatId, (chat) => (chat.discontinuous === discontinuous ? chat : { ...chat, discontinuous }));
      if (problem !== null) ctx.events.emit('error', new NatterError('gap_unfilled', problem, { chatId, cause }));
    };
    const fills = new CoalescedRuns(async (from) => {
      const { rest, timers, backoff } = ctx;
      try {
        let after = Math.min(from, gapStart(slice()) ?? Infinity);
        for (;;) {
          // A request on a keep-alive connection that died silently can hang for minutes, holding up every later
          // fill: after 20 s it is aborted, and fails (and is retried) as an unreachable server does. A literal, not a
          // named constant: the bundle's gzip is smaller so.
          const abort = new AbortController();
          const timer = timers.setTimeout(() => abort.abort(), 20_000);
          const page = await rest.history(chatId, { after, limit: GAP_PAGE, signal: abort.signal }).finally(() => clearTimer(timers, timer));
          mergePage(page);
          if (!page.has_more || page.messages.length === 0) break;
          after = page.messages.at(-1)!.seq;
        }
        failures = 0;
        // A fill asked for meanwhile covers what arrived since; it decides.
        if (fills.queued()) return;
        // This fill started at or below the first hole: holes that remain are ones the server no longer has.
        markContinuity(gapStart(slice()) === null ? null : 'The server no longer has some missed messages');
      } catch (error) {
        markContinuity('Could not fetch missed messages', error);
        // Try again with the reconnect backoff while the chat is held (the network, a restarting server), rather
        // than waiting for the next reconnect, which a healthy socket may never have.
        if (retryTimer !== null || !isHeld()) return;
        retryTimer = timers.setTimeout(() => {
          retryTimer = null;
          if (isHeld()) void this.fill();
        }, backoff.delay(failures++));
      }
    });
    this.fill = (from) => fills.run(from ?? slice().lastSeq);
    this.cancelRetry = () => {
      retryTimer = clearTimer(ctx.timers, retryTimer);
    };
  }
}

/**
 * Where the first hole is after `lastSeq` once `messages` (in any order) have arrived: the seq to fill after, or
 * null when they follow on without one.
 *
 * @example
 * firstGap(4, [{ seq: 5 }, { seq: 7 }]); // 5: seq 6 is missing
 */
export function firstGap(lastSeq: number, messages: ReadonlyArray<{ seq: number }>): number | null {
  let last = lastSeq;
  for (const seq of messages.map((m) => m.seq).sort((a, b) => a - b)) {
    if (seq > last + 1) return last;
    last = Math.max(last, seq);
  }
  return null;
}
