/**
 * Reproduction: after failed fills leave a hole, a fill triggered by a live message starts above the hole (at the
 * store's lastSeq), and then reports the hole as gone from the server. Run:
 *   npx tsx test/fault/repro/gap-fill-above-hole.ts   (exits 1 while the bug is there)
 *
 * Bo holds [1]. While his socket is stalled, Ana writes 2, Bo writes b (stored as 3, its echo stuck) and Ana writes 4;
 * his socket is cut. On reconnect (`connected.last_seq` 4) the outbox resends b and the server answers with the
 * stored copy, seq 3; the gap fills (from 1) fail twice (a flaky REST connection). Bo holds [1, 3]: a hole at 2.
 * Ana writes 5; it arrives live, 5 > 3 + 1, so `ingest` calls `fillGap(3)`: the fill gets [4, 5], sees the hole at
 * 2 still there and emits gap_unfilled "The server no longer has some missed messages" — it never asked for 2,
 * which the server has. Nothing fetches 2 while the socket stays up.
 * (The same sequence ended the fault suite's seed 22 with a message missing: see the report.)
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
let failHistory = 0;
const a = createChatClient({ baseUrl: server.url, getToken: () => ana.access_token, currentUser: ana.user, WebSocket, backoff: { initialMs: 20, maxMs: 100 } });
const b = createChatClient({
  baseUrl: proxy.url,
  getToken: () => bo.access_token,
  currentUser: bo.user,
  WebSocket,
  backoff: { initialMs: 20, maxMs: 100 },
  heartbeat: { intervalMs: 500, timeoutMs: 400 },
  fetch: (input, init) => {
    if (failHistory > 0 && String(input).includes('/messages')) {
      failHistory -= 1;
      return Promise.reject(new TypeError('fetch failed'));
    }
    return fetch(input, init);
  },
});
const errors: string[] = [];
b.on('error', (e) => errors.push(`${e.code}: ${e.message}`));
const chat = await a.rest.createChat('Team', [bo.user.id]);
a.joinChat(chat.id);
b.joinChat(chat.id);
await b.loadHistory(chat.id);
await until(() => a.getConnection(chat.id)?.status === 'open' && b.getConnection(chat.id)?.status === 'open');
const seqs = (client: typeof a) => selectChat(client.store.getState(), chat.id).messages.map((m) => m.seq);
const lastSeq = (client: typeof a) => selectChat(client.store.getState(), chat.id).lastSeq;

a.sendMessage(chat.id, 'one');
await until(() => lastSeq(b) === 1);

const socket = proxy.pick('ws')!;
proxy.stall(socket, 60_000, 'down');
a.sendMessage(chat.id, 'two');
await until(() => lastSeq(a) === 2);
b.sendMessage(chat.id, 'b');
await until(() => lastSeq(a) === 3);
a.sendMessage(chat.id, 'four');
await until(() => lastSeq(a) === 4);
failHistory = 2;
proxy.cut(socket);
await until(() => b.getConnection(chat.id)?.status === 'open' && failHistory === 0 && seqs(b).includes(3));
await sleep(300);
console.log(`after the failed fills bo holds [${seqs(b)}]`);
a.sendMessage(chat.id, 'five');
await until(() => lastSeq(b) === 5);

await sleep(5000);
const held = selectChat(b.store.getState(), chat.id);
const onServer = (await a.rest.history(chat.id)).messages.map((m) => m.seq);
console.log(`bo holds [${seqs(b)}] (discontinuous=${(held as { discontinuous?: boolean }).discontinuous}), server holds [${onServer}], errors ${JSON.stringify(errors)}`);
const lost = held.messages.length !== onServer.length;
console.log(lost ? 'BUG: seq 2 never reached Bo' : 'ok: Bo caught up');
a.destroy();
b.destroy();
await proxy.close();
await server.close();
process.exit(lost ? 1 : 0);
