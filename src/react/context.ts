import type { QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { ChatClient } from '../core/chat-client';

/** What `ChatProvider` puts in context. */
export interface ChatContextValue {
  client: ChatClient;
  queryClient: QueryClient;
}

export const ChatContext = createContext<ChatContextValue | null>(null);

/**
 * The provider's client and query client; throws a clear error outside `ChatProvider`.
 *
 * @example
 * const { client } = useChatContext();
 */
export function useChatContext(): ChatContextValue {
  const value = useContext(ChatContext);
  if (!value) {
    throw new Error('Natter hooks must be used inside <ChatProvider client={client}>');
  }
  return value;
}

/**
 * The `ChatClient` of the nearest `ChatProvider`, for calls the hooks do not cover.
 *
 * @example
 * const client = useChatClient();
 * client.reconnect();
 */
export function useChatClient(): ChatClient {
  return useChatContext().client;
}
