import type { Chat } from 'natter';

/** A chat's title: its name, or for a direct chat the other member's user name. */
export function chatName(chat: Chat, myId: string): string {
  if (!chat.is_direct) return chat.name ?? 'Untitled chat';
  return chat.members.find((member) => member.id !== myId)?.username ?? 'Direct chat';
}

/** Whether the chat has messages from others that I have not read yet. */
export function hasUnread(chat: Chat, myId: string): boolean {
  return chat.last_message !== null && chat.last_message.sender_id !== myId && chat.last_read_seq < chat.last_seq;
}
