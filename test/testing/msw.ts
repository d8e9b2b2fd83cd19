import { setupServer } from 'msw/node';
import { createChatClient, type ChatClient, type ChatClientOptions } from 'natter';
import { createMockChatServer, type MockChatServer, type MockChatServerOptions } from 'natter/testing';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';

export const BASE_URL = 'http://chat.test';
const rawSockets: WebSocket[] = [];

/**
 * One msw server per test file: listening for the whole file, handlers reset and clients destroyed after each test.
 * Returns helpers that start a fresh mock (its handlers `use`d) and clients that are cleaned up.
 */
export function installMockServer() {
  const server = setupServer();
  const clients: ChatClient[] = [];
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
    for (const socket of rawSockets.splice(0)) socket.close();
    server.resetHandlers();
  });
  afterAll(() => server.close());

  return {
    server,
    /** A mock with users ana, ben, cy and the chat `general` (ana, ben); `private` (ben, cy). */
    startMock(options: Partial<MockChatServerOptions> = {}): MockChatServer {
      const mock = createMockChatServer({
        baseUrl: BASE_URL,
        users: ['ana', 'ben', 'cy'],
        chats: [
          { name: 'general', members: ['ana', 'ben'] },
          { name: 'private', members: ['ben', 'cy'] },
        ],
        ...options,
      });
      server.use(...mock.handlers);
      return mock;
    },
    /** A core client for `user`, with fast, jitter-free reconnects; destroyed after the test. */
    clientFor(mock: MockChatServer, user: string, options: Partial<ChatClientOptions> = {}): ChatClient {
      const client = createChatClient({ ...mock.clientOptions(user), backoff: { initialMs: 20, jitter: 'none' }, ...options });
      clients.push(client);
      return client;
    },
  };
}

/** A raw WebSocket (msw-patched global) that records every frame and close, for protocol-level checks. */
export interface RawSocket {
  socket: WebSocket;
  frames: Array<{ type: string; data: any }>;
  opened: boolean;
  closed: { code: number; reason: string } | null;
  send(frame: unknown): void;
  sendRaw(text: string): void;
  /** Waits until a frame matching `predicate` has arrived after index `from`; returns it. */
  next(type: string, from?: number): Promise<{ type: string; data: any }>;
  /** Waits for the close. */
  waitClosed(): Promise<{ code: number; reason: string }>;
}

/** Opens a raw socket on `path` (e.g. `/api/v1/ws/chat/ID`) with `token`. */
export function openRaw(path: string, token: string | null): RawSocket {
  const url = `ws://chat.test${path}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
  const socket = new WebSocket(url);
  rawSockets.push(socket);
  const raw: RawSocket = {
    socket,
    frames: [],
    opened: false,
    closed: null,
    send: (frame) => socket.send(JSON.stringify(frame)),
    sendRaw: (text) => socket.send(text),
    next: (type, from = 0) =>
      vi.waitFor(
        () => {
          const found = raw.frames.slice(from).find((f) => f.type === type);
          if (!found) throw new Error(`no ${type} frame yet (got ${raw.frames.map((f) => f.type).join(', ') || 'none'})`);
          return found;
        },
        { timeout: 2000, interval: 5 },
      ),
    waitClosed: () =>
      vi.waitFor(
        () => {
          if (!raw.closed) throw new Error('not closed yet');
          return raw.closed;
        },
        { timeout: 2000, interval: 5 },
      ),
  };
  socket.addEventListener('open', () => {
    raw.opened = true;
  });
  socket.addEventListener('message', (event) => raw.frames.push(JSON.parse(String(event.data))));
  socket.addEventListener('close', (event) => {
    raw.closed = { code: event.code, reason: event.reason };
  });
  return raw;
}

/** Lets pending socket and fetch callbacks run (msw delivers frames in microtasks and macrotasks). */
export const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

export const chatPath = (chatId: string) => `/api/v1/ws/chat/${chatId}`;
export const personalPath = (userId: string) => `/api/v1/ws/${userId}`;

/** Opens a raw socket as `user` and waits for its `connected` frame. */
export async function connect(mock: MockChatServer, path: string, user: string): Promise<RawSocket> {
  const raw = openRaw(path, mock.sessionFor(user).access_token);
  await raw.next('connected');
  return raw;
}

/** A JSON request to the mock's REST API, as `token` when given. */
export async function rest(path: string, init: RequestInit & { token?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(`${BASE_URL}${path}`, { ...init, headers });
  return { status: response.status, body: (await response.json()) as any };
}
