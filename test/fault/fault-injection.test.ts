import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import WebSocket from 'ws';
import { createChatClient, createRestClient, login, selectChat, type ChatClient, type Message, type Session } from 'natter';
import { audit, type SentMessage } from './audit';
import { TcpProxy, type Direction, type Directions, type FaultKind } from './tcp-proxy';

/*
 * Proof (issue 4): several clients in several chats, every byte between them and the real reference server going
 * through a proxy that cuts, stalls, delays and splits traffic and refuses connections, while the server is
 * restarted on the same database file. At the end every message sent must be in every member's store exactly once,
 * in seq order. Retrying is the client's job: the test never resends, reconnects or refetches for it.
 *
 * FAULT_SEED=<n> replays a scenario (the schedule of sends and faults; timing still varies from run to run).
 * FAULT_SEND_MS=<ms> changes the length of the sending phase (default 32 s).
 */

// ---------------------------------------------------------------------------------------------------------------
// Knobs

const SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) >>> 0 : Math.floor(Math.random() * 2 ** 32) >>> 0;
const SEND_PHASE_MS = Number(process.env.FAULT_SEND_MS ?? 32_000);
/** The issue's floor, restarts included. */
const MIN_FAULTS = 100;
/** Proxy faults planned over the sending phase (some find no connection to hit and are replanned). */
const PLANNED_FAULTS = 150;
/**
 * Faults go on this long after the last send: reconnects then find messages they missed and fetch them over REST
 * connections that are still being cut, so the end state depends on the client retrying on its own.
 */
const FAULT_TAIL_MS = 3000;
const SETTLE_DEADLINE_MS = 30_000;
const SERVER_HEARTBEAT_MS = 1000;
const CLIENT_HEARTBEAT = { intervalMs: 500, timeoutMs: 400 };
const CLIENT_BACKOFF = { initialMs: 20, maxMs: 300 };

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness

/** sfc32: small, fast, good enough, and the same sequence for the same seed everywhere. */
function prng(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i += 1) next();
  return next;
}

const between = (rng: () => number, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const chance = (rng: () => number, p: number) => rng() < p;
const oneOf = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

// ---------------------------------------------------------------------------------------------------------------
// The reference server, loaded by name (its sources use `.ts` imports the client's tsconfig does not allow).

interface ReferenceServer {
  url: string;
  port: number;
  close(): Promise<void>;
}
interface ServerOptions {
  port: number;
  db: string;
  heartbeatMs: number;
}
const SERVER_ENTRY = '@natter/server';
async function createServer(options: ServerOptions): Promise<ReferenceServer> {
  const module = (await import(/* @vite-ignore */ SERVER_ENTRY)) as { createServer(options: ServerOptions): Promise<ReferenceServer> };
  return module.createServer(options);
}

/**
 * Starts the server on `port`. A port freed a moment ago can be taken by another socket on this machine (other test
 * files run beside this one): EADDRINUSE is retried a bounded number of times.
 */
async function startServer(port: number, db: string): Promise<ReferenceServer> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await createServer({ port, db, heartbeatMs: SERVER_HEARTBEAT_MS });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 40) throw error;
      await sleep(50);
    }
  }
}

/** A port below the kernel's ephemeral range (32768+), where `port: 0` servers and outgoing sockets never land. */
async function firstServer(db: string, rng: () => number): Promise<ReferenceServer> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    try {
      return await createServer({ port: between(rng, 20_000, 32_000), db, heartbeatMs: SERVER_HEARTBEAT_MS });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error('no free port for the server');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

// ---------------------------------------------------------------------------------------------------------------
// Frame recording, for reproductions: every frame each client's sockets send and receive (pings and pongs left out).

interface FrameRecord {
  t: number;
  user: string;
  /** `user#n`: the n-th socket this user opened. */
  socket: string;
  chat: string;
  /** Socket events and frames; `rest`: a history request (and its answer); `client-error`: the client's `error` event. */
  dir: 'out' | 'in' | 'open' | 'close' | 'error' | 'rest' | 'client-error';
  type?: string;
  seq?: number;
  client_id?: string | null;
  last_seq?: number | null;
  code?: string | number;
  note?: string;
}

function recordingWebSocket(user: string, chatLabel: (chatId: string) => string, frames: FrameRecord[], t0: number) {
  let serial = 0;
  return class RecordingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      serial += 1;
      const socket = `${user}#${serial}`;
      const chatId = decodeURIComponent(/\/ws\/chat\/([^/?]+)/.exec(url)?.[1] ?? '');
      const chat = chatId ? chatLabel(chatId) : 'personal';
      const record = (entry: Omit<FrameRecord, 't' | 'user' | 'socket' | 'chat'>) => frames.push({ t: Date.now() - t0, user, socket, chat, ...entry });
      const describe = (text: string) => {
        try {
          const frame = JSON.parse(text) as { type: string; data?: Record<string, unknown> };
          const data = frame.data ?? {};
          return {
            type: frame.type,
            ...(typeof data.seq === 'number' ? { seq: data.seq } : {}),
            ...('client_id' in data ? { client_id: data.client_id as string | null } : {}),
            ...('last_seq' in data ? { last_seq: data.last_seq as number | null } : {}),
            ...(typeof data.code === 'string' ? { code: data.code } : {}),
          };
        } catch {
          return { type: '(unparsable)', note: text.slice(0, 80) };
        }
      };
      this.on('open', () => record({ dir: 'open' }));
      this.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
        const text = isBinary ? '' : data.toString();
        const described = describe(text);
        if (described.type !== 'pong') record({ dir: 'in', ...described });
      });
      this.on('close', (code: number, reason: Buffer) => record({ dir: 'close', code, note: reason.toString() }));
      this.on('error', (error: Error) => record({ dir: 'error', note: error.message }));
      const send = this.send.bind(this) as (data: string, ...rest: unknown[]) => void;
      this.send = ((data: string, ...rest: unknown[]) => {
        const described = describe(String(data));
        if (described.type !== 'ping') record({ dir: 'out', ...described });
        send(data, ...rest);
      }) as typeof this.send;
    }
  };
}

/** A `fetch` that records every history request a client makes (gap fills) and how it ended. */
function recordingFetch(user: string, chatLabel: (chatId: string) => string, frames: FrameRecord[], t0: number): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    const history = /\/chats\/([^/]+)\/messages$/.exec(url.pathname);
    if (!history) return fetch(input, init);
    const record = (note: string) =>
      frames.push({ t: Date.now() - t0, user, socket: 'rest', chat: chatLabel(decodeURIComponent(history[1]!)), dir: 'rest', note: `${url.search} ${note}` });
    record('→');
    try {
      const response = await fetch(input, init);
      const body = (await response.clone().json().catch(() => null)) as { messages?: { seq: number }[]; has_more?: boolean } | null;
      const seqs = body?.messages?.map((m) => m.seq) ?? [];
      record(`← ${response.status} ${body ? `seqs ${seqs.length ? `${seqs[0]}-${seqs.at(-1)}` : 'none'} has_more=${body.has_more}` : 'unreadable body'}`);
      return response;
    } catch (error) {
      record(`← failed: ${(error as Error).message}`);
      throw error;
    }
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The scenario, drawn from the seed before anything runs.

interface PlannedSend {
  at: number;
  chat: number;
  content: string;
}
type FaultSpec =
  | { kind: 'cut'; all: boolean; afterBytes?: number; direction: Direction; reset: boolean; armedMs: number; on: 'ws' | 'http' }
  | { kind: 'stall'; all: boolean; ms: number; direction: Directions; on: 'ws' | 'http' }
  | { kind: 'delay'; all: boolean; latencyMs: number; forMs: number; on: 'ws' | 'http' }
  | { kind: 'split'; all: boolean; forMs: number; on: 'ws' | 'http' }
  | { kind: 'refuse'; ms: number };

/** Fault kinds in fixed proportions, shuffled per bag: every kind is injected, whatever the seed. */
const FAULT_BAG: FaultKind[] = ['cut', 'cut', 'cut', 'cut', 'stall', 'stall', 'stall', 'delay', 'delay', 'split', 'split', 'refuse'];

function planFault(rng: () => number, kind: FaultKind): FaultSpec {
  // Mostly sockets; the rest on REST connections, where the client fetches missed messages.
  const on = chance(rng, 0.7) ? ('ws' as const) : ('http' as const);
  switch (kind) {
    case 'cut':
      return {
        kind,
        all: chance(rng, 0.05),
        ...(chance(rng, 0.4) ? {} : { afterBytes: between(rng, 0, 400) }),
        direction: chance(rng, 0.3) ? 'up' : 'down',
        reset: chance(rng, 0.5),
        // On an idle keep-alive REST connection, a cut armed this long lands in the middle of the next request.
        armedMs: on === 'http' ? between(rng, 300, 3000) : 300,
        on,
      };
    case 'stall':
      return {
        kind,
        all: chance(rng, 0.1),
        // Some long enough to trip the client's heartbeat (500 + 400 ms) or even the server's (2 × 1000 ms).
        ms: chance(rng, 0.3) ? between(rng, 900, 2500) : between(rng, 50, 700),
        direction: oneOf(rng, ['both', 'up', 'down'] as const),
        on,
      };
    case 'delay':
      return { kind, all: chance(rng, 0.15), latencyMs: between(rng, 10, 250), forMs: between(rng, 300, 2500), on };
    case 'split':
      return { kind, all: chance(rng, 0.15), forMs: between(rng, 200, 1500), on };
    case 'refuse':
      return { kind, ms: between(rng, 100, 700) };
  }
}

function planScenario(seed: number) {
  const rng = prng(seed);
  const userCount = between(rng, 4, 6);
  const members: number[][] = [[], [], []];
  for (let u = 0; u < userCount; u += 1) {
    for (let c = 0; c < 3; c += 1) if (c === u % 3 || chance(rng, 0.45)) members[c]!.push(u);
  }
  for (const list of members) {
    while (list.length < 2) {
      const u = between(rng, 0, userCount - 1);
      if (!list.includes(u)) list.push(u);
    }
    list.sort((x, y) => x - y);
  }
  const sends: PlannedSend[][] = [];
  for (let u = 0; u < userCount; u += 1) {
    const mine = [0, 1, 2].filter((c) => members[c]!.includes(u));
    const count = between(rng, 30, 45);
    const times = Array.from({ length: count }, () => Math.floor(rng() * SEND_PHASE_MS)).sort((x, y) => x - y);
    sends.push(
      times.map((at, i) => {
        // One in eight is long enough (> 1 KiB) to be deflated by the server: compressed frames get cut and split too.
        const padding = chance(rng, 0.125) ? ' ' + 'lorem ipsum '.repeat(between(rng, 100, 400)) : '';
        return { at, chat: oneOf(rng, mine), content: `u${u} #${i} seed ${seed}${padding}` };
      }),
    );
  }
  const faults: { at: number; spec: FaultSpec }[] = [];
  let bag: FaultKind[] = [];
  const faultTimes = Array.from({ length: PLANNED_FAULTS }, () => between(rng, 300, SEND_PHASE_MS + FAULT_TAIL_MS - 100)).sort((x, y) => x - y);
  const nextKind = () => {
    if (bag.length === 0) {
      bag = [...FAULT_BAG];
      for (let i = bag.length - 1; i > 0; i -= 1) {
        const j = Math.floor(rng() * (i + 1));
        [bag[i], bag[j]] = [bag[j]!, bag[i]!];
      }
    }
    return bag.pop()!;
  };
  for (const at of faultTimes) faults.push({ at, spec: planFault(rng, nextKind()) });
  const restartCount = chance(rng, 0.5) ? 3 : 2;
  const restarts = Array.from({ length: restartCount }, (_, k) => ({
    at: Math.floor((SEND_PHASE_MS * (k + 1)) / (restartCount + 1) + (rng() - 0.5) * 0.1 * SEND_PHASE_MS),
    downMs: between(rng, 150, 1500),
  }));
  return { rng, userCount, members, sends, faults, restarts, nextKind };
}

// ---------------------------------------------------------------------------------------------------------------

it(
  `every message every client sent is in every member's store exactly once, in seq order, through ≥ ${MIN_FAULTS} faults (seed ${SEED})`,
  async () => {
    console.log(`fault-injection: seed=${SEED} (replay with FAULT_SEED=${SEED})`);
    const started = Date.now();
    const plan = planScenario(SEED);
    const dir = mkdtempSync(join(tmpdir(), 'natter-fault-'));
    const db = join(dir, 'natter.db');
    let server = await firstServer(db, plan.rng);
    const port = server.port;
    const proxy = await TcpProxy.start({ targetPort: port, random: prng(SEED ^ 0x5bd1e995) });
    const clients: ChatClient[] = [];
    const frames: FrameRecord[] = [];
    const clientErrors: Record<string, number> = {};
    let restarts = 0;
    /** Set when the test ends early (a throw): the loops below stop instead of outliving it. */
    let stopping = false;

    try {
      // Setup, without faults: users, chats, clients joined and holding their first page of history (as useChat does).
      const sessions: Session[] = [];
      for (let u = 0; u < plan.userCount; u += 1) sessions.push(await login(server.url, `fault_u${u}`));
      const chatIds: string[] = [];
      const restFor = (session: Session) => createRestClient({ baseUrl: server.url, getToken: () => session.access_token });
      for (let c = 0; c < 3; c += 1) {
        const [creator, ...others] = plan.members[c]!;
        const chat = await restFor(sessions[creator!]!).createChat(`chat ${c}`, others.map((u) => sessions[u]!.user.id));
        chatIds.push(chat.id);
      }
      const chatLabel = (chatId: string) => `c${chatIds.indexOf(chatId)}`;
      const chatsOf = (u: number) => [0, 1, 2].filter((c) => plan.members[c]!.includes(u));
      for (let u = 0; u < plan.userCount; u += 1) {
        const session = sessions[u]!;
        const client = createChatClient({
          baseUrl: proxy.url,
          getToken: () => session.access_token,
          currentUser: session.user,
          WebSocket: recordingWebSocket(`u${u}`, chatLabel, frames, started),
          fetch: recordingFetch(`u${u}`, chatLabel, frames, started),
          backoff: CLIENT_BACKOFF,
          heartbeat: CLIENT_HEARTBEAT,
        });
        client.on('error', (error) => {
          clientErrors[error.code] = (clientErrors[error.code] ?? 0) + 1;
          const chat = error.details.chatId === undefined ? '-' : chatLabel(error.details.chatId);
          frames.push({ t: Date.now() - started, user: `u${u}`, socket: '-', chat, dir: 'client-error', code: error.code, note: error.message });
        });
        clients.push(client);
        for (const c of chatsOf(u)) {
          client.joinChat(chatIds[c]!);
          await client.loadHistory(chatIds[c]!);
        }
      }
      await until(10_000, () => clients.every((client, u) => chatsOf(u).every((c) => client.getConnection(chatIds[c]!)?.status === 'open')));

      // The run: senders, faults and restarts at once.
      const t0 = Date.now();
      const sent: SentMessage[] = [];
      const senders = plan.sends.map(async (schedule, u) => {
        for (const send of schedule) {
          await sleep(t0 + send.at - Date.now());
          if (stopping) return;
          const clientId = clients[u]!.sendMessage(chatIds[send.chat]!, send.content);
          sent.push({ clientId, user: u, chat: send.chat, content: send.content, at: Date.now() - started });
        }
      });

      const applyFault = (spec: FaultSpec): boolean => {
        if (spec.kind === 'refuse') return proxy.refuse(spec.ms);
        const target = spec.all ? 'all' : (proxy.pick(spec.on) ?? proxy.pick());
        if (!target) return false;
        switch (spec.kind) {
          case 'cut':
            return proxy.cut(target, spec.afterBytes === undefined ? { reset: spec.reset } : { afterBytes: spec.afterBytes, direction: spec.direction, reset: spec.reset, armedMs: spec.armedMs });
          case 'stall':
            return proxy.stall(target, spec.ms, spec.direction);
          case 'delay':
            return proxy.delay(target, spec.latencyMs, spec.forMs);
          case 'split':
            return proxy.split(target, spec.forMs);
        }
      };
      const faultLoop = (async () => {
        const missed: FaultSpec[] = [];
        for (const { at, spec } of plan.faults) {
          await sleep(t0 + at - Date.now());
          if (stopping) return;
          // A fault that found nothing to hit (every connection down) is retried at the next tick.
          const todo = [...missed.splice(0), spec];
          for (const item of todo) if (!applyFault(item)) missed.push(item);
        }
        // Top up to the floor if too many found nothing to hit, bounded.
        for (let extra = 0; !stopping && proxy.total + restarts < MIN_FAULTS + 10 && extra < 400; extra += 1) {
          await sleep(100);
          applyFault(planFault(plan.rng, plan.nextKind()));
        }
      })();

      const restartLoop = (async () => {
        for (const { at, downMs } of plan.restarts) {
          await sleep(t0 + at - Date.now());
          if (stopping) return;
          proxy.log('restart: closing server');
          await server.close();
          proxy.log('restart: server closed', undefined, `down for ${downMs} ms`);
          await sleep(downMs);
          server = await startServer(port, db);
          restarts += 1;
          proxy.log('restart: server up');
        }
      })();

      await Promise.all([...senders, faultLoop, restartLoop]);
      proxy.calm();
      const faultsStopped = Date.now();

      // Settle: every client holds everything the server holds and nothing is left pending. The test only waits.
      const rest = [0, 1, 2].map((c) => restFor(sessions[plan.members[c]![0]!]!));
      const history = async (c: number): Promise<Message[]> => {
        const all: Message[] = [];
        for (let after = 0, pages = 0; pages < 100; pages += 1) {
          const page = await rest[c]!.history(chatIds[c]!, { after, limit: 200 });
          all.push(...page.messages);
          if (!page.has_more || page.messages.length === 0) break;
          after = page.messages.at(-1)!.seq;
        }
        return all;
      };
      const settled = (histories: Message[][]) =>
        sent.every((s) => histories[s.chat]!.some((m) => m.client_id === s.clientId)) &&
        clients.every((client, u) =>
          chatsOf(u).every((c) => {
            const messages = selectChat(client.store.getState(), chatIds[c]!).messages;
            return messages.every((m) => m.seq !== null) && messages.length === histories[c]!.length;
          }),
        );
      let histories: Message[][] = [];
      let caughtUp = false;
      while (Date.now() - faultsStopped < SETTLE_DEADLINE_MS) {
        histories = await Promise.all([0, 1, 2].map(history));
        if (settled(histories)) {
          caughtUp = true;
          break;
        }
        await sleep(200);
      }
      const settleMs = Date.now() - faultsStopped;
      // A late duplicate would still land: look again after a quiet moment.
      await sleep(500);
      histories = await Promise.all([0, 1, 2].map(history));

      // The verdict.
      const { lost, duplicated, misordered, stuck, problems, focus } = audit({
        userIds: sessions.map((s) => s.user.id),
        members: plan.members,
        sent,
        histories,
        store: (u, c) => selectChat(clients[u]!.store.getState(), chatIds[c]!).messages,
      });
      const elapsed = ((Date.now() - started) / 1000).toFixed(1);
      const faults = proxy.total + restarts;
      const kinds = (Object.entries(proxy.counts) as [FaultKind, number][]).map(([kind, n]) => `${kind} ${n}`).join(', ');
      console.log(
        `fault-injection: seed=${SEED} faults=${faults} (${kinds}, restart ${restarts}) sent=${sent.length} lost=${lost} duplicated=${duplicated} misordered=${misordered} in ${elapsed}s`,
      );
      console.log(
        `fault-injection: users=${plan.userCount} chats=${plan.members.map((m, c) => `c${c}[${m.map((u) => `u${u}`).join(' ')}]=${histories[c]!.length}`).join(' ')}` +
          ` connections=${proxy.stats.accepted} refused=${proxy.stats.refused} upstream-down=${proxy.stats.upstreamFailed} cut-mid-stream=${proxy.stats.cutMidStream}` +
          ` reconnects=${clients.reduce((n, client) => n + client.metrics.getSnapshot().reconnects, 0)}` +
          ` client-errors=${JSON.stringify(clientErrors)} stuck=${stuck} settled=${caughtUp ? `${settleMs}ms` : 'NO (deadline)'}`,
      );

      if (problems.length > 0 || !caughtUp) {
        const report = join(tmpdir(), `natter-fault-seed${SEED}-${Date.now()}.json`);
        writeFileSync(
          report,
          JSON.stringify(
            {
              seed: SEED,
              problems,
              members: plan.members,
              chatIds,
              users: sessions.map((s) => s.user.id),
              sent,
              servers: histories.map((h) => h.map((m) => ({ seq: m.seq, id: m.id, sender: m.sender_id, client_id: m.client_id }))),
              stores: clients.map((client, u) =>
                Object.fromEntries(
                  chatsOf(u).map((c) => [
                    `c${c}`,
                    selectChat(client.store.getState(), chatIds[c]!).messages.map((m) => ({ seq: m.seq, id: m.id, client_id: m.client_id, status: m.status })),
                  ]),
                ),
              ),
              connections: clients.map((client) => client.store.getState().connections),
              proxy: proxy.events,
              frames,
            },
            null,
            1,
          ),
        );
        console.log(`fault-injection: ${problems.length} problem(s); full report (frames, proxy log, stores): ${report}`);
        for (const problem of problems.slice(0, 30)) console.log(`  - ${problem}`);
        for (const f of focus.slice(0, 5)) {
          const related = frames.filter(
            (r) =>
              r.chat === `c${f.chat}` &&
              ((f.clientId !== undefined && r.client_id === f.clientId) ||
                (f.seq !== undefined && r.seq === f.seq && r.user === `u${f.user}`) ||
                (r.user === `u${f.user}` && (r.dir === 'open' || r.dir === 'close' || r.dir === 'rest' || r.dir === 'client-error' || r.type === 'connected'))),
          );
          console.log(`  frames for u${f.user} c${f.chat} ${f.clientId ?? ''} ${f.seq ?? ''}:`);
          for (const r of related.slice(-60)) console.log(`    ${JSON.stringify(r)}`);
        }
      }

      expect(problems, `problems (seed ${SEED})`).toEqual([]);
      expect(caughtUp, `every client caught up within ${SETTLE_DEADLINE_MS} ms of the faults stopping`).toBe(true);
      expect({ lost, duplicated, misordered, stuck }).toEqual({ lost: 0, duplicated: 0, misordered: 0, stuck: 0 });
      expect(faults).toBeGreaterThanOrEqual(MIN_FAULTS);
      expect(restarts).toBeGreaterThanOrEqual(2);
      for (const kind of Object.keys(proxy.counts) as FaultKind[]) expect(proxy.counts[kind], kind).toBeGreaterThan(0);
    } finally {
      stopping = true;
      for (const client of clients) client.destroy();
      await proxy.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
  110_000,
);

/** Polls `check` every 20 ms until true; throws after `timeout`. */
async function until(timeout: number, check: () => boolean): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeout} ms`);
    await sleep(20);
  }
}
