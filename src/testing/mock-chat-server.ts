import { memoryOutboxStorage } from '../core/outbox-storage';
import { ws, type HttpHandler, type WebSocketHandler, type WebSocketLink } from 'msw';
import type { HistoryMessage, Message, ReadReceipt, ServerErrorCode, Session, User } from '../core/protocol/types';
import { chatView } from './mock-server/chat-view';
import { toHistory } from './mock-server/history';
import type { MockChatInput, MockFileInput, MockMessageInput, MockUserInput } from './mock-server/inputs';
import type { DropOptions, MockChat, MockChatServerOptions } from './mock-server/options';
import { createRestHandlers } from './mock-server/rest';
import { createRichActions } from './mock-server/rich-actions';
import { seedChat, type SeedOptions } from './mock-server/seed';
import { MockSocketHub, type MockReceivedFrame, type MockSocketFilter, type MockSocketInfo } from './mock-server/sockets';
import { clone, MockState, type MockChatRecord } from './mock-server/state';
import { createUploadHandlers } from './mock-server/upload-routes';
import { DEFAULT_MAX_UPLOAD_BYTES } from './mock-server/uploads';

export type { DropOptions, MockChat, MockChatInput, MockChatServerOptions, MockFileInput, MockMessageInput, MockReceivedFrame, MockSocketFilter, MockSocketInfo, MockUserInput, SeedOptions };

// One msw link per URL pattern: every `ws.link` subscribes to a shared BroadcastChannel for good, so a link per mock
// (a mock per test) would pile up listeners. Each mock still adds its own handler to the shared link.
const links = new Map<string, WebSocketLink>();
const linkFor = (pattern: string): WebSocketLink => {
  let link = links.get(pattern);
  if (!link) links.set(pattern, (link = ws.link(pattern)));
  return link;
};

// msw hands a socket to every matching ws handler installed, newest `use` first. A mock an earlier test left
// installed (no `resetHandlers`) would answer it too: a second `connected`, or a 4001 close for a token it never
// issued. The first mock to see a socket takes it alone, as the newest REST handler answers a request alone.
const claimed = new WeakSet<object>();

/**
 * An in-memory Natter server made of msw handlers, following docs/protocol.md: the two socket routes (through
 * `ws.link`) and the REST routes. For tests (`setupServer` from `msw/node`) and Storybook (`setupWorker` from
 * `msw/browser`, or msw-storybook-addon's `parameters.msw.handlers`); it imports nothing Node-only.
 *
 * It behaves as the reference server does: `connected` first on every socket, per-chat `seq` from 1, `client_id`
 * idempotency per sender, `delivered` (on send, and to the senders when a member connects; `delivered_seq`), typing relayed to the others only with the token's user, one receipt per reader, ping →
 * pong, the validation error frames (`invalid_frame`, `unknown_type`, `wrong_socket`, `payload_too_large`,
 * `not_found`, `forbidden`, `limit_reached`), close 1009 for a frame over 64 KiB, and close 4001/4003/4004 for a bad
 * token, a non-member or an unknown chat. Section 9 too: the message fields (`rev` per chat, reactions, replies,
 * attachments, mentions), edits, tombstones, reactions, replies' `reply_count`, `?parent_id`/`?changed_after`/
 * `?around` history, search, uploads and capability downloads (bytes in memory), unread counts, `chat_activity`,
 * `chat_read` and presence; drive them with `editMessage`, `deleteMessage`, `react`, `reply`, `setPresence`…
 *
 * Close codes: msw's `client.close(code, reason)` closes the page's WebSocket with any code, the 4xxx ones and 1006
 * included (the browser's 1000/3000–4999 rule applies only to the page calling `close()` itself), and the page sees
 * exactly that `code` and `reason` in its `close` event. Like the real server, a refused socket first fires `open`
 * (the server accepts the upgrade, then checks) and then closes; only an unknown socket path closes with 1006 and no
 * `open`, as a 404 handshake does. Unlike a real network, there is no `error` event before a 1006.
 *
 * Not modelled: the REST body limit (uploads have theirs), the rate limiter (use `failNextSend('rate_limited')`, `dropConnections({ code: 4008 })`), heartbeats,
 * the 1013 slow-reader close (use `dropConnections`/`refuseNextConnections` with any code), the Origin allowlist,
 * HTTP 503 during shutdown, token expiry by time (use `revokeTokens`).
 *
 * Use one mock per `wsUrl` at a time in an msw server, and `server.resetHandlers()` after each test. Should an older
 * mock stay installed, the newest one `use`d answers each socket alone (as msw's newest REST handler does) and the
 * older one warns once. (Every `ws.link` keeps a listener on msw's shared BroadcastChannel, so mocks on the same
 * `wsUrl` also share one link.)
 *
 * @example
 * const mock = createMockChatServer({ baseUrl: 'http://chat.test', users: ['ana', 'ben'], chats: [{ name: 'general', members: ['ana', 'ben'], messages: 30 }] });
 * const server = setupServer(...mock.handlers);
 * server.listen();
 * const client = createChatClient(mock.clientOptions('ana'));
 * client.joinChat(mock.chat('general').id);
 * mock.addMessage('general', { from: 'ben', content: 'Hi Ana' });
 */
export function createMockChatServer(options: MockChatServerOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const wsUrl = (options.wsUrl ?? baseUrl.replace(/^http/, 'ws')).replace(/\/+$/, '');
  const state = new MockState(options.now ?? (() => Date.now()));
  let latencyMs = options.latencyMs ?? 0;
  const socketOptions = {
    get latencyMs() {
      return latencyMs;
    },
    maxContentBytes: options.maxContentBytes ?? 16 * 1024,
    maxFrameBytes: 64 * 1024,
    heartbeatMs: 25_000,
  };
  const hub = new MockSocketHub(state, socketOptions, new URL(wsUrl).pathname.replace(/\/+$/, ''));
  const link = linkFor(`${wsUrl}/api/v1/ws/*`);
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  let warned = false;
  const handlers: Array<HttpHandler | WebSocketHandler> = [
    link.addEventListener('connection', (connection) => {
      if (!claimed.has(connection.client)) return void (claimed.add(connection.client), hub.handleConnection(connection));
      if (!warned) console.warn(`Mock chat server (${wsUrl}): a newer mock took a socket this one still listens for. Call server.resetHandlers() after each test.`);
      warned = true;
    }),
    ...createRestHandlers(baseUrl, state, () => latencyMs),
    ...createUploadHandlers(baseUrl, state, () => latencyMs, () => maxUploadBytes),
  ];

  for (const user of options.users ?? []) state.addUser(user);
  const addChat = (input: MockChatInput): MockChatRecord => {
    const chat = state.addChat(input);
    if (typeof input.messages === 'number') seedChat(state, chat, input.messages);
    else for (const { from, ...message } of input.messages ?? []) state.insertMessage(chat, state.requireUser(from), message);
    return chat;
  };
  for (const chat of options.chats ?? []) addChat(chat);

  const view = (chat: MockChatRecord): MockChat => {
    const { last_read_seq: _viewerOnly, unread_count: _alsoViewerOnly, ...rest } = chatView(state, chat, chat.created_by);
    return rest;
  };
  // Filters take names as well as ids.
  const resolve = (filter: MockSocketFilter): MockSocketFilter => ({
    ...(filter.chatId === undefined ? {} : { chatId: state.findChat(filter.chatId)?.id ?? filter.chatId }),
    ...(filter.userId === undefined ? {} : { userId: state.findUser(filter.userId)?.id ?? filter.userId }),
    ...(filter.kind === undefined ? {} : { kind: filter.kind }),
  });
  const matches = (socket: MockSocketInfo, filter: MockSocketFilter): boolean =>
    (filter.kind === undefined || socket.kind === filter.kind) &&
    (filter.chatId === undefined || socket.chatId === filter.chatId) &&
    (filter.userId === undefined || socket.userId === filter.userId);
  const member = (chat: MockChatRecord, ref: string): User => {
    const user = state.requireUser(ref);
    if (!state.isMember(chat, user.id)) throw new Error(`Mock chat server: ${user.username} is not a member of ${chat.name ?? chat.id}`);
    return user;
  };

  return {
    baseUrl,
    wsUrl,
    /** The msw handlers: one `ws.link` for both socket routes, and the REST routes. Pass them to `setupServer`/`setupWorker`. */
    handlers,
    /**
     * The `ws.link` behind the sockets, for extra listeners (`mock.link.addEventListener('connection', …)`). Shared by
     * every mock on the same `wsUrl`, so its `clients` and `broadcast` reach their sockets too.
     */
    link,

    // ---- data ---------------------------------------------------------------------------------------------------

    /** A user by id or username (case-insensitive); throws when unknown. */
    user: (ref: string): User => ({ ...state.requireUser(ref) }),
    /** Every user, in creation order. */
    users: (): User[] => [...state.users.values()].map((u) => ({ ...u })),
    addUser: (input: MockUserInput): User => ({ ...state.addUser(input) }),
    /** A chat by id or name; throws when unknown. */
    chat: (ref: string): MockChat => view(state.requireChat(ref)),
    addChat: (input: MockChatInput): MockChat => view(addChat(input)),
    /** The direct chat of two users (ids or usernames), created when missing. */
    directChat: (a: string, b: string): MockChat => view(state.directChat(state.requireUser(a).id, state.requireUser(b).id).chat),
    /** A chat's stored messages in `seq` order, with `read_by`. */
    messages: (chatRef: string): Array<Required<HistoryMessage>> => state.requireChat(chatRef).messages.map(toHistory),

    /** A session (fresh token pair) the mock accepts, as `POST /auth/login` would answer. */
    sessionFor: (userRef: string): Session => state.issueSession(state.requireUser(userRef)),
    /**
     * What `createChatClient` needs to talk to this mock as `userRef`: one session, its access token from `getToken`.
     * @example
     * const client = createChatClient({ ...mock.clientOptions('ana'), typingTtlMs: 200 });
     */
    clientOptions: (userRef: string) => {
      const session = state.issueSession(state.requireUser(userRef));
      // The outbox lives in memory like the mock itself: tests and stories must not leak unsent messages into
      // each other through the browser's IndexedDB.
      return { baseUrl, wsUrl, currentUser: session.user, getToken: () => session.access_token, outboxStorage: memoryOutboxStorage() };
    },
    /** Forgets the tokens of one user (id or username) or of everyone: sockets get 4001 and REST 401 from now on. */
    revokeTokens: (userRef?: string): void => state.revokeTokens(userRef === undefined ? undefined : state.requireUser(userRef).id),

    // ---- server actions ---------------------------------------------------------------------------------------

    /**
     * Stores a message from `from` with the chat's next `seq` and sends it like the server: `new_message` to the
     * chat's sockets, `new_direct_message` to the members' personal sockets in a direct chat, `chat_activity` to
     * every member's personal sockets (and a reply's parent update). `attachments` are uploaded and attached.
     * @example
     * mock.addMessage('general', { from: 'Ana', content: 'The mockups', attachments: [{ name: 'home.png', type: 'image/png', width: 1200, height: 800 }] });
     */
    addMessage: (chatRef: string, input: MockMessageInput): Required<Message> => {
      const chat = state.requireChat(chatRef);
      const { message, created, parent } = state.insertMessage(chat, member(chat, input.from), input);
      if (created) hub.fanOut.publishMessage(chat, message, parent);
      return clone(message);
    },
    /** Stores `n` messages silently (history that was there before anyone connected): for long conversations in stories. */
    seed: (chatRef: string, n: number, seedOptions?: SeedOptions): Array<Required<Message>> => seedChat(state, state.requireChat(chatRef), n, seedOptions),
    /**
     * Relays `typing_indicator` from `from` to the chat sockets of everyone else.
     * @example
     * mock.setTyping('general', 'ben', true);
     */
    setTyping: (chatRef: string, from: string, isTyping: boolean): void => {
      const chat = state.requireChat(chatRef);
      hub.fanOut.relayTyping(chat, member(chat, from), isTyping);
    },
    /**
     * Stores `by`'s receipt once and relays it (and `by`'s `chat_read`); null (nothing relayed) for the author's own message.
     * @example
     * mock.addReceipt(mock.messages('general').at(-1)!.id, 'ben');
     */
    addReceipt: (messageId: string, by: string): ReadReceipt | null => {
      const hit = state.findMessage(messageId);
      if (!hit) throw new Error(`Mock chat server: no message "${messageId}"`);
      const reader = member(hit.chat, by);
      if (hit.message.sender_id === reader.id) return null;
      const { receipt, created, readMoved } = state.addReceipt(messageId, reader.id);
      if (created) hub.fanOut.relayReceipt(receipt, readMoved);
      return receipt;
    },
    // ---- section 9: edits, deletions, reactions, replies, uploads, presence ---------------------------------------
    ...createRichActions(state, hub, (chat, ref) => member(chat, ref)),

    // ---- failure switches -------------------------------------------------------------------------------------

    /**
     * Closes the matching open sockets (default: all, with 1006, as on network loss); returns how many.
     * @example
     * mock.dropConnections({ userId: 'ana', kind: 'chat' });
     */
    dropConnections: (drop: DropOptions = {}): number =>
      hub.drop(
        resolve(drop),
        drop.code ?? 1006,
        drop.reason ?? (drop.code === 1001 ? 'Server restarting' : ''),
      ),
    /**
     * The next `count` connection attempts are opened and then closed with `code` (e.g. 4001, 4003, 1013).
     * @example
     * mock.refuseNextConnections(1013, 2); // the third attempt connects
     */
    refuseNextConnections: (code: number, count = 1, reason?: string): void => hub.refuseNext(code, count, reason),
    /**
     * The next `count` valid `send_message`/`direct_message` frames are answered with an `error` frame carrying
     * their `client_id`, and nothing is stored. `rate_limited` carries `retry_after_ms` (default 100).
     * @example
     * mock.failNextSend('rate_limited', { retryAfterMs: 250 });
     */
    failNextSend: (code: ServerErrorCode = 'internal_error', failOptions: { count?: number; message?: string; retryAfterMs?: number } = {}): void =>
      hub.failNextSend(code, failOptions.count ?? 1, failOptions.message, failOptions.retryAfterMs),
    /**
     * Holds every outgoing frame (the server keeps working) until `resume`: shows pending states.
     * @example
     * mock.pause();
     * client.sendMessage(chatId, 'Hi'); // pending until mock.resume()
     */
    pause: (): void => hub.pause(),
    /** Sends the held frames, in order. */
    resume: (): void => hub.resume(),
    /** Changes the delay before every server frame and REST answer. */
    setLatency: (ms: number): void => {
      latencyMs = ms;
    },

    // ---- observation ------------------------------------------------------------------------------------------

    /** Every frame received from clients, in arrival order, with the socket it came on. */
    received: hub.received as readonly MockReceivedFrame[],
    /**
     * The `data` of received frames of `type`, optionally from matching sockets only.
     * @example
     * expect(mock.receivedData('read_receipt', { userId: 'ana' })).toHaveLength(1);
     */
    receivedData: (type: string, filter: MockSocketFilter = {}): unknown[] => {
      const wanted = resolve(filter);
      return hub.received.filter((r) => r.type === type && matches(r.socket, wanted)).map((r) => r.frame?.data);
    },
    /** Every connection attempt, accepted or refused, in order (the count of sockets a client opened). */
    connections: hub.connections as readonly MockSocketInfo[],
    /** The sockets open now, optionally narrowed. */
    openSockets: (filter: MockSocketFilter = {}): MockSocketInfo[] => {
      const wanted = resolve(filter);
      return hub.open.filter((s) => matches(s, wanted));
    },
    /** Connection attempts (accepted or refused) matching `filter`: count the sockets a client opened. */
    connectionsTo: (filter: MockSocketFilter = {}): MockSocketInfo[] => {
      const wanted = resolve(filter);
      return hub.connections.filter((s) => matches(s, wanted));
    },
  };
}

/**
 * The mock `createMockChatServer` returns.
 *
 * @example
 * let mock: MockChatServer;
 * beforeEach(() => { mock = createMockChatServer({ baseUrl }); server.use(...mock.handlers); });
 */
export type MockChatServer = ReturnType<typeof createMockChatServer>;
