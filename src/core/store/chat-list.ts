import type { Chat, ChatReadInfo, Message } from '../protocol/types';
import { newer } from './chat-message';
import type { ChatStore } from './chat-store';

type ChatList = Record<string, Chat>;

// A chat whose last message moved goes first: two chats whose last messages share a timestamp (a burst within one
// millisecond) then sort by which one was active last here, as the list sorts stably on that order.
function updateEntry(store: ChatStore, chatId: string, update: (chat: Chat) => Chat): boolean {
  const { chatList } = store.getState();
  const chat = chatList?.[chatId];
  if (!chat) return false;
  const next = update(chat);
  if (next === chat) return true;
  // A key keeps the position it was first written at: written ahead of the others, the chat moves first.
  const moved = next.last_seq !== chat.last_seq && { [chatId]: next };
  store.setState({ chatList: { ...moved, ...chatList, [chatId]: next } });
  return true;
}

/** The chat read up to `seq` with `unread` left, unless that is behind what it records already. */
function readUpTo(chat: Chat, seq: number, unread: number): Chat {
  if (seq < chat.last_read_seq || (seq === chat.last_read_seq && unread === chat.unread_count)) return chat;
  return { ...chat, last_read_seq: seq, unread_count: unread };
}

/**
 * Replaces the chat list with a `GET /api/v1/chats` answer. A chat whose live state got ahead of the answer while
 * it was in flight keeps its newer last message (`chat_activity`) and its newer read state (a receipt, `chat_read`).
 *
 * @example
 * setChatList(store, (await rest.listChats()).chats);
 */
export function setChatList(store: ChatStore, chats: readonly Chat[]): void {
  const current = store.getState().chatList;
  const next: ChatList = {};
  for (const fetched of chats) {
    const live = current?.[fetched.id];
    const chat = live && live.last_seq > fetched.last_seq ? { ...fetched, last_seq: live.last_seq, last_message: live.last_message, unread_count: live.unread_count } : fetched;
    // A read recorded here (a receipt sent, a `chat_read`) may have overtaken the answer too: it is not undone. Of
    // the messages the answer knows beyond what was live, all may be unread.
    const read = live?.last_read_seq ?? 0;
    next[fetched.id] = read > chat.last_read_seq ? readUpTo(chat, read, read >= chat.last_seq ? 0 : Math.min(chat.unread_count, live!.unread_count + chat.last_seq - live!.last_seq)) : chat;
  }
  store.setState({ chatList: next });
}

/**
 * Applies a `chat_activity` (a new message in one of the user's chats): it becomes the chat's last message, and
 * counts as unread when it is someone else's beyond `last_read_seq`. The current user's own message reads the chat
 * up to it (the server moves `last_read_seq` on a send). A message already counted only refreshes the preview when it
 * is a newer copy of the last message (edited or deleted: docs/protocol.md, 9.8). Returns false
 * when the chat is not in the list (not loaded yet, or a chat the user was just added to).
 *
 * @example
 * if (!applyChatActivity(store, frame.data, me.id)) void client.loadChats();
 */
export function applyChatActivity(store: ChatStore, message: Message, currentUserId: string): boolean {
  return updateEntry(store, message.chat_id, (chat) => {
    // Not new: the newest message edited or deleted (or a repeat), which only refreshes the preview in place.
    if (message.seq <= chat.last_seq) return newerLast(chat, message);
    const { seq } = message;
    const { last_read_seq: read, unread_count: unread } = chat;
    const own = message.sender_id === currentUserId;
    return {
      ...chat,
      last_seq: seq,
      last_message: message,
      last_read_seq: own ? Math.max(read, seq) : read,
      unread_count: own ? 0 : seq > read ? unread + 1 : unread,
    };
  });
}

/**
 * Applies a `chat_read` (the user's `last_read_seq` moved, on any device). An answer older than what this client
 * already recorded (its own receipt overtook it) is ignored.
 *
 * @example
 * applyChatRead(store, { chat_id, last_read_seq: 12, unread_count: 0 });
 */
export function applyChatRead(store: ChatStore, info: ChatReadInfo): void {
  updateEntry(store, info.chat_id, (chat) => readUpTo(chat, info.last_read_seq, info.unread_count));
}

/**
 * Records locally that the user read a chat up to `seq` (a receipt sent, or a message sent: `seq` is then the
 * chat's last), before the server's `chat_read` confirms it. `unreadAfter` is how many messages of others after
 * `seq` the caller knows of; without it, the count only drops to 0 when `seq` reaches the chat's last message and
 * otherwise waits for the server.
 *
 * @example
 * markChatReadLocally(store, chatId, message.seq, 0);
 */
export function markChatReadLocally(store: ChatStore, chatId: string, seq: number, unreadAfter?: number): void {
  updateEntry(store, chatId, (chat) =>
    readUpTo(chat, seq, seq >= chat.last_seq ? 0 : unreadAfter === undefined ? chat.unread_count : Math.min(chat.unread_count, unreadAfter)),
  );
}

/**
 * A newer copy of a message (edited, deleted, reacted to) replaces the chat's last message when it is that one, so
 * the list's preview never shows text that was edited away or deleted.
 *
 * @example
 * applyLastMessageChange(store, frame.data.message);
 */
export function applyLastMessageChange(store: ChatStore, message: Message): void {
  updateEntry(store, message.chat_id, (chat) => newerLast(chat, message));
}

function newerLast(chat: Chat, message: Message): Chat {
  const last = chat.last_message;
  return last?.id === message.id && newer(message, last) ? { ...chat, last_message: message } : chat;
}
