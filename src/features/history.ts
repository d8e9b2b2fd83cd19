import type { ChatClient } from '../core/chat-client';
import { internalsOf } from '../core/client-internals';
import * as lookup from '../core/message-lookup';
import type { HistoryMessage, HistoryPage, SearchPage } from '../core/protocol/types';
import type { SearchQuery } from '../core/rest-client';
import type { ChatMessage } from '../core/store/chat-slice';

const channel = (client: ChatClient, chatId: string) => internalsOf(client).chat(chatId);

/**
 * Loads a page of one thread's replies (older ones with `before`) into `threads[parentId]`.
 *
 * @example
 * await loadThread(client, chatId, parentId, { limit: 50 });
 */
export function loadThread(client: ChatClient, chatId: string, parentId: string, query: { before?: number; limit?: number } = {}): Promise<HistoryPage> {
  return lookup.loadThread(channel(client, chatId), parentId, query);
}

/**
 * Fetches one message (with `read_by`), refreshing the copy held.
 *
 * @example
 * const message = await getMessage(client, chatId, messageId);
 */
export function getMessage(client: ChatClient, chatId: string, messageId: string): Promise<HistoryMessage> {
  return lookup.getMessage(channel(client, chatId), messageId);
}

/**
 * Brings a message into view: held or within one page below the held messages, it is loaded into `messages`
 * (older pages, `maxPages` at most); farther back, the page around it opens the chat's detached `window`.
 * Resolves with the copy shown, or null if it is not in the chat.
 *
 * @example
 * const shown = await jumpTo(client, chatId, quotedId);
 */
export function jumpTo(client: ChatClient, chatId: string, messageId: string, options: { maxPages?: number } = {}): Promise<ChatMessage | null> {
  return lookup.jumpTo(channel(client, chatId), messageId, options.maxPages);
}

/**
 * Loads 50 older messages into the chat's window; null when no window is open or nothing is older.
 *
 * @example
 * await loadWindowOlder(client, chatId);
 */
export function loadWindowOlder(client: ChatClient, chatId: string): Promise<HistoryPage | null> {
  return lookup.loadWindowOlder(channel(client, chatId));
}

/**
 * Loads 50 newer messages into the chat's window; once it reaches the live messages the two merge and it closes.
 *
 * @example
 * await loadWindowNewer(client, chatId);
 */
export function loadWindowNewer(client: ChatClient, chatId: string): Promise<HistoryPage | null> {
  return lookup.loadWindowNewer(channel(client, chatId));
}

/**
 * Closes the chat's window: back to the live messages ("Jump to latest").
 *
 * @example
 * leaveWindow(client, chatId);
 */
export function leaveWindow(client: ChatClient, chatId: string): void {
  lookup.leaveWindow(channel(client, chatId));
}

/**
 * Full-text search in a chat, newest first (docs/protocol.md, section 9.7).
 *
 * @example
 * const { results } = await searchMessages(client, chatId, 'invoice');
 */
export function searchMessages(client: ChatClient, chatId: string, q: string, query: SearchQuery = {}): Promise<SearchPage> {
  return client.rest.search(chatId, q, query);
}
