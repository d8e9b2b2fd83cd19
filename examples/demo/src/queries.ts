import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Chat } from 'natter';
import { useChatClient, useChatStore } from 'natter/react';

const CHATS = ['demo', 'chats'] as const;

/** My chats, most recent activity first. Polled too: a group someone adds me to sends me no frame. */
export function useChats() {
  const client = useChatClient();
  return useQuery({
    queryKey: CHATS,
    queryFn: async () => (await client.rest.listChats()).chats,
    refetchInterval: 15_000,
  });
}

/** One chat, seeded from the list when it is there. */
export function useChatDetails(chatId: string) {
  const client = useChatClient();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['demo', 'chat', chatId],
    queryFn: () => client.rest.getChat(chatId),
    initialData: () => queryClient.getQueryData<Chat[]>(CHATS)?.find((chat) => chat.id === chatId),
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

function useAddChat() {
  const queryClient = useQueryClient();
  return (chat: Chat) => {
    queryClient.setQueryData<Chat[]>(CHATS, (chats = []) => [chat, ...chats.filter((other) => other.id !== chat.id)]);
    queryClient.setQueryData(['demo', 'chat', chat.id], chat);
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

/** Refreshes the chat list whenever a message lands in an open chat or a direct message arrives. */
export function useRefreshChatsOnActivity(): void {
  const queryClient = useQueryClient();
  const activity = useChatStore((state) => {
    const newestDirect = state.directMessages.at(-1)?.id ?? '';
    const newestPerChat = Object.entries(state.chats).map(([id, slice]) => `${id}:${slice.lastSeq}`);
    return `${newestDirect}|${newestPerChat.join(',')}`;
  });
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: CHATS });
  }, [activity, queryClient]);
}
