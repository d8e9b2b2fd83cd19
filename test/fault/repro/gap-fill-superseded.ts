/**
 * Reproduction: a gap fill already in flight swallows a newer one, silently. Run:
 *   npx tsx test/fault/repro/gap-fill-superseded.ts   (exits 1 while the bug is there)
 *
 * Bo reconnects and sees `connected.last_seq` 3 while holding 1: a fill (after=1) starts. Its answer ([2, 3]) is
 * slow to come back (a stalled or delayed REST connection). Meanwhile Bo's socket drops again, 4 and 5 are written,
 * and the next `connected` says 5: `fillGap()` returns the fill already in flight (`this.filling ??= …`), which ends
 * at 3. No hole below the newest held message, so no `gap_unfilled`, `discontinuous` stays false: Bo holds [1, 2, 3]
 * with the server at [1..5], and nothing fetches 4 and 5 until someone writes in the chat or the socket reconnects.
 * Found against commit 00ca830; the working tree's `refillFrom` in chat-channel.ts fixes it (this now exits 0): kept
 * as a regression check.
 */
import WebSocket from 'ws';
import { createChatClient, login, selectChat } from '../../../src/index';
import { TcpProxy } from '../tcp-proxy';

const SERVER_ENTRY = '@natter/server';
const { createServer } = (await import(SERVER_ENTRY)) as {
  createServer(o: object): Promise<{ url: string; port: number; close(): Promise<void> }>;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timeout');
    await sleep(10);
  }
}

const server = await createServer({ port: 0, db: ':memory:' });
const proxy = await TcpProxy.start({ targetPort: server.port });
const ana = await login(server.url, 'ana');
const bo = await login(server.url, 'bo');
let hold: Promise<void> | null = null;
let release = () => {};
let historyCalls = 0;
const a = createChatClient({ baseUrl: server.url, getToken: () => ana.access_token, currentUser: ana.user, WebSocket, backoff: { initialMs: 20, maxMs: 100 } });
const b = createChatClient({
  baseUrl: proxy.url,
  getToken: () => bo.access_token,
  currentUser: bo.user,
  WebSocket,
  backoff: { initialMs: 20, maxMs: 100 },
  heartbeat: { intervalMs: 500, timeoutMs: 400 },
  // The server answers at once; the answer reaches the client late (as through a stalled connection).
  fetch: async (input, init) => {
    const response = await fetch(input, init);
    if (String(input).includes('/messages')) {
      historyCalls += 1;
      if (hold) await hold;
    }
    return response;
  },
});
const errors: string[] = [];
b.on('error', (e) => errors.push(e.code));
const chat = await a.rest.createChat('Team', [bo.user.id]);
a.joinChat(chat.id);
b.joinChat(chat.id);
await b.loadHistory(chat.id);
await until(() => a.getConnection(chat.id)?.status === 'open' && b.getConnection(chat.id)?.status === 'open');
const lastSeq = (client: typeof a) => selectChat(client.store.getState(), chat.id).lastSeq;

a.sendMessage(chat.id, 'one');
await until(() => lastSeq(b) === 1);

/** Bo's socket stops delivering, Ana writes `texts`, Bo's socket is cut; resolves once Bo is back. */
async function missWhileAway(texts: string[]) {
  const socket = proxy.pick('ws')!;
  proxy.stall(socket, 60_000, 'down');
  const target = lastSeq(a) + texts.length;
  for (const text of texts) a.sendMessage(chat.id, text);
  await until(() => lastSeq(a) === target);
  proxy.cut(socket);
  await sleep(50);
  await until(() => b.getConnection(chat.id)?.status === 'open' && proxy.live('ws').length === 1);
}

hold = new Promise<void>((resolve) => (release = resolve));
const callsBefore = historyCalls;
await missWhileAway(['two', 'three']); // connected.last_seq 3: fill after=1 starts, its answer held back
await until(() => historyCalls === callsBefore + 1);
await missWhileAway(['four', 'five']); // connected.last_seq 5: fillGap() returns the fill in flight
hold = null;
release();

await sleep(5000);
const held = selectChat(b.store.getState(), chat.id);
const onServer = (await a.rest.history(chat.id)).messages.map((m) => m.seq);
console.log(
  `bo holds seqs [${held.messages.map((m) => m.seq)}] (discontinuous=${(held as { discontinuous?: boolean }).discontinuous}), server holds [${onServer}], ` +
    `bo's socket ${b.getConnection(chat.id)?.status}, history calls ${historyCalls - callsBefore}, errors ${JSON.stringify(errors)}`,
);
const lost = held.messages.length !== onServer.length;
console.log(lost ? 'BUG: seqs 4 and 5 never reached Bo' : 'ok: Bo caught up');
a.destroy();
b.destroy();
await proxy.close();
await server.close();
process.exit(lost ? 1 : 0);
