import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import type { HistoryPage } from '../core/protocol/types';
import type { ChatMessage } from '../core/store/chat-slice';
import { selectChat } from '../core/store/chat-store';
import { clientKey } from './client-key';
import { loadThread } from '../features/history';
import { useChatContext } from './context';
import { useChatStore } from './use-chat-store';
import { findHeld } from '../core/store/message-changes';
import { firstSeq } from '../core/store/chat-message';

/** Options of `useThread`. */
export interface UseThreadOptions {
  /** Join the chat and load replies only while true. Default true. */
  enabled?: boolean;
  /** Replies per page. Default 50. */
  pageSize?: number;
}

/** What `useThread` returns. */
export interface UseThreadResult {
  /** The message replied to, live (held in the chat, or kept by the thread when older); null while it loads. */
  parent: ChatMessage | null;
  /** Its direct replies in `seq` order, then your unconfirmed ones. */
  replies: ChatMessage[];
  /** Sends a reply to the parent; returns its client id. Throws `NatterError` on empty or oversized text. */
  sendReply: (content: string) => string;
  /** Loads the page of replies before the oldest shown. */
  loadOlder: () => Promise<void>;
  hasOlder: boolean;
  /** True until the first page of replies has arrived. */
  isLoading: boolean;
  isLoadingOlder: boolean;
  /** Why the parent or a page of replies could not load. */
  error: Error | null;
  /** Fetches the loaded pages (the first with the parent, if not held) again, e.g. after an `error`. */
  refetch: () => Promise<unknown>;
}

const NO_REPLIES: ChatMessage[] = [];

/**
 * One thread: a message and its replies, live. Joins the chat's socket while mounted; pages of replies come through
 * react-query into the store, which the hook reads.
 *
 * @example
 * const { parent, replies, sendReply, hasOlder, loadOlder } = useThread(chatId, parentId);
 */
export function useThread(chatId: string, parentId: string, options: UseThreadOptions = {}): UseThreadResult {
  const { client, queryClient } = useChatContext();
  const enabled = options.enabled ?? true;
  const pageSize = options.pageSize ?? 50;
  useEffect(() => (enabled ? client.joinChat(chatId) : undefined), [client, chatId, enabled]);

  // Live wherever it is: in the chat, in a far jump's window, or kept by the thread (loadThread fetches it then).
  const parent = useChatStore((state) => findHeld(selectChat(state, chatId), parentId));
  const replies = useChatStore((state) => selectChat(state, chatId).threads?.[parentId]?.replies ?? NO_REPLIES);
  const storeHasOlder = useChatStore((state) => selectChat(state, chatId).threads?.[parentId]?.hasOlder);

  const pages = useInfiniteQuery<HistoryPage, Error, unknown, readonly unknown[], number | undefined>(
    {
      queryKey: ['natter', 'thread', clientKey(client), chatId, parentId, pageSize],
      queryFn: ({ pageParam }) => loadThread(client, chatId, parentId, { before: pageParam, limit: pageSize }),
      initialPageParam: undefined,
      // The cursor is read from the store when the page is fetched, so it matches the replies shown.
      getNextPageParam: () => {
        const thread = selectChat(client.store.getState(), chatId).threads?.[parentId];
        return thread?.hasOlder ? (firstSeq(thread.replies) ?? undefined) : undefined;
      },
      enabled,
      staleTime: Number.POSITIVE_INFINITY,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
    queryClient,
  );

  const sendReply = useCallback((content: string) => client.sendMessage(chatId, content, { parentMessageId: parentId }), [client, chatId, parentId]);
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = pages;
  const hasOlder = storeHasOlder ?? hasNextPage;
  const loadOlder = useCallback(async () => {
    if (hasOlder && !isFetchingNextPage) await fetchNextPage();
  }, [fetchNextPage, hasOlder, isFetchingNextPage]);

  return {
    parent,
    replies,
    sendReply,
    loadOlder,
    hasOlder,
    // Loaded once the first page is in the store, which happens a moment before react-query hears of it.
    isLoading: pages.isPending && enabled && storeHasOlder === undefined,
    isLoadingOlder: isFetchingNextPage,
    error: pages.error,
    refetch: pages.refetch,
  };
}
