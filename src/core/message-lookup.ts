import type { ClientContext } from './client-context';
import { NatterError } from './errors';
import type { HistoryMessage, HistoryPage } from './protocol/types';
import type { ChatMessage } from './store/chat-slice';
import { selectChat, updateChat } from './store/chat-store';
import { applyCopies, findHeld } from './store/message-changes';
import { closeWindow, extendWindow, joinWindow, oldestHeldSeq, openWindow, windowMeetsLive } from './store/message-window';
import { mergeThreadPage, setThreadParent } from './store/threads';

/** What thread loading and jumping need from a chat channel. */
export interface LookupHost {
  readonly ctx: ClientContext;
  readonly chatId: string;
  /** Loads (and merges) a history page before a seq, filling holes below it. */
  loadPage(query: { before?: number; limit?: number }): Promise<HistoryPage>;
  /** Fetches every message after the newest held. */
  fillGap(): Promise<void>;
  /** A page was read at this revision (rev catch-up). */
  pageRead(lastRev: number | undefined): void;
}

const JUMP_PAGE = 200;
const WINDOW_PAGE = 50;

/**
 * Loads a page of one thread's replies (`?parent_id=`), oldest first, into `threads[parentId]`.
 *
 * @example
 * await loadThread(channel, parentId, { before: oldestReplySeq, limit: 50 });
 */
export async function loadThread(host: LookupHost, parentId: string, query: { before?: number; limit?: number } = {}): Promise<HistoryPage> {
  const { ctx, chatId } = host;
  if (typeof parentId !== 'string' || parentId === '') throw new NatterError('invalid_argument', 'A thread needs its parent message id', { chatId });
  // A parent held nowhere (older than the history loaded) is fetched with the first page and kept in the thread,
  // where the frames that change it keep it live.
  const needParent = query.before === undefined && !findHeld(selectChat(ctx.store.getState(), chatId), parentId);
  const [page, parent] = await Promise.all([ctx.rest.history(chatId, { parentId, ...query }), needParent ? ctx.rest.message(chatId, parentId) : null]);
  updateChat(ctx.store, chatId, (slice) => {
    const merged = mergeThreadPage(slice, parentId, page, ctx.currentUser.id);
    return parent ? setThreadParent(merged, parent, ctx.currentUser.id) : merged;
  });
  host.pageRead(page.last_rev);
  return page;
}

/**
 * Fetches one message of the chat (with `read_by`) and refreshes the copy held, if older.
 *
 * @example
 * const parent = await getMessage(channel, reply.parent_message_id);
 */
export async function getMessage(host: LookupHost, messageId: string): Promise<HistoryMessage> {
  const { ctx, chatId } = host;
  if (typeof messageId !== 'string' || messageId === '') throw new NatterError('invalid_argument', 'A message id is required', { chatId });
  const message = await ctx.rest.message(chatId, messageId);
  updateChat(ctx.store, chatId, (slice) => applyCopies(slice, [message]));
  return message;
}

const heldIn = (host: LookupHost, messageId: string): ChatMessage | null =>
  selectChat(host.ctx.store.getState(), host.chatId).messages.find((m) => m.id === messageId) ?? null;

const inWindow = (host: LookupHost, messageId: string): ChatMessage | null =>
  selectChat(host.ctx.store.getState(), host.chatId).window?.messages.find((m) => m.id === messageId) ?? null;

/** A chat's window requests: a jump or leaving starts a new epoch, and answers of an older one are dropped. */
interface WindowRuns {
  epoch: number;
  older: Promise<HistoryPage | null> | null;
  newer: Promise<HistoryPage | null> | null;
}
const windowRuns = new WeakMap<LookupHost, WindowRuns>();
const runsOf = (host: LookupHost): WindowRuns => {
  let runs = windowRuns.get(host);
  if (!runs) windowRuns.set(host, (runs = { epoch: 0, older: null, newer: null }));
  return runs;
};
const newEpoch = (host: LookupHost): number => {
  const runs = runsOf(host);
  runs.older = runs.newer = null;
  return ++runs.epoch;
};

/**
 * Shows a message: held in `messages` already, or near enough below them (within one page of 200) to page back
 * to it, it ends up there and any window closes (so `messages` stays one contiguous range). Farther back, the 50
 * messages around it (`?around=`) open a detached `window` instead, so that no thousands of messages load in
 * between; resolves with the window's copy. Null when it is not a message of this chat (no window opens then).
 *
 * @example
 * const message = await jumpTo(channel, result.message.id);
 */
export async function jumpTo(host: LookupHost, messageId: string, maxPages = 50): Promise<ChatMessage | null> {
  const slice = () => selectChat(host.ctx.store.getState(), host.chatId);
  const live = heldIn(host, messageId);
  if (live) return leaveWith(host, live);
  let target: HistoryMessage;
  try {
    target = await getMessage(host, messageId);
  } catch (error) {
    if (error instanceof NatterError && (error.details.status === 404 || error.details.status === 403)) return null;
    throw error;
  }
  if (target.chat_id !== host.chatId) return null;
  if (target.seq > slice().lastSeq && slice().lastSeq > 0) await host.fillGap();
  for (let pages = 0; pages < maxPages && !heldIn(host, messageId); pages += 1) {
    const oldest = oldestHeldSeq(slice());
    if (oldest !== null && (target.seq < oldest - JUMP_PAGE || slice().hasOlder === false)) break;
    const page = await host.loadPage({ ...(oldest !== null ? { before: oldest } : {}), limit: JUMP_PAGE });
    if (page.messages.length === 0) break;
  }
  const found = heldIn(host, messageId);
  if (found) return leaveWith(host, found);
  return inWindow(host, messageId) ?? openWindowAt(host, target.seq, messageId);
}

function leaveWith(host: LookupHost, message: ChatMessage): ChatMessage {
  leaveWindow(host);
  return heldIn(host, message.id!) ?? message;
}

async function openWindowAt(host: LookupHost, seq: number, messageId: string): Promise<ChatMessage | null> {
  const { ctx, chatId } = host;
  const epoch = newEpoch(host);
  const page = await ctx.rest.history(chatId, { around: seq, limit: WINDOW_PAGE });
  // A later jump (or leaving) won meanwhile: this page is not what the reader wants any more.
  if (runsOf(host).epoch !== epoch) return inWindow(host, messageId) ?? heldIn(host, messageId);
  updateChat(ctx.store, chatId, (slice) => {
    const next = openWindow(slice, page, ctx.currentUser.id);
    return windowMeetsLive(next) ? joinWindow(next, ctx.currentUser.id) : next;
  });
  host.pageRead(page.last_rev);
  return inWindow(host, messageId) ?? heldIn(host, messageId);
}

/**
 * Loads the 50 messages before the window's oldest into it. Resolves with the page, or null when there is no window
 * or nothing older; a call while one is loading shares it.
 *
 * @example
 * await loadWindowOlder(channel);
 */
export function loadWindowOlder(host: LookupHost): Promise<HistoryPage | null> {
  const window = selectChat(host.ctx.store.getState(), host.chatId).window;
  const oldest = window?.messages[0]?.seq;
  if (!window?.hasOlder || oldest == null) return Promise.resolve(null);
  return pageWindow(host, 'older', { before: oldest, limit: WINDOW_PAGE });
}

/**
 * Loads the 50 messages after the window's newest into it. Once the window reaches the live `messages` (or the
 * newest message) the two merge and the window closes. Resolves with the page, or null when there is no window.
 *
 * @example
 * await loadWindowNewer(channel);
 */
export function loadWindowNewer(host: LookupHost): Promise<HistoryPage | null> {
  const window = selectChat(host.ctx.store.getState(), host.chatId).window;
  const newest = window?.messages.at(-1)?.seq;
  if (!window || newest == null) return Promise.resolve(null);
  return pageWindow(host, 'newer', { after: newest, limit: WINDOW_PAGE });
}

function pageWindow(host: LookupHost, direction: 'older' | 'newer', query: { before?: number; after?: number; limit: number }): Promise<HistoryPage | null> {
  const { ctx, chatId } = host;
  const runs = runsOf(host);
  const running = runs[direction];
  if (running) return running;
  const epoch = runs.epoch;
  const run = (async () => {
    const page = await ctx.rest.history(chatId, query);
    if (runs.epoch !== epoch) return page;
    updateChat(ctx.store, chatId, (slice) => {
      const next = extendWindow(slice, page, direction, ctx.currentUser.id);
      return direction === 'newer' && windowMeetsLive(next) ? joinWindow(next, ctx.currentUser.id) : next;
    });
    host.pageRead(page.last_rev);
    return page;
  })();
  const settled = () => {
    if (runs[direction] === run) runs[direction] = null;
  };
  run.then(settled, settled);
  runs[direction] = run;
  return run;
}

/**
 * Closes the window and goes back to the live messages ("Jump to latest"); pages still loading into it are dropped.
 *
 * @example
 * leaveWindow(channel);
 */
export function leaveWindow(host: LookupHost): void {
  newEpoch(host);
  updateChat(host.ctx.store, host.chatId, closeWindow);
}
