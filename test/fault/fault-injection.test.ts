import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createChatClient, createRestClient, selectChat, type ChatClient, type Message, type Session } from 'natter';
import { audit, type SentMessage } from './audit';
import { recordingFetch, recordingWebSocket, type FrameRecord } from './frame-recorder';
import { firstServer, startServer } from './reference-server';
import { writeFailureReport } from './report';
import { planFault, planScenario, prng, type FaultSpec } from './scenario';
import { TcpProxy, type FaultKind } from './tcp-proxy';
import { sleep, until } from './wait';
import { clientMetrics, login } from 'natter/features';

/*
 * Proof (issue 4): several clients in several chats, every byte between them and the real reference server going
 * through a proxy that cuts, stalls, delays and splits traffic and refuses connections, while the server is
 * restarted on the same database file. At the end every message sent must be in every member's store exactly once,
 * in seq order. Retrying is the client's job: the test never resends, reconnects or refetches for it.
 *
 * FAULT_SEED=<n> replays a scenario (the schedule of sends and faults; timing still varies from run to run).
 * FAULT_SEND_MS=<ms> changes the length of the sending phase (default 32 s).
 *
 * The scenario: scenario.ts; the server: reference-server.ts; frame recording: frame-recorder.ts; the failure report:
 * report.ts.
 */

// ---------------------------------------------------------------------------------------------------------------
// Knobs

const SEED = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) >>> 0 : Math.floor(Math.random() * 2 ** 32) >>> 0;
/** The issue's floor, restarts included. */
const MIN_FAULTS = 100;
const SETTLE_DEADLINE_MS = 30_000;
const CLIENT_HEARTBEAT = { intervalMs: 500, timeoutMs: 400 };
const CLIENT_BACKOFF = { initialMs: 20, maxMs: 300 };

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
        // Attached now, not at the report: metrics count from the moment they are attached.
        clientMetrics(client);
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
          ` reconnects=${clients.reduce((n, client) => n + clientMetrics(client).getSnapshot().reconnects, 0)}` +
          ` client-errors=${JSON.stringify(clientErrors)} stuck=${stuck} settled=${caughtUp ? `${settleMs}ms` : 'NO (deadline)'}`,
      );

      if (problems.length > 0 || !caughtUp) {
        writeFailureReport({ seed: SEED, problems, focus, plan, chatIds, sessions, sent, histories, clients, chatsOf, proxy, frames });
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
