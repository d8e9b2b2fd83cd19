import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import NodeWebSocket from 'ws';
import type { Session } from 'natter';
import { createMockChatServer, type MockChatServer, type MockChatServerOptions } from 'natter/testing';

/**
 * Parity: one scenario, written against the wire (REST + raw sockets), run against the reference server and against
 * the mock; the two transcripts must be equal once ids, tokens and times are normalised. The mock is what users'
 * tests trust in place of the server, so any difference here is a bug in one of the two.
 */

const MOCK_URL = 'http://parity.test';
// Loaded by name: the server's sources import with `.ts` extensions (see test/core/helpers/server.ts).
const SERVER_ENTRY = '@natter/server';

interface Frame {
  type: string;
  data: any;
}

/** A raw socket that records every frame and its close. */
export interface Sock {
  frames: Frame[];
  closed: { code: number; reason: string } | null;
  send(frame: unknown): void;
  sendRaw(text: string): void;
  close(): void;
  /** The frames of `type` received so far. */
  of(type: string): any[];
}

/** The same operations on either backend. */
export interface Wire {
  label: 'server' | 'mock';
  /** The mock behind this wire (mock only): for switches the server has no equivalent of, e.g. `failNextSend`. */
  mock?: MockChatServer;
  login(username: string): Promise<Session>;
  rest(path: string, init?: { method?: string; body?: unknown; token?: string | null }): Promise<{ status: number; body: any }>;
  /** Any request (a multipart upload, a download): status, the headers named in `headers`, and the body's bytes. */
  request(path: string, init?: RequestInit & { token?: string }, headers?: string[]): Promise<{ status: number; headers: Record<string, string | null>; bytes: number[] }>;
  /** Opens a socket on `path` (e.g. `/api/v1/ws/chat/ID`) and waits for its first frame or its close. */
  open(path: string, token: string | null): Promise<Sock>;
  /** Waits until no socket has received a frame for a while: the scenario's previous step has fully fanned out. */
  quiet(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function makeWire(label: Wire['label'], base: () => string, socketClass: () => new (url: string) => any): Wire {
  const sockets: Sock[] = [];
  const opened: any[] = [];
  afterEach(() => {
    for (const socket of opened.splice(0)) socket.close();
    sockets.splice(0);
  });
  const total = () => sockets.reduce((n, s) => n + s.frames.length + (s.closed ? 1 : 0), 0);
  return {
    label,
    login: async (username) => {
      const response = await fetch(`${base()}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
      const body = await response.json();
      if (!response.ok) throw new Error(`${label}: login ${response.status} ${JSON.stringify(body)}`);
      return body as Session;
    },
    rest: async (path, init = {}) => {
      const headers: Record<string, string> = {};
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      const response = await fetch(`${base()}${path}`, {
        method: init.method ?? 'GET',
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    request: async (path, init = {}, names = []) => {
      const { token, ...rest } = init;
      const response = await fetch(`${base()}${path}`, { ...rest, headers: token ? { authorization: `Bearer ${token}` } : {} });
      return {
        status: response.status,
        headers: Object.fromEntries(names.map((name) => [name, response.headers.get(name)])),
        bytes: [...new Uint8Array(await response.arrayBuffer())],
      };
    },
    open: async (path, token) => {
      const url = `${base().replace(/^http/, 'ws')}${path}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
      const socket = new (socketClass())(url);
      opened.push(socket);
      const sock: Sock = {
        frames: [],
        closed: null,
        send: (frame) => socket.send(JSON.stringify(frame)),
        sendRaw: (text) => socket.send(text),
        close: () => socket.close(),
        of: (type) => sock.frames.filter((f) => f.type === type).map((f) => f.data),
      };
      socket.addEventListener('message', (event: { data: unknown }) => sock.frames.push(JSON.parse(String(event.data))));
      socket.addEventListener('close', (event: { code: number; reason: string }) => {
        sock.closed = { code: event.code, reason: event.reason };
      });
      sockets.push(sock);
      for (let waited = 0; sock.frames.length === 0 && !sock.closed; waited += 5) {
        if (waited > 3000) throw new Error(`${label}: ${path} neither answered nor closed`);
        await sleep(5);
      }
      return sock;
    },
    quiet: async () => {
      // Quiet = no new frame for three checks in a row: a loaded machine may take a while to start answering.
      let last = total();
      for (let stable = 0, i = 0; stable < 3 && i < 200; i += 1) {
        await sleep(label === 'server' ? 25 : 10);
        const now = total();
        stable = now === last ? stable + 1 : 0;
        last = now;
      }
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Ids become `#1`, `#2`… in order of first appearance, times `<time>`, tokens `<token>`; everything else stays. Both
 * transcripts are walked in the same order, so equal structures get equal names.
 */
export function normalise(value: unknown): unknown {
  const ids = new Map<string, string>();
  const walk = (v: unknown, key: string | null): unknown => {
    if (typeof v === 'string') {
      if (UUID.test(v)) {
        if (!ids.has(v)) ids.set(v, `#${ids.size + 1}`);
        return ids.get(v);
      }
      if (ISO.test(v)) return '<time>';
      // A download URL: its id is named like any id, its key (random on both) hidden.
      const file = /^\/api\/v1\/files\/([^/]+)\/(.*)\?key=[0-9a-f]+$/.exec(v);
      if (file) return `/api/v1/files/${walk(file[1], null)}/${file[2]}?key=<key>`;
      if (key === 'access_token' || key === 'refresh_token') return '<token>';
      // An error's `message` is for people and may change (docs/protocol.md 3.7); its `code` is the contract.
      if (key === 'message') return '<message>';
      return v;
    }
    if (Array.isArray(v)) {
      const items = v.map((item) => walk(item, null));
      // The order of a presence list is not part of the protocol (the server's comes from SQL).
      return key === 'presence' ? items.sort((a: any, b: any) => String(a.user_id).localeCompare(String(b.user_id))) : items;
    }
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, k)]));
    return v;
  };
  return walk(value, null);
}

/**
 * Installs both backends for a test file: one msw server with a fresh mock per test, one reference server per test
 * (in-memory database). Returns `parity(name, scenario)`, which declares a test running `scenario` on both and
 * comparing what it returns.
 */
export function installParity() {
  const msw = setupServer();
  let server: { url: string; close(): Promise<void> } | undefined;
  let serverUrl = '';
  beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
  afterEach(async () => {
    msw.resetHandlers();
    await server?.close();
    server = undefined;
  });
  afterAll(() => msw.close());

  // Node 20 has no global WebSocket for msw to intercept: give it `ws`'s class (msw answers mocked URLs itself).
  globalThis.WebSocket ??= NodeWebSocket as unknown as typeof WebSocket;
  const mockWire = makeWire('mock', () => MOCK_URL, () => globalThis.WebSocket);
  const serverWire = makeWire('server', () => serverUrl, () => NodeWebSocket);

  const startBoth = async (serverOptions: object = {}, mockOptions: Partial<MockChatServerOptions> = {}): Promise<[Wire, Wire]> => {
    const mock = createMockChatServer({ baseUrl: MOCK_URL, ...mockOptions });
    msw.use(...mock.handlers);
    mockWire.mock = mock;
    const module = (await import(/* @vite-ignore */ SERVER_ENTRY)) as { createServer(o: object): Promise<{ url: string; close(): Promise<void> }> };
    server = await module.createServer({ port: 0, db: ':memory:', logger: false, ...serverOptions });
    serverUrl = server.url;
    return [serverWire, mockWire];
  };

  /** Runs `scenario` on each backend and expects the same normalised transcript. */
  const parity = (name: string, scenario: (wire: Wire) => Promise<unknown>, options: { server?: object; mock?: Partial<MockChatServerOptions> } = {}) =>
    it(
      name,
      async () => {
        const [real, mock] = await startBoth(options.server, options.mock);
        const fromServer = normalise(await scenario(real));
        const fromMock = normalise(await scenario(mock));
        expect(fromMock).toEqual(fromServer);
      },
      15_000,
    );

  return { parity, startBoth };
}

export const chatPath = (id: string) => `/api/v1/ws/chat/${id}`;
export const personalPath = (id: string) => `/api/v1/ws/${id}`;

/** Ana and Ben logged in and a group chat of both (`Team`); `openQuietly` opens a socket and waits for its fan-out. */
export async function twoUsersAndAChat(w: Wire) {
  const ana = await w.login('ana');
  const ben = await w.login('ben');
  const created = await w.rest('/api/v1/chats', { method: 'POST', token: ana.access_token, body: { name: 'Team', member_ids: [ben.user.id] } });
  const chatId = created.body.id as string;
  const openQuietly = async (path: string, token: string) => {
    const sock = await w.open(path, token);
    await w.quiet();
    return sock;
  };
  return { ana, ben, chatId, created, openQuietly };
}

/** `twoUsersAndAChat`, then each one's chat socket and personal socket opened one after the other. */
export async function twoInAChat(w: Wire) {
  const base = await twoUsersAndAChat(w);
  const { ana, ben, chatId, openQuietly } = base;
  const anaChat = await openQuietly(chatPath(chatId), ana.access_token);
  const benChat = await openQuietly(chatPath(chatId), ben.access_token);
  const anaHome = await openQuietly(personalPath(ana.user.id), ana.access_token);
  const benHome = await openQuietly(personalPath(ben.user.id), ben.access_token);
  const all = [anaChat, benChat, anaHome, benHome];
  let marks = all.map((s) => s.frames.length);
  return {
    ...base,
    anaChat,
    benChat,
    anaHome,
    benHome,
    /** The frames each of the four sockets got since the last call (or since they all opened). */
    since() {
      const out = { anaChat: anaChat.frames.slice(marks[0]), benChat: benChat.frames.slice(marks[1]), anaHome: anaHome.frames.slice(marks[2]), benHome: benHome.frames.slice(marks[3]) };
      marks = all.map((s) => s.frames.length);
      return out;
    },
  };
}
