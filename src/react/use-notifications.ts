import { useCallback, useEffect } from 'react';
import type { ChatNotification } from '../core/store/chat-store';
import { clearNotifications, dismissNotification, inboxOf } from '../features/inbox';
import { useChatContext } from './context';
import { useChatStore } from './use-chat-store';

/** Options of `useNotifications`. */
export interface UseNotificationsOptions {
  /** Hold the personal socket (where direct messages and mentions arrive) only while true. Default true. */
  enabled?: boolean;
}

/** What `useNotifications` returns. */
export interface UseNotificationsResult {
  /** Direct messages and mentions in chats not on screen, oldest first (at most 50). */
  notifications: ChatNotification[];
  /** Removes one notification. */
  dismiss: (id: string) => void;
  /** Removes every notification, or those of one chat. */
  clear: (chatId?: string) => void;
}

/**
 * Notifications (docs/protocol.md, section 9.9): a direct message or a mention of you from someone else, in a
 * chat that is not on screen. Opening that chat clears its notifications.
 *
 * @example
 * const { notifications, dismiss } = useNotifications();
 */
export function useNotifications(options: UseNotificationsOptions = {}): UseNotificationsResult {
  const { client } = useChatContext();
  const enabled = options.enabled ?? true;
  // Collecting from before the personal socket connects (a singleton per client: attaching twice is a no-op).
  inboxOf(client);
  useEffect(() => (enabled ? client.connectPersonal() : undefined), [client, enabled]);
  const notifications = useChatStore((state) => state.notifications);
  const dismiss = useCallback((id: string) => dismissNotification(client, id), [client]);
  const clear = useCallback((chatId?: string) => clearNotifications(client, chatId), [client]);
  return { notifications, dismiss, clear };
}
