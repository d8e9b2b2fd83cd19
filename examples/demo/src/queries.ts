import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Chat } from 'natter';
import { useChatClient } from 'natter/react';
import { loadChats } from 'natter/features';

/** One chat, seeded from the live chat list when it is there. */
export function useChatDetails(chatId: string) {
  const client = useChatClient();
  return useQuery({
    queryKey: ['demo', 'chat', chatId],
    queryFn: () => client.rest.getChat(chatId),
    initialData: () => client.store.getState().chatList?.[chatId],
    retry: false,
  });
}

/** Everyone but me whose name starts with `prefix`. */
export function useUsers(prefix: string) {
  const client = useChatClient();
  return useQuery({
    queryKey: ['demo', 'users', prefix],
    queryFn: async () => (await client.rest.listUsers({ q: prefix.trim() || undefined, limit: 100 })).users.filter((user) => user.id !== client.currentUser.id),
    placeholderData: (previous) => previous,
  });
}

// A chat I create (or open) is in my list at once; others learn of it from its first message (chat_activity).
function useAddChat() {
  const client = useChatClient();
  const queryClient = useQueryClient();
  return (chat: Chat) => {
    queryClient.setQueryData(['demo', 'chat', chat.id], chat);
    void loadChats(client).catch(() => undefined);
  };
}

/** Creates a group chat with the chosen members. */
export function useCreateGroup() {
  const client = useChatClient();
  const addChat = useAddChat();
  return useMutation({
    mutationFn: ({ name, memberIds }: { name: string; memberIds: string[] }) => client.rest.createChat(name, memberIds),
    onSuccess: addChat,
  });
}

/** Opens the direct chat with a user, creating it the first time. */
export function useStartDirect() {
  const client = useChatClient();
  const addChat = useAddChat();
  return useMutation({
    mutationFn: (userId: string) => client.rest.getOrCreateDirectChat(userId),
    onSuccess: addChat,
  });
}
