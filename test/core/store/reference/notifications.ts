// Frozen copy of src/core/store/notifications.ts at f4d0b69 (before the second size diet): the reference test/core/store/store-differential.test.ts compares the store against. Never edit.
import type { Message } from '../../../../src/core/protocol/types';
import { appendOnce, type ChatStore } from './chat-store';

/** Something to tell the user about: a direct message, or a mention, in a chat not on screen. */
export interface ChatNotification {
  /** The message's id: there is at most one notification per message. */
  id: string;
  kind: 'direct_message' | 'mention';
  chat_id: string;
  message: Message;
  created_at: string;
}

/** How many notifications are kept; older ones drop off. */
export const NOTIFICATIONS_KEPT = 50;

/**
 * Adds a notification for `message`, once per message id (a direct message arrives both as `new_direct_message`
 * and `chat_activity`), keeping the newest 50. A message that mentions the current user is a `mention`, whichever
 * frame brought it first.
 *
 * @example
 * addNotification(store, frame.data, me.id);
 */
export function addNotification(store: ChatStore, message: Message, currentUserId: string): void {
  const kind = message.mentions?.includes(currentUserId) ? 'mention' : 'direct_message';
  appendOnce(store, 'notifications', { id: message.id, kind, chat_id: message.chat_id, message, created_at: message.created_at }, NOTIFICATIONS_KEPT);
}

/**
 * Removes the notifications `keep` rejects; the store does not change when none is removed.
 *
 * @example
 * removeNotifications(store, (n) => n.chat_id !== chatId);
 */
export function removeNotifications(store: ChatStore, keep: (notification: ChatNotification) => boolean): void {
  const { notifications } = store.getState();
  const next = notifications.filter(keep);
  if (next.length !== notifications.length) store.setState({ notifications: next });
}
