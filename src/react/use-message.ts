import { useQuery } from '@tanstack/react-query';
import { confirmedRow } from '../core/store/chat-message';
import { withoutReaders, type ChatMessage } from '../core/store/chat-slice';
import { selectChat } from '../core/store/chat-store';
import { findHeld } from '../core/store/message-changes';
import { clientKey } from './client-key';
import { getMessage } from '../features/history';
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

// Per client, so two clients (two users in one page) never share a fetched copy.
const messageQueryKey = (client: object, chatId: string, messageId: string | null | undefined) =>
  ['natter', 'message', clientKey(client), chatId, messageId] as const;

/**
 * One message by id: the store's copy when held (kept live), otherwise fetched once through react-query, e.g. the
 * parent a reply quotes when it is older than the history loaded.
 *
 * @example
 * const { message: parent } = useMessage(chatId, reply.parent_message_id);
 */
export function useMessage(chatId: string, messageId: string | null | undefined, options: UseMessageOptions = {}): UseMessageResult {
  const { client, queryClient } = useChatContext();
  const held = useChatStore((state) => (messageId ? findHeld(selectChat(state, chatId), messageId) : null));
  const query = useQuery(
    {
      queryKey: messageQueryKey(client, chatId, messageId),
      // Shaped as a store row, so the parts render a fetched copy like any other: one of yours shows read or
      // delivered as its readers and the chat's delivery say.
      queryFn: async () => {
        const fetched = await getMessage(client, chatId, messageId!);
        const { deliveredSeq } = selectChat(client.store.getState(), chatId);
        return confirmedRow(withoutReaders(fetched), client.currentUser.id, fetched.read_by.length > 0, deliveredSeq);
      },
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
