import type { ChatClient } from '../core/chat-client';
import { featureOf } from '../core/client-internals';
import type { Chat } from '../core/protocol/types';
import { createInbox, type Inbox } from '../core/root-features';

/**
 * The client's inbox (chat list, unread counts, notifications), following the client from its first use on.
 *
 * @example
 * inboxOf(client); // start collecting notifications before anything is shown
 */
export function inboxOf(client: ChatClient): Inbox {
  return featureOf(client, createInbox);
}

/**
 * Fetches the user's chats into `state.chatList`; the personal socket (`client.connectPersonal`) keeps it live.
 *
 * @example
 * const chats = await loadChats(client);
 */
export function loadChats(client: ChatClient): Promise<Chat[]> {
  return inboxOf(client).loadChats();
}

/**
 * Sends a read receipt for the newest message of someone else held in the chat (nothing while hidden).
 *
 * @example
 * markChatRead(client, chatId);
 */
export function markChatRead(client: ChatClient, chatId: string): void {
  inboxOf(client).markChatRead(chatId);
}

/**
 * Whether the chat is on screen: joined (`joinChat`; a message queued for it does not count) and the page visible.
 *
 * @example
 * if (!isChatViewed(client, chatId)) playSound();
 */
export function isChatViewed(client: ChatClient, chatId: string): boolean {
  return inboxOf(client).isViewed(chatId);
}

/**
 * Removes one notification (by its id, which is the message's).
 *
 * @example
 * dismissNotification(client, notification.id);
 */
export function dismissNotification(client: ChatClient, id: string): void {
  inboxOf(client).dismissNotification(id);
}

/**
 * Removes the notifications of one chat, or all of them.
 *
 * @example
 * clearNotifications(client, chatId);
 */
export function clearNotifications(client: ChatClient, chatId?: string): void {
  inboxOf(client).clearNotifications(chatId);
}
