import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectChat, type ChatClient, type Message, type Session } from 'natter';
import type { Focus, SentMessage } from './audit';
import type { FrameRecord } from './frame-recorder';
import type { TcpProxy } from './tcp-proxy';

/** Everything a failed fault-injection run leaves behind, for its report. */
export interface FailedRun {
  seed: number;
  problems: string[];
  focus: Focus[];
  plan: { members: number[][] };
  chatIds: string[];
  sessions: Session[];
  sent: SentMessage[];
  /** The server's copy of each chat. */
  histories: Message[][];
  clients: ChatClient[];
  chatsOf: (u: number) => number[];
  proxy: TcpProxy;
  frames: FrameRecord[];
}

/**
 * Writes the full report of a failed run (sends, server histories, client stores, proxy log, frames) to a JSON file
 * in the temp folder, and logs the problems and the frames around the first few of them.
 */
export function writeFailureReport(run: FailedRun): void {
  const { seed: SEED, problems, focus, plan, chatIds, sessions, sent, histories, clients, chatsOf, proxy, frames } = run;
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
