import { useQuery } from '@tanstack/react-query';
import type { HistoryMessage } from '../core/protocol/types';
import type { ChatMessage, ChatSlice } from '../core/store/chat-slice';
import { selectChat } from '../core/store/chat-store';
import { clientKey } from './client-key';
import { useChatContext } from './context';
import { useChatStore } from './use-chat-store';

/** Options of `useMessage`. */
export interface UseMessageOptions {
  /** Fetch the message when the store does not hold it. Default true. */
  enabled?: boolean;
}

/** What `useMessage` returns. */
export interface UseMessageResult {
  /** The store's copy (live), else the fetched one; null while loading, when not found, or without an id. */
  message: ChatMessage | null;
  /** True while fetching a message the store does not hold. */
  isLoading: boolean;
  error: Error | null;
}

/** The held copy of `messageId`: in the chat's window or in a loaded thread. */
function findHeld(slice: ChatSlice, messageId: string | null | undefined): ChatMessage | null {
  if (!messageId) return null;
  const inWindow = slice.messages.find((m) => m.id === messageId);
  if (inWindow) return inWindow;
  for (const thread of Object.values(slice.threads ?? {})) {
    const reply = thread.replies.find((m) => m.id === messageId);
    if (reply) return reply;
  }
  return null;
}

// A fetched copy is shaped as a store message, so the parts render it like any other.
const toChatMessage = (message: HistoryMessage): ChatMessage => ({ ...message, key: message.id, status: 'sent', error: null, change: null, uploadProgress: null });

/**
 * The react-query key of `useMessage`'s fetch, to refresh a fetched copy (the store's copy is always live).
 *
 * @example
 * queryClient.invalidateQueries({ queryKey: messageQueryKey(client, chatId, parentId) });
 */
export const messageQueryKey = (client: object, chatId: string, messageId: string | null | undefined) =>
  ['natter', 'message', clientKey(client), chatId, messageId ?? null] as const;

/**
 * One message by id: the store's copy when held (kept live), otherwise fetched once through react-query, e.g. the
 * parent a reply quotes when it is older than the history loaded.
 *
 * @example
 * const { message: parent } = useMessage(chatId, reply.parent_message_id);
 */
export function useMessage(chatId: string, messageId: string | null | undefined, options: UseMessageOptions = {}): UseMessageResult {
  const { client, queryClient } = useChatContext();
  const held = useChatStore((state) => findHeld(selectChat(state, chatId), messageId));
  const query = useQuery(
    {
      queryKey: messageQueryKey(client, chatId, messageId),
      queryFn: async () => toChatMessage(await client.getMessage(chatId, messageId!)),
      enabled: (options.enabled ?? true) && !!messageId && held === null,
      staleTime: Number.POSITIVE_INFINITY,
      refetchOnWindowFocus: false,
    },
    queryClient,
  );
  return {
    message: held ?? query.data ?? null,
    isLoading: held === null && query.isFetching,
    error: held === null ? query.error : null,
  };
}
