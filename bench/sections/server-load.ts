import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { startBenchServer, type BenchServer, type BenchUser, type ServerStats } from '../lib/bench-server.ts';
import { round, summarize, type Summary } from '../lib/stats.ts';
import type { Table } from '../lib/table.ts';

/**
 * Server under a bounded load: `rooms` chats of `roomSize` members, every member on its own chat socket (2,000
 * concurrent connections by default), all raw `ws` clients in this process against the reference server in its own.
 * Two phases on the same sockets: steady (each room sends `ratePerRoom` messages a second for `durationS` seconds, from
 * its members in turn) and burst (each room sends `burstPerRoom` at once). Every message carries its send time, so
 * each member that receives it yields one fan-out latency (send → receipt). Nothing is open-ended: the connection
 * count, the number of sends and the time allowed are all fixed, and the section gives up after a hard limit.
 *
 * The server keeps its default per-connection rate limit: no member sends more than one message per phase or so.
 */

export interface ServerLoadOptions {
  rooms?: number;
  roomSize?: number;
  ratePerRoom?: number;
  durationS?: number;
  burstPerRoom?: number;
  log: (line: string) => void;
}

const CONNECT_CONCURRENCY = 50;
const DRAIN_MS = 10_000;
const HARD_LIMIT_MS = 150_000;
const TICK_MS = 5;
const MARK = 'L|';

interface Member {
  user: BenchUser;
  room: number;
  ws: WebSocket;
}

/** Everything the clients observe, counted as it happens. */
class Observations {
  fanOut: number[] = [];
  acks: number[] = [];
  errors = new Map<string, number>();
  unexpectedCloses = 0;
  lastDelivery = 0;
  lastAck = 0;
  closing = false;

  /** A new phase: counts start over (unexpected closes are counted for the whole run). */
  reset(): void {
    this.fanOut = [];
    this.acks = [];
    this.errors = new Map();
    this.lastDelivery = this.lastAck = 0;
  }

  count(code: string): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }
}

function connect(server: BenchServer, chatId: string, user: BenchUser, room: number, seen: Observations): Promise<Member> {
  const ws = new WebSocket(`${server.wsUrl}/api/v1/ws/chat/${encodeURIComponent(chatId)}?token=${encodeURIComponent(user.token)}`);
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { type: string; data: { content?: string; sender_id?: string; code?: string } };
    if (frame.type === 'new_message' && frame.data.content?.startsWith(MARK)) {
      const now = performance.now();
      const latency = now - Number(frame.data.content.slice(MARK.length, frame.data.content.indexOf('|', MARK.length)));
      if (frame.data.sender_id === user.id) {
        seen.acks.push(latency);
        seen.lastAck = now;
      } else {
        seen.fanOut.push(latency);
        seen.lastDelivery = now;
      }
    } else if (frame.type === 'error') {
      seen.count(frame.data.code ?? 'error');
    }
  });
  let open = false;
  ws.on('close', () => {
    if (open && !seen.closing) seen.unexpectedCloses += 1;
  });
  return new Promise((resolve, reject) => {
    // Connected once the server's `connected` frame arrives: authenticated and in the room's fan-out.
    const onFirst = () => {
      open = true;
      resolve({ user, room, ws });
    };
    ws.once('message', onFirst);
    ws.once('error', reject);
    ws.once('close', (code) => reject(new Error(`socket closed during connect (${code})`)));
  });
}

async function connectAll(server: BenchServer, seen: Observations, deadline: number): Promise<{ members: Member[]; failed: number }> {
  const queue = server.rooms.flatMap((room, i) => room.members.map((user) => ({ chatId: room.chatId, user, room: i })));
  const members: Member[] = [];
  let failed = 0;
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (Date.now() > deadline) throw new Error('server load: connecting took past the hard time limit');
      try {
        members.push(await connect(server, next.chatId, next.user, next.room, seen));
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, worker));
  return { members, failed };
}

/**
 * Sends `perRoom` messages in every room, from its members in turn: `ratePerRoom` a second, or all at once when the
 * rate is Infinity. Returns how many were sent.
 */
async function drive(byRoom: Member[][], perRoom: number, ratePerRoom: number, phase: string): Promise<number> {
  const start = performance.now();
  const sent = byRoom.map(() => 0);
  const total = perRoom;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = performance.now() - start;
      byRoom.forEach((members, room) => {
        // Rooms take turns (room r starts r/rooms of an interval late), so sends are spread evenly, not in lockstep.
        const offset = 1 - room / byRoom.length;
        const due = Number.isFinite(ratePerRoom) ? Math.min(total, Math.floor((elapsed / 1000) * ratePerRoom + offset)) : total;
        while (sent[room]! < due) {
          const k = sent[room]!;
          const member = members[k % members.length]!;
          // A client_id is per sender and per phase: a repeated one would be answered as a retry, not fanned out.
          sent[room] = k + 1;
          const content = `${MARK}${performance.now()}|room ${room} message ${k}`;
          member.ws.send(JSON.stringify({ type: 'send_message', data: { content, message_type: 'text', client_id: `${phase}-${room}-${k}` } }));
        }
      });
      if (sent.every((n) => n >= total)) {
        clearInterval(tick);
        resolve();
      }
    }, TICK_MS);
  });
  return sent.reduce((a, b) => a + b, 0);
}

/** One phase's outcome. Rates are counts over the time from the first send to the last arrival. */
interface PhaseResult {
  sent: number;
  acknowledged: number;
  fanOut: Summary & { expected: number; missing: number };
  ack: Summary;
  messagesPerSecond: number;
  deliveriesPerSecond: number;
  errors: Record<string, number>;
  server: { cpuPercent: number; eventLoopUtilization: number; rssMiB: number };
  clientEventLoopUtilization: number;
}

async function runPhase(
  phase: string,
  server: BenchServer,
  byRoom: Member[][],
  seen: Observations,
  perRoom: number,
  rate: number,
  deadline: number,
): Promise<PhaseResult> {
  seen.reset();
  await server.stats();
  const clientElu = performance.eventLoopUtilization();
  const start = performance.now();
  const sent = await drive(byRoom, perRoom, rate, phase);
  const expected = byRoom.reduce((sum, list) => sum + perRoom * (list.length - 1), 0);
  const drainDeadline = performance.now() + Math.min(DRAIN_MS, Math.max(0, deadline - Date.now()));
  while ((seen.fanOut.length < expected || seen.acks.length < sent) && performance.now() < drainDeadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const stats: ServerStats = await server.stats();
  const seconds = (end: number) => Math.max(1e-3, (end - start) / 1000);
  return {
    sent,
    acknowledged: seen.acks.length,
    fanOut: { ...summarize(seen.fanOut), expected, missing: Math.max(0, expected - seen.fanOut.length) },
    ack: summarize(seen.acks),
    messagesPerSecond: seen.acks.length / seconds(seen.lastAck),
    deliveriesPerSecond: seen.fanOut.length / seconds(seen.lastDelivery),
    errors: Object.fromEntries(seen.errors),
    server: { cpuPercent: (100 * stats.cpuMs) / stats.wallMs, eventLoopUtilization: stats.elu, rssMiB: stats.rssMiB },
    clientEventLoopUtilization: performance.eventLoopUtilization(clientElu).utilization,
  };
}

const failuresOf = (p: PhaseResult) => p.fanOut.missing + (p.sent - p.acknowledged) + Object.values(p.errors).reduce((a, b) => a + b, 0);

/**
 * Connects every member, then runs two phases on the same sockets: a steady rate (latency at a load the server
 * sustains) and a burst (every room sends its messages at once: how many messages and deliveries a second the
 * server gets through).
 *
 * @example
 * const { results, tables } = await runServerLoad({ log: console.log });
 */
export async function runServerLoad(options: ServerLoadOptions): Promise<{ results: object; tables: Table[] }> {
  const rooms = options.rooms ?? 20;
  const roomSize = options.roomSize ?? 100;
  const ratePerRoom = options.ratePerRoom ?? 2;
  const durationS = options.durationS ?? 20;
  const burstPerRoom = options.burstPerRoom ?? 50;
  const deadline = Date.now() + HARD_LIMIT_MS;
  options.log(`server: seeding ${rooms} rooms of ${roomSize} and starting the server`);
  const server = await startBenchServer({ rooms, size: roomSize });
  const seen = new Observations();
  let members: Member[] = [];
  try {
    const connectStart = performance.now();
    const connected = await connectAll(server, seen, deadline);
    members = connected.members;
    const connectS = (performance.now() - connectStart) / 1000;
    options.log(`server: ${members.length} sockets connected in ${connectS.toFixed(1)} s (${connected.failed} failed)`);
    // The presence frames of the last arrivals settle before any clock starts.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const byRoom = Array.from({ length: rooms }, (_, room) => members.filter((m) => m.room === room));

    options.log(`server: steady, ${ratePerRoom} messages/s in each room for ${durationS} s`);
    const steady = await runPhase('steady', server, byRoom, seen, Math.round(ratePerRoom * durationS), ratePerRoom, deadline);
    options.log(`server: burst, ${burstPerRoom} messages at once in each room`);
    const burst = await runPhase('burst', server, byRoom, seen, burstPerRoom, Infinity, deadline);

    const results = {
      unit: 'ms',
      load: { rooms, roomSize, connections: members.length, connectFailures: connected.failed, connectSeconds: connectS, ratePerRoom, durationS, burstPerRoom },
      steady,
      burst,
      unexpectedCloses: seen.unexpectedCloses,
    };
    const both = (f: (p: PhaseResult) => string | number) => [f(steady), f(burst)];
    return {
      results,
      tables: [
        {
          title: `Server: ${members.length} connections (${rooms} rooms of ${roomSize}), connected in ${connectS.toFixed(1)} s, ${connected.failed} failed`,
          columns: ['measure', `steady: ${ratePerRoom}/s per room, ${durationS} s`, `burst: ${burstPerRoom} per room at once`],
          rows: [
            ['messages sent / acknowledged', ...both((p) => `${p.sent} / ${p.acknowledged}`)],
            ['messages/s', ...both((p) => round(p.messagesPerSecond))],
            ['fan-out deliveries/s', ...both((p) => round(p.deliveriesPerSecond))],
            ['fan-out latency p50 (ms)', ...both((p) => round(p.fanOut.p50))],
            ['fan-out latency p99 (ms)', ...both((p) => round(p.fanOut.p99))],
            ['sender ack p50 / p99 (ms)', ...both((p) => `${round(p.ack.p50)} / ${round(p.ack.p99)}`)],
            ['failures: missing deliveries, unacknowledged, error frames', ...both((p) => `${failuresOf(p)}: ${p.fanOut.missing}, ${p.sent - p.acknowledged}, ${JSON.stringify(p.errors)}`)],
            ['server CPU / event loop busy', ...both((p) => `${round(p.server.cpuPercent)} % / ${round(100 * p.server.eventLoopUtilization)} %`)],
            ['bench clients event loop busy', ...both((p) => `${round(100 * p.clientEventLoopUtilization)} %`)],
          ],
          notes: [
            `Sockets closed unexpectedly during the run: ${seen.unexpectedCloses}.`,
            'Fan-out latency: from the sender\'s send() to each other member\'s receipt; rates: count ÷ (last arrival − first send).',
            'Clients and server share the machine: if the clients\' event loop is near 100 %, latency includes their own queueing.',
          ],
        },
      ],
    };
  } finally {
    seen.closing = true;
    for (const member of members) member.ws.terminate();
    await server.stop();
  }
}
