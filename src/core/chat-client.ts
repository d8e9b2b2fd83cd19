import { Backoff, type BackoffOptions } from './backoff';
import type { ClientContext, ClientEvents } from './client-context';
import type { Channel } from './channel';
import { ChatChannel } from './chat-channel';
import type { ConnectionSnapshot, WebSocketConstructor } from './connection';
import { Emitter } from './emitter';
import { nextFrame, type ScheduleFrame } from './frame-batcher';
import { browserEnvironment, type EnvironmentSignals } from './environment';
import type { HeartbeatOptions } from './heartbeat';
import { NatterError } from './errors';
import { registerInternals, type ClientHooks } from './client-internals';
import { PersonalChannel } from './personal-channel';
import type { Attachment, HistoryPage, User } from './protocol/types';
import { createRestClient, type RestClient } from './rest-client';
import { defaultOutboxStorage, type OutboxStorage } from './outbox-storage';
import { createChatStore, PERSONAL, type ChatStore } from './store/chat-store';
import { DEFAULT_MAX_MESSAGES_IN_MEMORY } from './store/message-memory';
import { realTimers, type Timers } from './timers';
import { firstSeq } from './store/chat-message';

/** Everything `createChatClient` accepts. */
export interface ChatClientOptions {
  /** The server's HTTP origin, e.g. `https://chat.example.com`. */
  baseUrl: string;
  /** The WebSocket origin; default: `baseUrl` with http→ws. */
  wsUrl?: string;
  /**
   * Returns a valid access token; called before every connect and REST call. After a 4001 close or a REST 401 it is
   * called once more with the refused token (`refused`), and the socket or request retried once: return a fresh
   * token then (renew, unless already renewed). A `getToken` that takes no argument still works;
   * `createTokenRenewer`'s does all this.
   */
  getToken: (refused?: string) => string | Promise<string>;
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
  /** How long a sent message may wait for the server's acknowledgement before it is `failed`. Default 40000 ms; time
   * spent disconnected does not count (the message waits in the outbox and is resent). 0 waits forever. Keep it above
   * the heartbeat's `intervalMs + timeoutMs` (35 s by default), the longest a socket that died silently can pass
   * for live: a shorter wait fails a message that a dead socket swallowed instead of resending it on the next. */
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
 * write into, and the REST routes. Nothing connects until `joinChat` or `connectPersonal`. Edits, reactions, files,
 * threads, jumps, search, the chat list, notifications and metrics are functions of `natter/features` that take
 * the client: an app pays for those it imports.
 *
 * @example
 * const client = createChatClient({ baseUrl: 'http://localhost:8787', getToken: () => token, currentUser: me });
 * const leave = client.joinChat(chatId);
 * client.sendMessage(chatId, 'Hello');
 */
export function createChatClient(options: ChatClientOptions) {
  const timers = options.timers ?? realTimers;
  const events = new Emitter<ClientEvents>();
  const hooks = new Emitter<ClientHooks>();
  const store: ChatStore = createChatStore();
  // The options carry the REST client's (baseUrl, getToken, fetch) under the same names.
  const rest: RestClient = createRestClient(options);
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
      if (!Impl) throw new NatterError('invalid_argument', 'No WebSocket: pass `WebSocket` (from the ws package in Node)');
      return new Impl(url);
    },
    typingTtlMs: options.typingTtlMs ?? 5000,
    metrics: null,
    heartbeat: options.heartbeat,
    sendTimeoutMs: options.sendTimeoutMs ?? 40_000,
    outboxStorage: options.outboxStorage ?? defaultOutboxStorage(),
    wake: () => undefined,
    isVisible: options.isVisible ?? defaultIsVisible,
    scheduleFrame: options.scheduleFrame === false ? null : (options.scheduleFrame ?? nextFrame(timers)),
    maxMessagesInMemory: options.maxMessagesInMemory ?? DEFAULT_MAX_MESSAGES_IN_MEMORY,
  };
  const chats = new Map<string, ChatChannel>();
  let personal: PersonalChannel | null = null;
  const channels = () => [...chats.values(), ...(personal ? [personal] : [])];
  /** One socket's channel (a chat id or `'personal'`), if it exists, or all of them. */
  const socketsFor = (key?: string) => (key === undefined ? channels() : channels().filter((channel) => channel.key === key));

  // Watched from the first channel on, not at creation: a client built during a render attaches nothing.
  let stopWatching: (() => void) | null = null;
  const wakeAll = () => channels().forEach((channel) => channel.held && channel.connection.wake());
  const watchEnvironment = () => {
    stopWatching ??= (options.environment ?? browserEnvironment).subscribe({
      online: wakeAll,
      offline: () => channels().forEach((channel) => channel.connection.suspend()),
      visible: () => {
        wakeAll();
        hooks.emit('visible', true);
      },
      hidden: () => hooks.emit('visible', false),
    });
  };

  const chat = (chatId: string): ChatChannel => {
    let channel = chats.get(chatId);
    if (!channel) {
      chats.set(chatId, (channel = new ChatChannel(ctx, chatId)));
      hooks.emit('channel', channel);
    }
    return channel;
  };
  const personalChannel = (): PersonalChannel => {
    if (!personal) hooks.emit('channel', (personal = new PersonalChannel(ctx, hooks)));
    return personal;
  };
  // A socket by its key: `'personal'` or a chat id.
  const channelOf = (key: string): Channel => (key == PERSONAL ? personalChannel() : chat(key));

  // The first time a socket is wanted: watch the network and page, and put back what was unsent before a reload.
  // Not at creation, nor for a call that fails validation, so a client used during a render (or on a server)
  // touches nothing.
  let awake = false;
  ctx.wake = () => {
    if (awake) return;
    awake = true;
    watchEnvironment();
    ctx.outboxStorage
      .load(currentUser.id)
      .then((entries) => {
        if (destroyed) return;
        for (const entry of [...entries].sort((a, b) => a.createdAt - b.createdAt)) {
          channelOf(entry.channel).restore(entry);
        }
      })
      // After the restore too: an entry it cannot read (saved by another version) is reported, not left unhandled.
      .catch((cause: unknown) => events.emit('error', new NatterError('storage_error', 'Could not read the saved outbox', { cause })));
  };
  let destroyed = false;

  const client = {
    store,
    rest,
    currentUser,
    /** The timers the client runs on (injected or real), for helpers that must share its clock. */
    timers,

    /** Opens (or shares) the chat's socket; returns the release. The socket closes when the last holder releases. */
    joinChat: (chatId: string): (() => void) => {
      const release = chat(chatId).retain();
      hooks.emit('joined', chatId);
      return release;
    },

    /** Opens (or shares) the personal socket for direct messages; returns the release. */
    connectPersonal: (): (() => void) => personalChannel().retain(),

    /**
     * Shows the message at once as `pending` and delivers it; returns its client id. Throws `NatterError` for empty or
     * oversized content. With `attachments` (from natter/features' `uploadFile`) it is an `image` or `file` message;
     * content is then an optional caption.
     */
    sendMessage: (chatId: string, content: string, sendOptions: { parentMessageId?: string | null; attachments?: Attachment[] } = {}): string =>
      chat(chatId).send(content, sendOptions.parentMessageId ?? null, sendOptions.attachments ?? []),

    /**
     * Sends a failed message again, with the same client id; false if `clientId` is not a failed message of that chat.
     * A direct message's chat is `'personal'` (its socket's key).
     */
    retry: (chatId: string, clientId: string): boolean => channelOf(chatId).retry(clientId),

    /**
     * Drops a message or change you have not got through yet (pending or failed) from the outbox and the chat (a
     * change is rolled back). A direct message's chat is `'personal'`.
     */
    discard: (chatId: string, clientId: string): boolean => channelOf(chatId).discard(clientId),

    /**
     * Sends a direct message over the personal socket; returns its client id. One that fails (refused, or `timeout`)
     * is reported with that client id (`details.clientId`) and kept for `retry('personal', clientId)`.
     */
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
      hooks.emit('read', { chatId, messageId });
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

    /** An absolute URL for a server-relative one, such as an attachment's `url`. */
    resolveUrl: rest.resolveUrl,

    /** The snapshot of a socket: `'personal'` or a chat id. */
    getConnection: (key: string): ConnectionSnapshot | undefined => store.getState().connections[key],

    /**
     * Closes sockets and keeps them closed: no reconnect follows (until `reconnect`). Messages sent meanwhile wait
     * in the outbox. One socket (a chat id or `'personal'`), or all.
     */
    disconnect: (key?: string): void => socketsFor(key).forEach((channel) => channel.disconnect()),

    /** Reconnects now: one chat's socket, or every open socket. */
    reconnect: (key?: string): void => socketsFor(key).forEach((channel) => channel.reconnect()),

    /** Listens for errors: invalid frames, refused sends, refused sockets, failed fetches. Returns the unsubscribe. */
    on: <K extends keyof ClientEvents>(event: K, listener: (payload: ClientEvents[K]) => void): (() => void) => events.on(event, listener),

    /** Closes every socket and drops every listener. */
    destroy: (): void => {
      destroyed = true;
      hooks.emit('destroy', undefined);
      hooks.clear();
      channels().forEach((channel) => channel.destroy());
      chats.clear();
      personal = null;
      events.clear();
      stopWatching?.();
      stopWatching = null;
    },
  };
  registerInternals(client, {
    ctx,
    hooks,
    chat,
    existingChat: (chatId) => chats.get(chatId),
    chats: () => chats.values(),
    channels,
    features: new Map(),
  });
  return client;
}

/** The client `createChatClient` returns. */
export type ChatClient = ReturnType<typeof createChatClient>;
