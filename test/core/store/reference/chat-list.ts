// Frozen copy of src/core/store/chat-list.ts at f4d0b69 (before the second size diet): the reference test/core/store/store-differential.test.ts compares the store against. Never edit.
import type { Chat, ChatReadInfo, Message } from '../../../../src/core/protocol/types';
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
 * Replaces the chat list with a `GET /api/v1/chats` answer. A chat whose live state (`chat_activity`) got ahead of
 * the answer while it was in flight keeps its newer last message and unread count.
 *
 * @example
 * setChatList(store, (await rest.listChats()).chats);
 */
export function setChatList(store: ChatStore, chats: readonly Chat[]): void {
  const current = store.getState().chatList;
  const next: ChatList = {};
  for (const fetched of chats) {
    const live = current?.[fetched.id];
    if (!live || live.last_seq <= fetched.last_seq) {
      next[fetched.id] = fetched;
      continue;
    }
    const { last_seq, last_message, unread_count } = live;
    next[fetched.id] = { ...fetched, last_seq, last_message, unread_count, last_read_seq: Math.max(live.last_read_seq, fetched.last_read_seq) };
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
    const own = message.sender_id === currentUserId;
    return {
      ...chat,
      last_seq: message.seq,
      last_message: message,
      last_read_seq: own ? Math.max(chat.last_read_seq, message.seq) : chat.last_read_seq,
      unread_count: own ? 0 : message.seq > chat.last_read_seq ? chat.unread_count + 1 : chat.unread_count,
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
 * Records locally that the user sent a message to the chat: the server moves `last_read_seq` to a sent message, so
 * everything before it counts as read at once (the send's `chat_activity` then brings its `seq`).
 *
 * @example
 * client.sendMessage(chatId, 'hi'); // calls markChatSentLocally(store, chatId)
 */
export function markChatSentLocally(store: ChatStore, chatId: string): void {
  const chat = store.getState().chatList?.[chatId];
  if (chat) markChatReadLocally(store, chatId, chat.last_seq, 0);
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
  if (!last || last.id !== message.id || (message.rev ?? 0) <= (last.rev ?? 0)) return chat;
  return { ...chat, last_message: message };
}
