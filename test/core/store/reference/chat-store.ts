// Frozen copy of src/core/store/chat-store.ts at f4d0b69 (before the second size diet): the reference test/core/store/store-differential.test.ts compares the store against. Never edit.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Chat, Message, Presence } from '../../../../src/core/protocol/types';
import type { ConnectionSnapshot } from '../../../../src/core/connection';
import { EMPTY_SLICE, type ChatSlice } from './chat-slice';
import type { ChatNotification } from './notifications';

export type { ChatNotification } from './notifications';

/** The whole client state. Read it through selectors; it is replaced, never mutated. */
export interface ChatStoreState {
  /** Per chat id. */
  chats: Record<string, ChatSlice>;
  /** Per socket: `personal`, or a chat id. */
  connections: Record<string, ConnectionSnapshot>;
  /** Direct messages received on the personal socket, oldest first (the newest 200). */
  directMessages: Message[];
  /** Presence by user id, from both kinds of socket (docs/protocol.md, section 9.6). */
  presence: Record<string, Presence>;
  /** The user's chats by id; null until `client.loadChats()` answers, then kept live by the personal socket. */
  chatList: Record<string, Chat> | null;
  /** Direct messages and mentions in chats not on screen, newest last (at most 50). */
  notifications: ChatNotification[];
}

/** The zustand vanilla store behind a client. */
export type ChatStore = StoreApi<ChatStoreState>;

/** The key of the personal socket in `connections`. */
export const PERSONAL = 'personal';
const DIRECT_MESSAGES_KEPT = 200;

/**
 * Creates an empty store.
 *
 * @example
 * const store = createChatStore();
 * store.subscribe((state) => console.log(Object.keys(state.chats)));
 */
export function createChatStore(): ChatStore {
  return createStore<ChatStoreState>()(() => ({
    chats: {},
    connections: {},
    directMessages: [],
    presence: {},
    chatList: null,
    notifications: [],
  }));
}

/**
 * The slice of `chatId`, or the shared empty slice: a stable value for selectors.
 *
 * @example
 * const slice = selectChat(store.getState(), chatId);
 */
export function selectChat(state: ChatStoreState, chatId: string): ChatSlice {
  return state.chats[chatId] ?? EMPTY_SLICE;
}

/**
 * Applies `update` to one chat's slice; when it returns the slice unchanged, the store does not change either, so
 * no subscriber re-renders.
 *
 * @example
 * updateChat(store, chatId, (slice) => expireTyping(slice, now));
 */
export function updateChat(store: ChatStore, chatId: string, update: (slice: ChatSlice) => ChatSlice): void {
  const state = store.getState();
  const current = selectChat(state, chatId);
  const next = update(current);
  if (next === current) return;
  store.setState({ chats: { ...state.chats, [chatId]: next } });
}

/**
 * Records a socket's snapshot under `key`.
 *
 * @example
 * setConnection(store, PERSONAL, connection.getSnapshot());
 */
export function setConnection(store: ChatStore, key: string, snapshot: ConnectionSnapshot | undefined): void {
  const { connections } = store.getState();
  if (connections[key] === snapshot) return;
  const next = { ...connections };
  if (snapshot) next[key] = snapshot;
  else delete next[key];
  store.setState({ connections: next });
}

/**
 * Appends a direct message once (by id), keeping the newest 200.
 *
 * @example
 * addDirectMessage(store, frame.data);
 */
export function addDirectMessage(store: ChatStore, message: Message): void {
  appendOnce(store, 'directMessages', message, DIRECT_MESSAGES_KEPT);
}

/**
 * Appends `item` to the list `key` of the store unless it holds one with the same id, keeping the newest `kept`.
 *
 * @example
 * appendOnce(store, 'notifications', notification, NOTIFICATIONS_KEPT);
 */
export function appendOnce<K extends 'directMessages' | 'notifications'>(store: ChatStore, key: K, item: ChatStoreState[K][number], kept: number): void {
  const list: ReadonlyArray<{ id: string }> = store.getState()[key];
  if (!list.some((held) => held.id === item.id)) store.setState({ [key]: [...list, item].slice(-kept) });
}
