import type { ChannelPart } from './channel-part';
import { ChatChannel } from './chat-channel';
import { CoalescedRuns } from './coalesced-runs';
import { attach, type ClientInternals } from './client-internals';
import { createPresenceReporting } from './presence-reporter';
import { NatterError } from './errors';
import type { Chat, Message, MessageChange, ServerFrame } from './protocol/types';
import { applyChatActivity, applyChatRead, applyLastMessageChange, markChatReadLocally, setChatList } from './store/chat-list';
import { indexOfMessage, newer } from './store/chat-message';
import { selectChat, type ChatStore } from './store/chat-store';
import { addNotification, removeNotifications } from './store/notifications';

// A notification shows its message as it is now: edited, or gone with it when deleted.
const refreshNotification = (store: ChatStore, message: Message) => {
  const { notifications } = store.getState();
  const held = notifications.find((n) => n.id === message.id);
  if (held && newer(message, held.message))
    store.setState({ notifications: notifications.flatMap((n) => (n !== held ? n : message.deleted_at ? [] : { ...n, message })) });
};

/**
 * Keeps the chat list's last message and the notifications in step with edits and deletions in one chat, and its
 * read state with the user's own messages the server has.
 */
class ChatListFollower implements ChannelPart {
  readonly #store: ChatStore;

  constructor(channel: ChatChannel) {
    this.#store = channel.ctx.store;
  }

  changed({ message }: MessageChange): void {
    applyLastMessageChange(this.#store, message);
    refreshNotification(this.#store, message);
  }

  // The server reads the chat up to a message of the user once it has it: not while it is queued or uploading.
  confirmed(message: Message): void {
    markChatReadLocally(this.#store, message.chat_id, message.seq);
  }
}

/**
 * The client's features above single chats: the chat list and its unread counts, and notifications. Made for a
 * client the first time one of them is used (natter/features' `loadChats`, `useChatList`, `useNotifications`, …),
 * then follows the client's hooks: the personal socket's `chat_activity` and `chat_read`, receipts, sends, joins
 * and the page's visibility.
 *
 * @example
 * const inbox = featureOf(client, createInbox);
 * await inbox.loadChats();
 */
export function createInbox(internals: ClientInternals) {
  const { ctx, hooks, existingChat, chats, chat } = internals;
  const { store, currentUser } = ctx;
  // An app that shows the inbox shows who is around, and takes part: online or away with the page's visibility.
  attach(internals, createPresenceReporting);
  const isViewed = (chatId: string): boolean => ctx.isVisible() && !!existingChat(chatId)?.joined;
  const clearChat = (chatId: string) => removeNotifications(store, (n) => n.chat_id !== chatId);
  const follow = (channel: ChatChannel) => channel.part(ChatListFollower);

  // How many lists were asked for (an answer on its way may have been read before what the socket says meanwhile),
  // and which was the last applied: loads overlap (a refetch beside a background one), and an answer landing after
  // one asked for later is older than it.
  let asked = 0;
  let applied = 0;
  const loadChats = async (): Promise<Chat[]> => {
    const n = ++asked;
    const { chats: list } = await ctx.rest.listChats();
    if (n > applied) {
      applied = n;
      setChatList(store, list);
    }
    return list;
  };

  // One background refetch at a time, for chats that appear while the list is loaded and after a reconnect. One
  // asked for meanwhile runs after it: the answer on its way may predate the activity that asked.
  const refetches = new CoalescedRuns(() =>
    loadChats().then(undefined, (cause: unknown) => {
      const error = cause instanceof NatterError ? cause : new NatterError('network_error', 'Could not load the chat list', { cause });
      ctx.events.emit('error', error);
    }),
  );
  const listStale = () => void refetches.run(0);

  /**
   * Someone else's message in a chat not on screen raises a notification when it is a direct message or mentions
   * the current user. Other messages of group chats only count as unread.
   */
  const notify = (message: Message, direct: boolean) => {
    const me = currentUser.id;
    // An edited or deleted message is not news: its chat_activity only refreshes the preview and the notification.
    if (message.sender_id === me || message.deleted_at || message.edited_at) return refreshNotification(store, message);
    if ((direct || message.mentions?.includes(me)) && !isViewed(message.chat_id)) addNotification(store, message, me);
  };

  const personalFrame = (frame: ServerFrame) => {
    if (frame.type === 'connected') {
      // Activity while this socket was down never reaches it: a list read before must be read again.
      if (asked) listStale();
    } else if (frame.type === 'new_direct_message') notify(frame.data, true);
    else if (frame.type === 'chat_activity') {
      if (!applyChatActivity(store, frame.data, currentUser.id) && asked) listStale();
      notify(frame.data, store.getState().chatList?.[frame.data.chat_id]?.is_direct ?? false);
    } else if (frame.type === 'chat_read') {
      applyChatRead(store, frame.data);
      // Read on another device: what it read needs no notification here either.
      removeNotifications(store, (n) => n.chat_id !== frame.data.chat_id || n.message.seq > frame.data.last_read_seq);
    }
  };

  /**
   * The chat list follows a receipt at once. Its unread count after the receipt is known when the chat holds every
   * message up to the list's last one; otherwise the server's `chat_read` brings it.
   */
  const readLocally = ({ chatId, messageId }: { chatId: string; messageId: string }) => {
    const slice = selectChat(store.getState(), chatId);
    const message = slice.messages[indexOfMessage(slice.messages, messageId)];
    const listed = store.getState().chatList?.[chatId];
    if (!message || message.seq === null || message.sender_id === currentUser.id || !listed || !ctx.isVisible()) return;
    const seq = message.seq;
    const complete = slice.lastSeq >= listed.last_seq && !slice.discontinuous;
    const after = slice.messages.filter((m) => m.seq !== null && m.seq > seq && m.sender_id !== currentUser.id && !m.deleted_at).length;
    markChatReadLocally(store, chatId, seq, complete ? after : undefined);
  };

  for (const channel of chats()) follow(channel);
  hooks.on('channel', (channel) => channel instanceof ChatChannel && follow(channel));
  hooks.on('personal', personalFrame);
  hooks.on('read', readLocally);
  // On screen now, if the page is visible: its notifications are read.
  hooks.on('joined', (chatId) => ctx.isVisible() && clearChat(chatId));
  hooks.on('visible', (visible) => {
    if (visible) for (const channel of chats()) if (channel.joined) clearChat(channel.chatId);
  });

  return {
    loadChats,
    isViewed,
    markChatRead: (chatId: string): void => {
      const messages = selectChat(store.getState(), chatId).messages;
      for (let i = messages.length - 1; i >= 0; i -= 1) {
        const message = messages[i]!;
        if (message.id === null || message.sender_id === currentUser.id) continue;
        // As `client.markRead` does: the receipt, then the 'read' hook (which moves the chat list here).
        chat(chatId).markRead(message.id);
        hooks.emit('read', { chatId, messageId: message.id });
        return;
      }
    },
    dismissNotification: (id: string): void => removeNotifications(store, (n) => n.id !== id),
    clearNotifications: (chatId?: string): void => removeNotifications(store, (n) => chatId !== undefined && n.chat_id !== chatId),
  };
}

/** The inbox `createInbox` returns. */
export type Inbox = ReturnType<typeof createInbox>;
