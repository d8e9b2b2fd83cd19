import { useEffect } from 'react';
import type { ConnectionStatus } from '../core/connection';
import type { Message } from '../core/protocol/types';
import { PERSONAL } from '../core/store/chat-store';
import { useChatContext } from './context';
import { useChatStore } from './use-chat-store';

/** Options of `useDirectMessages`. */
export interface UseDirectMessagesOptions {
  /** Hold the personal socket open only while true. Default true. */
  enabled?: boolean;
}

/** What `useDirectMessages` returns. */
export interface UseDirectMessagesResult {
  /** Direct messages received since the page loaded, oldest first, yours included. */
  messages: Message[];
  /** Sends a direct message; returns its client id. */
  send: (recipientId: string, content: string, options?: { chatId?: string }) => string;
  status: ConnectionStatus;
}

/**
 * The personal socket: direct messages to and from the current user, from any chat.
 *
 * @example
 * const { messages, send } = useDirectMessages();
 * const unread = messages.filter((m) => m.sender_id !== me.id);
 */
export function useDirectMessages(options: UseDirectMessagesOptions = {}): UseDirectMessagesResult {
  const { client } = useChatContext();
  const enabled = options.enabled ?? true;
  useEffect(() => (enabled ? client.connectPersonal() : undefined), [client, enabled]);
  const messages = useChatStore((state) => state.directMessages);
  const status = useChatStore((state) => state.connections[PERSONAL]?.status ?? 'idle');
  // The client's methods are stable for its life: no useCallback needed.
  return { messages, send: client.sendDirectMessage, status };
}
