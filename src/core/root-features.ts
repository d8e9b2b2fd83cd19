import type { ClientContext } from './channel';
import type { ChatChannel } from './chat-channel';
import { NatterError } from './errors';
import type { PersonalChannelHooks } from './personal-channel';
import { PresenceReporter } from './presence-reporter';
import type { Chat } from './protocol/types';
import { markChatReadLocally, markChatSentLocally, setChatList } from './store/chat-list';
import { indexOfMessage } from './store/chat-message';
import { selectChat } from './store/chat-store';
import { removeNotifications } from './store/notifications';

/** What the root features need from their client. */
export interface RootFeatureDeps {
  /** The chat's channel if one exists (never creates one). */
  existingChat(chatId: string): ChatChannel | undefined;
  /** The chat's channel, created if needed. */
  chat(chatId: string): ChatChannel;
  /** Every chat channel there is. */
  chatChannels(): Iterable<ChatChannel>;
}

/**
 * The client's features above single chats: the chat list and its unread counts, notifications, and reporting the
 * page's visibility as presence. `createChatClient` wires them to its channels and environment and exposes
 * `methods` on the client.
 *
 * @example
 * const root = createRootFeatures(ctx, { existingChat, chat, chatChannels });
 * const personal = new PersonalChannel(ctx, root.personalHooks);
 */
export function createRootFeatures(ctx: ClientContext, deps: RootFeatureDeps) {
  const { store, currentUser } = ctx;
  const reporter = new PresenceReporter({ isVisible: ctx.isVisible, timers: ctx.timers });

  const isViewed = (chatId: string): boolean => ctx.isVisible() && (deps.existingChat(chatId)?.held ?? false);
  const clearChat = (chatId: string) => removeNotifications(store, (n) => n.chat_id !== chatId);

  const loadChats = async (): Promise<Chat[]> => {
    const { chats } = await ctx.rest.listChats();
    setChatList(store, chats);
    return chats;
  };

  // One background refetch at a time, for chats that appear while the list is loaded and after a reconnect.
  let refetching: Promise<unknown> | null = null;
  const personalHooks: PersonalChannelHooks = {
    isViewed,
    listStale: () => {
      refetching ??= loadChats()
        .catch((cause: unknown) => {
          const error = cause instanceof NatterError ? cause : new NatterError('network_error', 'Could not load the chat list', { cause });
          ctx.events.emit('error', error);
        })
        .finally(() => (refetching = null));
    },
  };

  /**
   * The chat list follows a receipt at once. Its unread count after the receipt is known when the chat holds every
   * message up to the list's last one; otherwise the server's `chat_read` brings it.
   */
  const readLocally = (chatId: string, messageId: string) => {
    const slice = selectChat(store.getState(), chatId);
    const message = slice.messages[indexOfMessage(slice.messages, messageId)];
    const listed = store.getState().chatList?.[chatId];
    if (!message || message.seq === null || message.sender_id === currentUser.id || !listed || !ctx.isVisible()) return;
    const seq = message.seq;
    const complete = slice.lastSeq >= listed.last_seq && !slice.discontinuous;
    const after = slice.messages.filter((m) => m.seq !== null && m.seq > seq && m.sender_id !== currentUser.id && !m.deleted_at).length;
    markChatReadLocally(store, chatId, seq, complete ? after : undefined);
  };

  return {
    personalHooks,
    /** Follows a channel's sockets for presence reporting. */
    watch: (channel: Parameters<PresenceReporter['watch']>[0]) => reporter.watch(channel),
    /** The page became visible: presence `online`, and the chats on screen need no notifications. */
    visible: () => {
      reporter.sync();
      for (const channel of deps.chatChannels()) if (channel.held) clearChat(channel.chatId);
    },
    /** The page was hidden: presence `away`. */
    hidden: () => reporter.sync(),
    /** A chat was joined: on screen now if the page is visible. */
    joined: (chatId: string) => {
      if (ctx.isVisible()) clearChat(chatId);
    },
    /** The user sent to a chat: the server reads the chat up to a sent message. */
    sent: (chatId: string) => markChatSentLocally(store, chatId),
    /** The user read a message (`client.markRead`). */
    read: readLocally,
    dispose: () => reporter.dispose(),
    methods: {
      loadChats,
      markChatRead: (chatId: string): void => {
        const messages = selectChat(store.getState(), chatId).messages;
        for (let i = messages.length - 1; i >= 0; i -= 1) {
          const message = messages[i]!;
          if (message.id === null || message.sender_id === currentUser.id) continue;
          deps.chat(chatId).markRead(message.id);
          readLocally(chatId, message.id);
          return;
        }
      },
      isViewed,
      dismissNotification: (id: string): void => removeNotifications(store, (n) => n.id !== id),
      clearNotifications: (chatId?: string): void => removeNotifications(store, (n) => chatId !== undefined && n.chat_id !== chatId),
    },
  };
}

/** The root features `createRootFeatures` returns. */
export type RootFeatures = ReturnType<typeof createRootFeatures>;
