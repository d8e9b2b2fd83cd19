import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TokenService } from '../../server/src/auth/tokens.ts';
import { ChatRepository } from '../../server/src/db/chats.ts';
import { openDatabase } from '../../server/src/db/database.ts';
import { MessageRepository } from '../../server/src/db/messages.ts';
import { UserRepository } from '../../server/src/db/users.ts';
import type { ServerOptions } from '../../server/src/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;

/** A seeded user, with an access token valid for the whole run. */
export interface BenchUser {
  id: string;
  username: string;
  token: string;
}

/** The rooms to create: each is a group chat whose members are `size` fresh users. */
export interface Seed {
  rooms: number;
  size: number;
}

/** What the server's own process reports: CPU time and event-loop utilization since the previous report. */
export interface ServerStats {
  cpuMs: number;
  wallMs: number;
  elu: number;
  rssMiB: number;
}

/** A running bench server and its seeded rooms. */
export interface BenchServer {
  url: string;
  wsUrl: string;
  rooms: { chatId: string; members: BenchUser[] }[];
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

/**
 * Seeds a fresh SQLite file directly through the server's repositories (thousands of users in a second, without
 * going through the login route), then starts the reference server on it in a child process, on 127.0.0.1 and an
 * ephemeral port, with the same signing key so the tokens minted here are valid there.
 *
 * @example
 * const server = await startBenchServer({ rooms: 1, size: 1 }, { rateLimit: { burst: 100 } });
 * await server.stop();
 */
export async function startBenchServer(seed: Seed, options: ServerOptions = {}): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'natter-bench-'));
  const dbFile = join(dir, 'bench.db');
  const jwtSecret = randomBytes(32).toString('base64url');
  const tokens = new TokenService(jwtSecret, { accessTtlSeconds: 3600, refreshTtlSeconds: 3600 });

  const db = openDatabase(dbFile);
  const users = new UserRepository(db);
  const chats = new ChatRepository(db, new MessageRepository(db));
  const created = db.transaction(() =>
    Array.from({ length: seed.rooms }, (_, room) => {
      const members = Array.from({ length: seed.size }, (_, i) => users.loginOrCreate(`r${room}m${i}`));
      const chat = chats.create(`Room ${room}`, members[0]!.id, members.slice(1).map((m) => m.id));
      return { chatId: chat.id, members };
    }),
  )();
  db.close();
  const rooms = await Promise.all(
    created.map(async ({ chatId, members }) => ({
      chatId,
      members: await Promise.all(
        members.map(async (m) => ({ id: m.id, username: m.username, token: (await tokens.issuePair(m)).access_token })),
      ),
    })),
  );

  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify({ logger: false, ...options, port: 0, host: '127.0.0.1', db: dbFile, jwtSecret })], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  let url: string;
  try {
    url = await waitForReady(child);
  } catch (error) {
    child.kill('SIGKILL');
    cleanup();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    rooms,
    stats: () =>
      new Promise((resolve) => {
        child.once('message', (message) => resolve(message as ServerStats));
        child.send('stats');
      }),
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          cleanup();
          resolve();
        });
        if (child.connected) child.send('stop');
        else child.kill('SIGTERM');
      })),
  };
}

function waitForReady(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the bench server did not start within ${START_TIMEOUT_MS / 1000} s\n${output}`)), START_TIMEOUT_MS);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /READY (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bench server exited (code ${code}) before it was ready\n${output}`));
    });
  });
}
