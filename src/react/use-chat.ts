import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import type { ConnectionStatus } from '../core/connection';
import type { HistoryPage } from '../core/protocol/types';
import type { ChatMessage } from '../core/store/chat-slice';
import { selectChat } from '../core/store/chat-store';
import { clientKey } from './client-key';
import { useChatContext } from './context';
import { useChatStore } from './use-chat-store';
import { firstSeq } from '../core/store/chat-message';

/** Options of `useChat`. */
export interface UseChatOptions {
  /** Connect and load history only while true. Default true. */
  enabled?: boolean;
  /** Messages per history page. Default 50. */
  pageSize?: number;
}

/** What `useChat` returns. */
export interface UseChatResult {
  /** Confirmed messages in `seq` order, then your unconfirmed ones. */
  messages: ChatMessage[];
  status: ConnectionStatus;
  /** Shows the message at once as pending and delivers it; returns its client id. Throws `NatterError` on empty or oversized text. */
  sendMessage: (content: string, options?: { parentMessageId?: string | null }) => string;
  /** Sends a failed message again. */
  retry: (clientId: string) => boolean;
  /** Loads the page before the oldest message shown. */
  loadOlder: () => Promise<void>;
  hasOlder: boolean;
  isLoadingOlder: boolean;
  /** True until the first history page has arrived. */
  isLoadingHistory: boolean;
  /** The last history error, if any. */
  historyError: Error | null;
}

/**
 * One chat: its messages, connection status and sending. Joins the chat's socket while mounted (shared with every
 * other hook on the same chat) and loads history through react-query into the same store.
 *
 * @example
 * const { messages, sendMessage, status } = useChat(chatId);
 */
export function useChat(chatId: string, options: UseChatOptions = {}): UseChatResult {
  const { client, queryClient } = useChatContext();
  const enabled = options.enabled ?? true;
  const pageSize = options.pageSize ?? 50;

  useEffect(() => (enabled ? client.joinChat(chatId) : undefined), [client, chatId, enabled]);

  const messages = useChatStore((state) => selectChat(state, chatId).messages);
  const status = useChatStore((state) => state.connections[chatId]?.status ?? 'idle');
  // From the store, not react-query: it changes in the same update as the messages it describes.
  const storeHasOlder = useChatStore((state) => selectChat(state, chatId).hasOlder);

  const history = useInfiniteQuery<HistoryPage, Error, unknown, readonly unknown[], number | undefined>(
    {
      // Per client: history lands in the client's own store (see clientKey).
      queryKey: ['natter', 'history', clientKey(client), chatId, pageSize],
      // The page lands in the store; react-query only tracks paging and loading state.
      queryFn: ({ pageParam }) => client.loadHistory(chatId, { before: pageParam, limit: pageSize }),
      initialPageParam: undefined,
      // The cursor comes from the store, read when the page is fetched: it is always in step with the messages
      // shown, even in the tick before react-query has published the previous page.
      getNextPageParam: () => {
        const slice = selectChat(client.store.getState(), chatId);
        return slice.hasOlder ? (firstSeq(slice.messages) ?? undefined) : undefined;
      },
      enabled,
      staleTime: Number.POSITIVE_INFINITY,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
    queryClient,
  );

  const sendMessage = useCallback(
    (content: string, sendOptions?: { parentMessageId?: string | null }) => client.sendMessage(chatId, content, sendOptions),
    [client, chatId],
  );
  const retry = useCallback((clientId: string) => client.retry(chatId, clientId), [client, chatId]);
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = history;
  const hasOlder = storeHasOlder ?? hasNextPage;
  const loadOlder = useCallback(async () => {
    if (hasOlder && !isFetchingNextPage) await fetchNextPage();
  }, [fetchNextPage, hasOlder, isFetchingNextPage]);

  return {
    messages,
    status,
    sendMessage,
    retry,
    loadOlder,
    hasOlder,
    isLoadingOlder: isFetchingNextPage,
    isLoadingHistory: history.isPending && enabled,
    historyError: history.error,
  };
}
