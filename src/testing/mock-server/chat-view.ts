import type { Chat } from '../../core/protocol/types';
import { clone, type MockChatRecord, type MockState } from './state';

/**
 * Live messages of others after the viewer's `last_read_seq` (docs/protocol.md 9.8).
 *
 * @example
 * unreadCount(chat, ana.id); // 3
 */
export function unreadCount(chat: MockChatRecord, viewerId: string): number {
  const lastRead = chat.lastRead.get(viewerId) ?? 0;
  return chat.messages.filter(({ message }) => message.seq > lastRead && message.sender_id !== viewerId && message.deleted_at === null).length;
}

/**
 * The chat as `viewerId` sees it over REST: their own `last_read_seq` and `unread_count`.
 *
 * @example
 * const chat = chatView(state, record, ana.id);
 */
export function chatView(state: MockState, chat: MockChatRecord, viewerId: string): Chat {
  const last = chat.messages.at(-1)?.message ?? null;
  return {
    id: chat.id,
    name: chat.name,
    is_direct: chat.is_direct,
    created_by: chat.created_by,
    created_at: chat.created_at,
    members: state.members(chat).map((user) => ({ ...user })),
    last_seq: chat.messages.length,
    last_message: last && clone(last),
    last_read_seq: chat.lastRead.get(viewerId) ?? 0,
    unread_count: unreadCount(chat, viewerId),
  };
}

/**
 * The chats of `userId`, most recent activity first (`GET /api/v1/chats`).
 *
 * @example
 * const chats = chatsFor(state, ana.id);
 */
export function chatsFor(state: MockState, userId: string): Chat[] {
  return [...state.chats.values()]
    .filter((chat) => state.isMember(chat, userId))
    .sort((a, b) => b.lastActivity - a.lastActivity)
    .map((chat) => chatView(state, chat, userId));
}
