/**
 * Reproduction: a missed message is never fetched when the one gap fill for it fails and the socket then stays up.
 * Run: npx tsx test/fault/repro/gap-fill-failure.ts   (exits 1 while the bug is there)
 *
 * Bo misses seq 2 while his socket is down; on reconnect `connected.last_seq` (2) > his lastSeq (1), so the client
 * starts one gap fill. That one REST call fails (a network blip: here a fetch that rejects once, in the fault suite a
 * cut REST connection). The client emits `gap_unfilled` and then never tries again while the socket stays open and
 * nobody writes in the chat: Bo's store stays at [1] with the server at [1, 2], indefinitely.
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
let failNextHistory = false;
const a = createChatClient({ baseUrl: server.url, getToken: () => ana.access_token, currentUser: ana.user, WebSocket, backoff: { initialMs: 20, maxMs: 100 } });
const b = createChatClient({
  baseUrl: proxy.url,
  getToken: () => bo.access_token,
  currentUser: bo.user,
  WebSocket,
  backoff: { initialMs: 20, maxMs: 100 },
  heartbeat: { intervalMs: 500, timeoutMs: 400 },
  fetch: (input, init) => {
    if (failNextHistory && String(input).includes('/messages')) {
      failNextHistory = false;
      return Promise.reject(new TypeError('fetch failed'));
    }
    return fetch(input, init);
  },
});
const errors: string[] = [];
b.on('error', (e) => errors.push(e.code));
const chat = await a.rest.createChat('Team', [bo.user.id]);
a.joinChat(chat.id);
b.joinChat(chat.id);
await b.loadHistory(chat.id); // as useChat does
await until(() => a.getConnection(chat.id)?.status === 'open' && b.getConnection(chat.id)?.status === 'open');

a.sendMessage(chat.id, 'one');
await until(() => selectChat(b.store.getState(), chat.id).lastSeq === 1);

// Bo's socket stops delivering; Ana writes; Bo's socket is cut (he never saw seq 2) and the next fill fails once.
const bosSocket = proxy.pick('ws')!;
proxy.stall(bosSocket, 60_000, 'down');
a.sendMessage(chat.id, 'two');
await until(() => selectChat(a.store.getState(), chat.id).lastSeq === 2);
failNextHistory = true;
proxy.cut(bosSocket);
await until(() => errors.includes('gap_unfilled'));
await until(() => b.getConnection(chat.id)?.status === 'open');

await sleep(5000);
const held = selectChat(b.store.getState(), chat.id);
const onServer = (await a.rest.history(chat.id)).messages.map((m) => m.seq);
console.log(`bo holds seqs [${held.messages.map((m) => m.seq)}] (discontinuous=${(held as { discontinuous?: boolean }).discontinuous}), server holds [${onServer}], bo's socket ${b.getConnection(chat.id)?.status}, errors ${JSON.stringify(errors)}`);
const lost = held.messages.length !== onServer.length;
console.log(lost ? 'BUG: seq 2 never reached Bo' : 'ok: Bo caught up');
a.destroy();
b.destroy();
await proxy.close();
await server.close();
process.exit(lost ? 1 : 0);
