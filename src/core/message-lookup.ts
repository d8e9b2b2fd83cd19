import type { ClientContext } from './channel';
import { NatterError } from './errors';
import type { HistoryMessage, HistoryPage } from './protocol/types';
import type { ChatMessage } from './store/chat-slice';
import { selectChat, updateChat } from './store/chat-store';
import { applyCopies } from './store/message-changes';
import { mergeThreadPage } from './store/threads';

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

/**
 * Loads a page of one thread's replies (`?parent_id=`), oldest first, into `threads[parentId]`.
 *
 * @example
 * await loadThread(channel, parentId, { before: oldestReplySeq, limit: 50 });
 */
export async function loadThread(host: LookupHost, parentId: string, query: { before?: number; limit?: number } = {}): Promise<HistoryPage> {
  const { ctx, chatId } = host;
  if (typeof parentId !== 'string' || parentId === '') throw new NatterError('invalid_argument', 'A thread needs its parent message id', { chatId });
  const page = await ctx.rest.history(chatId, { parentId, ...query });
  updateChat(ctx.store, chatId, (slice) => mergeThreadPage(slice, parentId, page, ctx.currentUser.id));
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

/**
 * Makes sure a message is held in `messages` (for a search result, a quoted parent): pages older history until it
 * is, at most `maxPages` pages of 200. Resolves with it, or null when it is not a message of this chat.
 *
 * @example
 * const message = await jumpTo(channel, result.message.id);
 */
export async function jumpTo(host: LookupHost, messageId: string, maxPages = 50): Promise<ChatMessage | null> {
  const found = heldIn(host, messageId);
  if (found) return found;
  let target: HistoryMessage;
  try {
    target = await getMessage(host, messageId);
  } catch (error) {
    if (error instanceof NatterError && (error.details.status === 404 || error.details.status === 403)) return null;
    throw error;
  }
  if (target.chat_id !== host.chatId) return null;
  const slice = () => selectChat(host.ctx.store.getState(), host.chatId);
  if (target.seq > slice().lastSeq && slice().lastSeq > 0) await host.fillGap();
  for (let pages = 0; pages < maxPages && !heldIn(host, messageId); pages += 1) {
    const oldest = slice().messages.find((m) => m.seq !== null)?.seq ?? undefined;
    if (oldest !== undefined && slice().hasOlder === false) break;
    const page = await host.loadPage({ ...(oldest !== undefined ? { before: oldest } : {}), limit: JUMP_PAGE });
    if (page.messages.length === 0) break;
  }
  return heldIn(host, messageId);
}
