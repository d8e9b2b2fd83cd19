import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, vi } from 'vitest';
import WebSocket from 'ws';
import { createChatClient, type ChatClient, type ChatClientOptions, type NatterError, type Session } from 'natter';
import { login } from 'natter/features';

/** The reference server as `createServer` returns it (server/src/create-server.ts). */
export interface ReferenceServer {
  url: string;
  wsUrl: string;
  port: number;
  close(): Promise<void>;
}

/** The `createServer` options these tests use (server/src/config.ts has them all). */
export interface ReferenceServerOptions {
  port?: number;
  db?: string;
  maxContentBytes?: number;
  heartbeatMs?: number;
  rateLimit?: { burst?: number; refillPerSecond?: number };
  /** REST buckets per route group (docs/protocol.md 5.4), merged over the server's defaults. */
  restRateLimit?: Partial<Record<'auth' | 'writes' | 'uploads' | 'search' | 'history', { burst?: number; refillPerSecond?: number }>>;
}

// Loaded by name at run time: the server's sources import with `.ts` extensions, which the client's tsconfig does
// not allow, so a static import would drag them into the client's typecheck.
const SERVER_ENTRY = '@natter/server';

async function createServer(options: ReferenceServerOptions): Promise<ReferenceServer> {
  const module = (await import(/* @vite-ignore */ SERVER_ENTRY)) as {
    createServer(options: ReferenceServerOptions): Promise<ReferenceServer>;
  };
  return module.createServer(options);
}

/** A `ws` WebSocket class that records every socket it opens. */
export function countingWebSocket() {
  const opened: string[] = [];
  class CountingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      opened.push(url);
    }
  }
  return { WebSocket: CountingWebSocket, opened };
}

/** Polls until `check` stops throwing (vi.waitFor with a short interval). */
export const waitFor = <T>(check: () => T | Promise<T>, timeout = 5000): Promise<T> => vi.waitFor(check, { timeout, interval: 10 });

/** Real time passing, for asserting that something does *not* happen. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let nameCounter = 0;
/** A username no other test used (letters and digits, ≤ 32 characters). */
export function uniqueName(prefix: string): string {
  nameCounter += 1;
  return `${prefix}${process.pid.toString(36)}${nameCounter.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * Everything one integration test starts, torn down when it finishes: clients first (so they do not reconnect to a
 * closing server), then servers, then temporary directories.
 */
export function createHarness() {
  const clients: ChatClient[] = [];
  const servers: ReferenceServer[] = [];
  const dirs: string[] = [];
  onTestFinished(async () => {
    for (const client of clients) client.destroy();
    await Promise.all(servers.map((server) => server.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  return {
    /** Starts a server (port 0, in-memory database unless `options` says otherwise). */
    async server(options: ReferenceServerOptions = {}): Promise<ReferenceServer> {
      const started = await createServer({ port: 0, db: ':memory:', ...options });
      let closing: Promise<void> | undefined;
      const server = { ...started, close: () => (closing ??= started.close()) };
      servers.push(server);
      return server;
    },

    /** A fresh directory for a database file. */
    tempDir(): string {
      const dir = mkdtempSync(join(tmpdir(), 'natter-core-'));
      dirs.push(dir);
      return dir;
    },

    /** Logs `name` in (a unique suffix is added) and returns the session. */
    login: (server: ReferenceServer, name: string): Promise<Session> => login(server.url, uniqueName(name)),

    /** A client for `session` over real `ws` sockets and real timers, with a short backoff. */
    client(server: ReferenceServer, session: Session, options: Partial<ChatClientOptions> = {}): ChatClient {
      const client = createChatClient({
        baseUrl: server.url,
        getToken: () => session.access_token,
        currentUser: session.user,
        WebSocket,
        backoff: { initialMs: 50, maxMs: 200 },
        ...options,
      });
      clients.push(client);
      return client;
    },
  };
}

/** What `createHarness` returns. */
export type Harness = ReturnType<typeof createHarness>;

/** Collects every error `client` reports, in order. */
export function errorsOf(client: ChatClient): NatterError[] {
  const errors: NatterError[] = [];
  client.on('error', (error) => errors.push(error));
  return errors;
}

/** Waits until each `[client, key]` socket is open. */
export async function waitOpen(...pairs: [ChatClient, string][]): Promise<void> {
  await waitFor(() => {
    for (const [client, key] of pairs) expect(client.getConnection(key)?.status).toBe('open');
  });
}

/** A server (or the one given), Ana and Bo logged in, a chat of both, and each one's client joined to it. */
export async function twoInOneChat(h: Harness, server?: ReferenceServer) {
  server ??= await h.server();
  const ana = await h.login(server, 'ana');
  const bo = await h.login(server, 'bo');
  const a = h.client(server, ana);
  const b = h.client(server, bo);
  const chat = await a.rest.createChat('Team', [bo.user.id]);
  a.joinChat(chat.id);
  b.joinChat(chat.id);
  await waitOpen([a, chat.id], [b, chat.id]);
  return { server, ana, bo, a, b, chatId: chat.id };
}
