import type { Chat } from 'natter';

/** A chat's title: its name, or for a direct chat the other member's user name. */
export function chatName(chat: Chat, myId: string): string {
  if (!chat.is_direct) return chat.name ?? 'Untitled chat';
  return chat.members.find((member) => member.id !== myId)?.username ?? 'Direct chat';
}
