import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startBenchServer, type BenchUser } from '../lib/bench-server.ts';
import { ratio, round, summarize, type Summary } from '../lib/stats.ts';
import type { Table } from '../lib/table.ts';

/**
 * Round trip: `send_message` out, its `new_message` echo (matched by `client_id`) back, one message at a time, through
 * the reference server on loopback. The kit's ChatClient (from dist/, what ships) against a raw `ws` client sending
 * the same frames: the floor. Each client has its own single-member chat, so no echo reaches the other, and they run
 * in mirrored blocks (A B B A…, after a warm-up) so drift (warm-up, GC, other load on the machine) spreads over both.
 *
 * Two patterns:
 * - back to back: the next send as soon as the echo lands, the kit with its defaults (in Node a batch is what
 *   arrives in one turn of the event loop: no frame to wait for).
 * - spaced: one message every 20 ms, the kit with its defaults: what a chat's typing pace sees. A lone message after
 *   a quiet frame goes through the batcher at once, so this should match the floor too.
 */

export interface RttOptions {
  root: string;
  /** Timed round trips per client in the back-to-back pattern (after warm-up). */
  samples?: number;
  /** Timed round trips per client in the spaced pattern. */
  spacedSamples?: number;
  log: (line: string) => void;
}

type Natter = typeof import('../../src/index.ts');
type Sender = () => Promise<number>;

/** Even, so the mirrored pairs of blocks (see `alternate`) are complete. */
const BLOCKS = 8;
/**
 * Round trips each client makes before anything is timed. The server's own path takes about 1,500 messages to
 * settle (a raw client's p50 falls from 0.2 to 0.14 ms over them), so a short warm-up left the first timed blocks
 * measuring the server's warm-up rather than the clients.
 */
const WARM_UP = 1000;
const SPACING_MS = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** The kit's client, joined to its chat; each call sends one message and resolves with the ms until it is confirmed. */
async function kitSender(natter: Natter, url: string, chatId: string, user: BenchUser) {
  const client = natter.createChatClient({
    baseUrl: url,
    getToken: () => user.token,
    currentUser: { id: user.id, username: user.username },
    WebSocket: WebSocket as unknown as NonNullable<Parameters<Natter['createChatClient']>[0]['WebSocket']>,
  });
  const release = client.joinChat(chatId);
  await until(() => client.getConnection(chatId)?.status === 'open', 'the kit to connect');
  let n = 0;
  const send: Sender = () =>
    new Promise((resolve, reject) => {
      const start = performance.now();
      const clientId = client.sendMessage(chatId, `kit round trip ${(n += 1)}`);
      const check = () => {
        const messages = client.store.getState().chats[chatId]?.messages ?? [];
        // The confirmed copy replaces the pending one in place, near the end; look at the last few only.
        for (let i = messages.length - 1; i >= Math.max(0, messages.length - 8); i -= 1) {
          const message = messages[i]!;
          if (message.client_id !== clientId) continue;
          if (message.status === 'failed') return done(new Error(`the kit's message failed: ${message.error?.message}`));
          if (message.seq !== null) return done(null);
        }
      };
      const done = (error: Error | null) => {
        unsubscribe();
        if (error) reject(error);
        else resolve(performance.now() - start);
      };
      const unsubscribe = client.store.subscribe(check);
      check();
    });
  return { send, close: () => (release(), client.destroy()) };
}

/** A bare `ws` socket on the chat: the least any client can do (serialize, send, parse, match). */
async function rawSender(wsUrl: string, chatId: string, user: BenchUser) {
  const ws = new WebSocket(`${wsUrl}/api/v1/ws/chat/${encodeURIComponent(chatId)}?token=${encodeURIComponent(user.token)}`);
  let waiting: { clientId: string; start: number; resolve: (ms: number) => void } | null = null;
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { type: string; data: { client_id?: string | null } };
    if (waiting && frame.type === 'new_message' && frame.data.client_id === waiting.clientId) {
      const { start, resolve } = waiting;
      waiting = null;
      resolve(performance.now() - start);
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let n = 0;
  const send: Sender = () =>
    new Promise((resolve) => {
      n += 1;
      const clientId = `raw-${n}-${Math.random().toString(36).slice(2)}`;
      waiting = { clientId, start: performance.now(), resolve };
      ws.send(JSON.stringify({ type: 'send_message', data: { content: `raw round trip ${n}`, message_type: 'text', client_id: clientId } }));
    });
  return { send, close: () => ws.close() };
}

async function collect(send: Sender, count: number, spacingMs: number, into: number[]): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    into.push(await send());
    if (spacingMs > 0) await sleep(Math.max(0, spacingMs - (performance.now() - started)));
  }
}

/**
 * Runs the two senders in blocks, ordered A B B A A B B A…, and returns both sample sets. Plain A B A B would give A
 * every earlier block, so anything that drifts one way during the run (the server and both clients still warming
 * up, the database growing) would count against A alone; in pairs of mirrored blocks a linear drift falls on both
 * equally.
 */
async function alternate(a: Sender, b: Sender, total: number, spacingMs: number): Promise<[number[], number[]]> {
  const samplesA: number[] = [];
  const samplesB: number[] = [];
  const block = Math.ceil(total / BLOCKS);
  const pairs: [Sender, number[]][] = [
    [a, samplesA],
    [b, samplesB],
  ];
  for (let i = 0; i < BLOCKS; i += 1) {
    for (const [send, into] of i % 2 === 0 ? pairs : [...pairs].reverse()) await collect(send, block, spacingMs, into);
  }
  return [samplesA, samplesB];
}

const row = (name: string, s: Summary, floor: Summary) => [
  name,
  s.count,
  round(s.p50),
  round(s.p99),
  round(s.mean),
  ratio(s.p50, floor.p50),
  ratio(s.p99, floor.p99),
];

/**
 * Measures both patterns and returns the JSON results and the printed table.
 *
 * @example
 * const { results, tables } = await runRtt({ root, log: console.log });
 */
export async function runRtt(options: RttOptions): Promise<{ results: object; tables: Table[] }> {
  const samples = options.samples ?? 2000;
  const spacedSamples = options.spacedSamples ?? 200;
  const natter = (await import(pathToFileURL(join(options.root, 'dist/index.js')).href)) as Natter;
  // Bounded, but high enough that a one-at-a-time loop never waits for a token: the limiter is not what is measured.
  const server = await startBenchServer({ rooms: 3, size: 1 }, { rateLimit: { burst: 1000, refillPerSecond: 20_000 } });
  try {
    const [kitRoom, rawRoom, defaultsRoom] = server.rooms;
    const kit = await kitSender(natter, server.url, kitRoom!.chatId, kitRoom!.members[0]!);
    const kitDefaults = await kitSender(natter, server.url, defaultsRoom!.chatId, defaultsRoom!.members[0]!);
    const raw = await rawSender(server.wsUrl, rawRoom!.chatId, rawRoom!.members[0]!);
    try {
      options.log(`rtt: warming up (${WARM_UP} round trips each)`);
      await alternate(kit.send, raw.send, WARM_UP, 0);
      await collect(kitDefaults.send, WARM_UP / 4, SPACING_MS, []);
      options.log(`rtt: ${samples} back-to-back round trips each, in ${BLOCKS} alternating blocks`);
      const [kitBack, rawBack] = await alternate(kit.send, raw.send, samples, 0);
      options.log(`rtt: ${spacedSamples} round trips each, one every ${SPACING_MS} ms`);
      const [kitSpaced, rawSpaced] = await alternate(kitDefaults.send, raw.send, spacedSamples, SPACING_MS);
      const s = {
        rawBack: summarize(rawBack),
        kitBack: summarize(kitBack),
        rawSpaced: summarize(rawSpaced),
        kitSpaced: summarize(kitSpaced),
      };
      const target = s.kitBack.p50 <= 1.2 * s.rawBack.p50;
      return {
        results: {
          unit: 'ms',
          backToBack: { raw: s.rawBack, kit: s.kitBack, p50Ratio: s.kitBack.p50 / s.rawBack.p50, p99Ratio: s.kitBack.p99 / s.rawBack.p99 },
          spaced: {
            spacingMs: SPACING_MS,
            raw: s.rawSpaced,
            kit: s.kitSpaced,
            p50Ratio: s.kitSpaced.p50 / s.rawSpaced.p50,
            p99Ratio: s.kitSpaced.p99 / s.rawSpaced.p99,
          },
          target: { p50WithinRatio: 1.2, met: target },
        },
        tables: [
          {
            title: 'Round trip: send → echo through the reference server on loopback (ms)',
            columns: ['client', 'samples', 'p50', 'p99', 'mean', 'p50 vs raw', 'p99 vs raw'],
            rows: [
              row('raw ws, back to back (floor)', s.rawBack, s.rawBack),
              row('natter ChatClient, back to back', s.kitBack, s.rawBack),
              row(`raw ws, one every ${SPACING_MS} ms (floor)`, s.rawSpaced, s.rawSpaced),
              row(`natter ChatClient, one every ${SPACING_MS} ms, defaults`, s.kitSpaced, s.rawSpaced),
            ],
            notes: [
              `Target: kit p50 within 1.2× of raw ws (back to back): ${target ? 'met' : 'NOT met'} (${ratio(s.kitBack.p50, s.rawBack.p50)}).`,
              'Both patterns run the kit with its defaults, frame batching on (see docs/performance.md).',
            ],
          },
        ],
      };
    } finally {
      kit.close();
      kitDefaults.close();
      raw.close();
    }
  } finally {
    await server.stop();
  }
}
