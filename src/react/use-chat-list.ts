import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { Chat } from '../core/protocol/types';
import { inboxOf, loadChats } from '../features/inbox';
import { clientKey } from './client-key';
import { useChatContext } from './context';
import { useChatStore } from './use-chat-store';

/** Options of `useChatList`. */
export interface UseChatListOptions {
  /** Load the list and hold the personal socket (which keeps it live) only while true. Default true. */
  enabled?: boolean;
}

/** What `useChatList` returns. */
export interface UseChatListResult {
  /** Your chats, the most recently active first (last message, else creation). Empty until loaded. */
  chats: Chat[];
  /** True until the first list has arrived. */
  isLoading: boolean;
  error: Error | null;
  /** Loads the list again. */
  refetch: () => Promise<unknown>;
}

// When a chat last saw activity: its newest message, else its creation.
const lastActivity = (chat: Chat): string => chat.last_message?.created_at ?? chat.created_at;

const byActivity = (a: Chat, b: Chat) => {
  const [x, y] = [lastActivity(a), lastActivity(b)];
  return x < y ? 1 : x > y ? -1 : 0;
};

/**
 * The current user's chats with their last message and unread count, kept live over the personal socket
 * (`chat_activity`, `chat_read`; docs/protocol.md, section 9.8).
 *
 * @example
 * const { chats, isLoading } = useChatList();
 */
export function useChatList(options: UseChatListOptions = {}): UseChatListResult {
  const { client, queryClient } = useChatContext();
  const enabled = options.enabled ?? true;
  // Following the personal socket from before it connects (a singleton per client: attaching twice is a no-op).
  inboxOf(client);
  useEffect(() => (enabled ? client.connectPersonal() : undefined), [client, enabled]);
  const query = useQuery(
    {
      queryKey: ['natter', 'chats', clientKey(client)],
      // The list lands in the store, which the socket keeps live; react-query only tracks loading and errors.
      queryFn: async () => {
        await loadChats(client);
        return true;
      },
      enabled,
      staleTime: Number.POSITIVE_INFINITY,
      refetchOnWindowFocus: false,
    },
    queryClient,
  );
  const listed = useChatStore((state) => state.chatList);
  const chats = useMemo(() => (listed ? Object.values(listed).sort(byActivity) : []), [listed]);
  return { chats, isLoading: listed === null && query.isPending && enabled, error: query.error, refetch: query.refetch };
}
