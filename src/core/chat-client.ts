import { Backoff, type BackoffOptions } from './backoff';
import type { ClientContext, ClientEvents } from './channel';
import { ChatChannel } from './chat-channel';
import type { ConnectionSnapshot, WebSocketConstructor } from './connection';
import { Emitter } from './emitter';
import { nextFrame, type ScheduleFrame } from './frame-batcher';
import { browserEnvironment, type EnvironmentSignals } from './environment';
import type { HeartbeatOptions } from './heartbeat';
import { NatterError } from './errors';
import { ClientMetrics } from './metrics';
import { PersonalChannel } from './personal-channel';
import type { SendableFile } from './file-send';
import { getMessage, jumpTo, leaveWindow, loadThread, loadWindowNewer, loadWindowOlder } from './message-lookup';
import type { Attachment, Chat, HistoryMessage, HistoryPage, SearchPage, User } from './protocol/types';
import type { ChatMessage } from './store/chat-slice';
import { createRestClient, type RestClient, type SearchQuery } from './rest-client';
import type { UploadOptions } from './upload';
import { defaultOutboxStorage, type OutboxStorage } from './outbox-storage';
import { createChatStore, PERSONAL, type ChatStore } from './store/chat-store';
import { DEFAULT_MAX_MESSAGES_IN_MEMORY } from './store/message-memory';
import { realTimers, type Timers } from './timers';
import { createRootFeatures } from './root-features';
import { firstSeq } from './store/chat-message';

/** Everything `createChatClient` accepts. */
export interface ChatClientOptions {
  /** The server's HTTP origin, e.g. `https://chat.example.com`. */
  baseUrl: string;
  /** The WebSocket origin; default: `baseUrl` with http→ws. */
  wsUrl?: string;
  /** Returns a valid access token; called before every connect and REST call. */
  getToken: () => string | Promise<string>;
  /** Who is using this client. */
  currentUser: Pick<User, 'id' | 'username'> & Partial<User>;
  /** The WebSocket class: default `globalThis.WebSocket`; in Node pass `WebSocket` from `ws`. */
  WebSocket?: WebSocketConstructor;
  fetch?: typeof fetch;
  timers?: Timers;
  backoff?: BackoffOptions;
  /** How long someone shows as typing without a refresh. Default 5000 ms. */
  typingTtlMs?: number;
  /** Whether the page is visible. Default: `document.visibilityState`, or always visible without a document. */
  isVisible?: () => boolean;
  /** How long a sent message may wait for the server's acknowledgement before it is `failed`. Default 30000 ms; time
   * spent disconnected does not count (the message waits in the outbox and is resent). 0 waits forever. */
  sendTimeoutMs?: number;
  /** Where unsent messages wait: IndexedDB in browsers (they survive a reload), memory elsewhere. */
  outboxStorage?: OutboxStorage;
  /** Application pings: every 25 s, dead after 10 s without a pong. `false` turns them off. */
  heartbeat?: HeartbeatOptions | false;
  /** Network and visibility changes; default the browser's (`online`, `offline`, `visibilitychange`). */
  environment?: EnvironmentSignals;
  /**
   * How many of a chat's newest messages stay in memory, plus whatever is on screen (`setViewport`): older ones are
   * dropped and fetched again when scrolled to. Default 1000; `Infinity` keeps everything.
   */
  maxMessagesInMemory?: number;
  /**
   * When batched new messages reach the store: default the next animation frame (raced against a timer, since a
   * hidden tab runs none). Tests pass their own to decide when a batch lands, or `false` to apply each message the
   * moment it arrives.
   */
  scheduleFrame?: ScheduleFrame | false;
}

const defaultIsVisible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden';

/**
 * Creates a client: the sockets (one personal, one per joined chat, shared and reference-counted), the store they
 * write into, and the REST routes. Nothing connects until `joinChat` or `connectPersonal`.
 *
 * @example
 * const client = createChatClient({ baseUrl: 'http://localhost:8787', getToken: () => token, currentUser: me });
 * const leave = client.joinChat(chatId);
 * client.sendMessage(chatId, 'Hello');
 */
export function createChatClient(options: ChatClientOptions) {
  const timers = options.timers ?? realTimers;
  const events = new Emitter<ClientEvents>();
  const store: ChatStore = createChatStore();
  const metrics = new ClientMetrics(timers);
  // Every problem the client reports is counted, whoever reported it.
  events.on('error', (error) => metrics.error(error.code));
  const rest: RestClient = createRestClient({ baseUrl: options.baseUrl, getToken: options.getToken, fetch: options.fetch });
  const currentUser: User = {
    email: '',
    is_active: true,
    created_at: '',
    ...options.currentUser,
  };
  const ctx: ClientContext = {
    store,
    rest,
    timers,
    backoff: new Backoff(options.backoff),
    currentUser,
    events,
    wsUrl: (options.wsUrl ?? options.baseUrl.replace(/^http/, 'ws')).replace(/\/+$/, ''),
    getToken: options.getToken,
    // Resolved at connect time, so creating a client during server rendering touches no browser global.
    createSocket: (url) => {
      const Impl = options.WebSocket ?? (globalThis.WebSocket as unknown as WebSocketConstructor | undefined);
      if (!Impl) throw new NatterError('invalid_argument', 'No WebSocket implementation: pass `WebSocket` (from the ws package in Node)');
      return new Impl(url);
    },
    typingTtlMs: options.typingTtlMs ?? 5000,
    metrics,
    heartbeat: options.heartbeat,
    sendTimeoutMs: options.sendTimeoutMs ?? 30_000,
    outboxStorage: options.outboxStorage ?? defaultOutboxStorage(),
    wake: () => undefined,
    isVisible: options.isVisible ?? defaultIsVisible,
    scheduleFrame: options.scheduleFrame === false ? null : (options.scheduleFrame ?? nextFrame(timers)),
    maxMessagesInMemory: options.maxMessagesInMemory ?? DEFAULT_MAX_MESSAGES_IN_MEMORY,
  };
  const chats = new Map<string, ChatChannel>();
  let personal: PersonalChannel | null = null;
  const channels = () => [...chats.values(), ...(personal ? [personal] : [])];
  const root = createRootFeatures(ctx, {
    existingChat: (chatId) => chats.get(chatId),
    chat: (chatId) => chat(chatId),
    chatChannels: () => chats.values(),
  });

  // Watched from the first channel on, not at creation: a client built during a render attaches nothing.
  let stopWatching: (() => void) | null = null;
  const watchEnvironment = () => {
    stopWatching ??= (options.environment ?? browserEnvironment).subscribe({
      online: () => channels().forEach((channel) => channel.held && channel.connection.wake()),
      offline: () => channels().forEach((channel) => channel.connection.suspend()),
      visible: () => {
        channels().forEach((channel) => channel.held && channel.connection.wake());
        root.visible();
      },
      hidden: () => root.hidden(),
    });
  };

  const chat = (chatId: string): ChatChannel => {
    let channel = chats.get(chatId);
    if (!channel) {
      chats.set(chatId, (channel = new ChatChannel(ctx, chatId)));
      root.watch(channel);
    }
    return channel;
  };
  const personalChannel = (): PersonalChannel => {
    if (!personal) root.watch((personal = new PersonalChannel(ctx, root.personalHooks)));
    return personal;
  };

  // The first time a socket is wanted: watch the network and page, and put back what was unsent before a reload.
  // Not at creation, nor for a call that fails validation, so a client used during a render (or on a server)
  // touches nothing.
  let awake = false;
  ctx.wake = () => {
    if (awake) return;
    awake = true;
    watchEnvironment();
    ctx.outboxStorage.load(currentUser.id).then(
      (entries) => {
        if (destroyed) return;
        for (const entry of [...entries].sort((a, b) => a.createdAt - b.createdAt)) {
          if (entry.channel === PERSONAL) personalChannel().restore(entry);
          else chat(entry.channel).restore(entry);
        }
      },
      (cause: unknown) => events.emit('error', new NatterError('storage_error', 'Could not read the saved outbox', { cause })),
    );
  };
  let destroyed = false;

  const client = {
    store,
    rest,
    currentUser,
    /** The timers the client runs on (injected or real), for helpers that must share its clock. */
    timers,
    /** Counters: frames in and out, invalid frames, reconnects, errors by code. `subscribe` + `getSnapshot`. */
    metrics: metrics as Pick<ClientMetrics, 'getSnapshot' | 'subscribe'>,

    /** Opens (or shares) the chat's socket; returns the release. The socket closes when the last holder releases. */
    joinChat: (chatId: string): (() => void) => {
      const release = chat(chatId).retain();
      root.joined(chatId);
      return release;
    },

    /** Opens (or shares) the personal socket for direct messages; returns the release. */
    connectPersonal: (): (() => void) => personalChannel().retain(),

    /**
     * Shows the message at once as `pending` and delivers it; returns its client id. Throws `NatterError` for empty or
     * oversized content. With `attachments` (from `uploadFile`) it is an `image` or `file` message; content is then an
     * optional caption.
     */
    sendMessage: (chatId: string, content: string, sendOptions: { parentMessageId?: string | null; attachments?: Attachment[] } = {}): string => {
      const clientId = chat(chatId).send(content, sendOptions.parentMessageId ?? null, sendOptions.attachments ?? []);
      root.sent(chatId);
      return clientId;
    },

    /** Sends a failed message again; false if `clientId` is not a failed message of that chat. */
    retry: (chatId: string, clientId: string): boolean => chat(chatId).retry(clientId),

    /** Drops a message you have not got through yet (pending or failed) from the outbox and the chat. */
    discard: (chatId: string, clientId: string): boolean => chat(chatId).discard(clientId),

    /** Sends a direct message over the personal socket; returns its client id. */
    sendDirectMessage: (recipientId: string, content: string, sendOptions: { chatId?: string } = {}): string =>
      personalChannel().sendDirect(recipientId, content, sendOptions.chatId),

    /**
     * Tells the chat whether the current user is typing. Typing is ephemeral: while the socket is not ready or the
     * page is hidden nothing is queued, and the result says whether it went out.
     */
    setTyping: (chatId: string, isTyping: boolean): boolean => {
      if (isTyping && !ctx.isVisible()) return false;
      return chats.get(chatId)?.sendNow({ type: 'typing_indicator', data: { is_typing: isTyping } }) ?? false;
    },

    /** Sends a read receipt for someone else's message (once; never while the page is hidden). */
    markRead: (chatId: string, messageId: string): void => {
      chat(chatId).markRead(messageId);
      root.read(chatId, messageId);
    },

    /** Fetches a page of history (newest by default, or before `before`) and merges it into the store. */
    loadHistory: (chatId: string, query: { before?: number; limit?: number } = {}): Promise<HistoryPage> => chat(chatId).loadPage(query),

    /** Fetches the page before the oldest message held. */
    loadOlder: (chatId: string, limit = 50): Promise<HistoryPage> => {
      const oldest = firstSeq(store.getState().chats[chatId]?.messages ?? []) ?? undefined;
      return client.loadHistory(chatId, { before: oldest, limit });
    },

    /**
     * Tells the client the oldest message on the reader's screen (`firstSeq`, null when they are at the live end):
     * the in-memory window (`maxMessagesInMemory`) keeps it and everything newer; at the live end, older messages
     * beyond the window are dropped, and fetched again when scrolled to. `MessageList` calls this for you.
     */
    setViewport: (chatId: string, viewport: { firstSeq: number | null }): void => chats.get(chatId)?.setViewport(viewport.firstSeq),

    // Message operations (docs/protocol.md, section 9): src/core/message-operations.ts, file-send.ts, message-lookup.ts.

    /** Edits one of your messages at once (rolled back if refused); returns the op's client id. Throws `invalid_argument`. */
    editMessage: (chatId: string, messageId: string, content: string): string => chat(chatId).ops.edit(messageId, content),

    /** Deletes one of your messages (a tombstone, at once); a message not sent yet is discarded. Returns the op's client id. */
    deleteMessage: (chatId: string, messageId: string): string => chat(chatId).ops.delete(messageId),

    /** Adds the current user's reaction; returns the op's client id. */
    addReaction: (chatId: string, messageId: string, emoji: string): string => chat(chatId).ops.react(messageId, emoji, true),

    /** Removes the current user's reaction; returns the op's client id. */
    removeReaction: (chatId: string, messageId: string, emoji: string): string => chat(chatId).ops.react(messageId, emoji, false),

    /** Adds the reaction unless the current user already has it, else removes it; returns the op's client id. */
    toggleReaction: (chatId: string, messageId: string, emoji: string): string => chat(chatId).ops.toggle(messageId, emoji),

    /** Sends files as one message: pending at once with local previews and `uploadProgress`; returns its client id. */
    sendFiles: (chatId: string, files: SendableFile[], sendOptions: { caption?: string; parentMessageId?: string | null } = {}): string => {
      const clientId = chat(chatId).files.send(files, sendOptions);
      root.sent(chatId);
      return clientId;
    },

    /** Loads a page of one thread's replies (older ones with `before`) into `threads[parentId]`. */
    loadThread: (chatId: string, parentId: string, query: { before?: number; limit?: number } = {}): Promise<HistoryPage> =>
      loadThread(chat(chatId).host, parentId, query),

    /** Fetches one message (with `read_by`), refreshing the copy held. */
    getMessage: (chatId: string, messageId: string): Promise<HistoryMessage> => getMessage(chat(chatId).host, messageId),

    /**
     * Brings a message into view: held or within one page below the held messages, it is loaded into `messages`
     * (older pages, `maxPages` at most); farther back, the page around it opens the chat's detached `window`.
     * Resolves with the copy shown, or null if it is not in the chat.
     */
    jumpTo: (chatId: string, messageId: string, jumpOptions: { maxPages?: number } = {}): Promise<ChatMessage | null> =>
      jumpTo(chat(chatId).host, messageId, jumpOptions.maxPages),

    /** Loads 50 older messages into the chat's window; null when no window is open or nothing is older. */
    loadWindowOlder: (chatId: string): Promise<HistoryPage | null> => loadWindowOlder(chat(chatId).host),

    /** Loads 50 newer messages into the chat's window; once it reaches the live messages the two merge and it closes. */
    loadWindowNewer: (chatId: string): Promise<HistoryPage | null> => loadWindowNewer(chat(chatId).host),

    /** Closes the chat's window: back to the live messages ("Jump to latest"). */
    leaveWindow: (chatId: string): void => leaveWindow(chat(chatId).host),

    // Root features (chat list, unread counts, notifications, presence): src/core/root-features.ts.

    /** Fetches the user's chats into `state.chatList`; the personal socket (`connectPersonal`) keeps it live. */
    loadChats: (): Promise<Chat[]> => root.methods.loadChats(),

    /** Sends a read receipt for the newest message of someone else held in the chat (nothing while hidden). */
    markChatRead: (chatId: string): void => root.methods.markChatRead(chatId),

    /** Whether the chat is on screen: joined (its channel held) and the page visible. */
    isChatViewed: (chatId: string): boolean => root.methods.isViewed(chatId),

    /** Removes one notification (by its id, which is the message's). */
    dismissNotification: (id: string): void => root.methods.dismissNotification(id),

    /** Removes the notifications of one chat, or all of them. */
    clearNotifications: (chatId?: string): void => root.methods.clearNotifications(chatId),

    /** Full-text search in a chat, newest first (docs/protocol.md, section 9.7). */
    search: (chatId: string, q: string, query: SearchQuery = {}): Promise<SearchPage> => rest.search(chatId, q, query),

    /** Uploads one file to a chat; attach the result with `sendMessage(…, { attachments })`. `sendFiles` does both. */
    uploadFile: (chatId: string, file: Blob, upload: UploadOptions = {}): Promise<Attachment> => rest.upload(chatId, file, upload),

    /** An absolute URL for a server-relative one, such as an attachment's `url`. */
    resolveUrl: (url: string): string => rest.resolveUrl(url),

    /** The snapshot of a socket: `'personal'` or a chat id. */
    getConnection: (key: string): ConnectionSnapshot | undefined => store.getState().connections[key],

    /**
     * Closes sockets and keeps them closed: no reconnect follows (until `reconnect`). Messages sent meanwhile wait
     * in the outbox. One socket (a chat id or `'personal'`), or all.
     */
    disconnect: (key?: string): void => {
      const targets = key === undefined ? channels() : [key === PERSONAL ? personal : chats.get(key)];
      for (const channel of targets) channel?.disconnect();
    },

    /** Reconnects now: one chat's socket, or every open socket. */
    reconnect: (key?: string): void => {
      const targets = key === undefined ? channels() : [key === PERSONAL ? personal : chats.get(key)];
      for (const channel of targets) channel?.reconnect();
    },

    /** Listens for errors: invalid frames, refused sends, refused sockets, failed fetches. Returns the unsubscribe. */
    on: <K extends keyof ClientEvents>(event: K, listener: (payload: ClientEvents[K]) => void): (() => void) => events.on(event, listener),

    /** Closes every socket and drops every listener. */
    destroy: (): void => {
      destroyed = true;
      root.dispose();
      for (const channel of chats.values()) channel.destroy();
      chats.clear();
      personal?.destroy();
      personal = null;
      events.clear();
      metrics.dispose();
      stopWatching?.();
      stopWatching = null;
    },
  };
  return client;
}

/** The client `createChatClient` returns. */
export type ChatClient = ReturnType<typeof createChatClient>;
