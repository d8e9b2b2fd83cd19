import { createChatClient, selectChat, type ChatClient, type ChatSlice, type ConnectedInfo, type Message, type NatterError, type ServerFrame } from 'natter';
import { createFakeWebSocket, createManualFrames, createManualTimers, flushMicrotasks, type FakeSocket } from 'natter/testing';
import { message, user } from '../fixtures';
import { createHistoryFetch } from './stub-fetch';

const SIM_ME = user('ana');
const SIM_BO = user('bo');
const CHAT = 'c1';
const RECONNECT_MS = 100;
const SEND_TIMEOUT_MS = 30_000;

/** A real client wired to a FakeWebSocket, manual timers and a stub history route. */
function createWiredClient() {
  const fake = createFakeWebSocket();
  const clock = createManualTimers();
  const history = createHistoryFetch();
  let inFlight = 0;
  // Animation frames pass when the simulation says (`settle`): messages delivered in between wait in the client's
  // batch, and every other frame must still apply after them.
  const frames = createManualFrames();
  const fetch = (async (...args: Parameters<typeof globalThis.fetch>) => {
    inFlight += 1;
    try {
      return await history.fetch(...args);
    } finally {
      inFlight -= 1;
    }
  }) as typeof globalThis.fetch;
  const client = createChatClient({
    baseUrl: 'http://chat.test',
    getToken: () => 'tok',
    currentUser: { id: SIM_ME.id, username: SIM_ME.username },
    WebSocket: fake.WebSocket,
    timers: clock.timers,
    fetch,
    backoff: { jitter: 'none', initialMs: RECONNECT_MS, maxMs: RECONNECT_MS },
    heartbeat: false,
    sendTimeoutMs: SEND_TIMEOUT_MS,
    scheduleFrame: frames.schedule,
  });
  return { fake, clock, history, client, inFlight: () => inFlight, runFrames: frames.pass };
}

const connectedFrame = (lastSeq: number): ServerFrame => ({
  type: 'connected',
  data: {
    socket: 'chat',
    user_id: SIM_ME.id,
    chat_id: CHAT,
    last_seq: lastSeq,
    server_time: '2026-11-24T09:30:00.000Z',
    heartbeat_ms: 25_000,
    // A generous rate limit: these runs are about order and loss, not about the client's token bucket.
    limits: { max_content_bytes: 16 * 1024, max_frame_bytes: 64 * 1024, rate_limit: { burst: 10_000, refill_per_second: 10_000 } },
  } satisfies ConnectedInfo,
});

const json = (value: unknown) => JSON.stringify(value);

/**
 * One chat between the current user (a real client) and a scripted "server" that keeps the chat's list: it stores
 * `send_message` frames once per client id (a repeat is answered with the stored message, as docs/protocol.md 2.1
 * says), queues frames towards the client and delivers them when told, in order, and answers `GET …/messages` from
 * the same list. Each step says what the network or the user did; the checks say what the client must have made of
 * it. A small model of the client's outbox (sent, acknowledged, timed out, retried, discarded) says what every
 * `connected` must resend.
 *
 * @example
 * const sim = await SimulatedChat.start({ initial: 2, firstPage: 1 });
 * sim.send(); sim.serverReads(1); sim.deliver(1);
 * await sim.quiesce();
 * await sim.expectConverged();
 */
export class SimulatedChat {
  readonly wired = createWiredClient();
  readonly client: ChatClient = this.wired.client;
  readonly errors: NatterError[] = [];

  // The server.
  readonly stored: Message[] = [];
  private readonly storedByClientId = new Map<string, Message>();
  /** The server side of the live socket, once accepted; null while down. */
  private socket: FakeSocket | null = null;
  /** Sockets the client had opened when the last one was accepted. */
  private socketsSeen = 0;
  /** Retries made while the current socket was live: each may write its frame once more. */
  private retriedOnSocket: string[] = [];
  /** How many of `socket.sent` the server has processed. */
  private read = 0;
  /** Frames on their way to the client, in order. */
  private queue: ServerFrame[] = [];
  private connectedDelivered = false;
  /** The highest seq the client has been told of: a `new_message` it received, or a `connected`'s last_seq. */
  private seenSeq = 0;
  /** Every `new_message` the client received, for duplicates. */
  private readonly deliveredMessages: Message[] = [];

  // The user, and the model of the client's outbox.
  /** Client ids of `sendMessage`, in the order sent. */
  readonly sends: string[] = [];
  /**
   * What the outbox must hold, in the order it must resend it: sent or retried, not echoed, not shown confirmed
   * (a history page had it), not failed, not discarded.
   */
  private outbox: string[] = [];
  /** Sends whose echo reached the client. */
  private readonly echoed = new Set<string>();
  /** Sends that timed out and were neither retried nor confirmed since. */
  private readonly failed = new Set<string>();
  /** Sends that ever timed out. */
  private readonly everFailed = new Set<string>();
  private readonly discarded = new Set<string>();
  /** Every message id the store has held: none may disappear. */
  private readonly everHeld = new Set<string>();
  private historyHeld = false;
  private readonly loads: Promise<unknown>[] = [];

  private constructor() {
    this.client.on('error', (error) => this.errors.push(error));
  }

  /** Opens the chat with `initial` messages from Bo already on the server, and loads the newest `firstPage`. */
  static async start({ initial, firstPage }: { initial: number; firstPage: number }): Promise<SimulatedChat> {
    const sim = new SimulatedChat();
    for (let i = 0; i < initial; i += 1) sim.store(SIM_BO.id, null);
    sim.client.joinChat(CHAT);
    await flushMicrotasks();
    sim.accept();
    sim.deliver(1);
    await sim.client.loadHistory(CHAT, { limit: firstPage });
    sim.checkAlways();
    return sim;
  }

  get slice(): ChatSlice {
    return selectChat(this.client.store.getState(), CHAT);
  }

  get isUp(): boolean {
    return this.socket !== null;
  }

  destroy(): void {
    if (this.historyHeld) this.wired.history.release();
    this.client.destroy();
  }

  // --- the server --------------------------------------------------------------------------------------------

  private store(senderId: string, clientId: string | null, content?: string): Message {
    const seq = this.stored.length + 1;
    const sender = senderId === SIM_ME.id ? SIM_ME : SIM_BO;
    const stored = message(seq, { id: `m${seq}`, sender, sender_id: sender.id, client_id: clientId, content: content ?? `${sender.id} ${seq}` });
    this.stored.push(stored);
    this.wired.history.add(stored);
    if (clientId !== null && senderId === SIM_ME.id) this.storedByClientId.set(clientId, stored);
    return stored;
  }

  /** Accepts the socket the client opened last; its `connected` is queued, not yet delivered. */
  private accept(): void {
    const { sockets } = this.wired.fake;
    if (sockets.length === this.socketsSeen) throw new Error('the client opened no new socket');
    this.socketsSeen = sockets.length;
    const socket = sockets.at(-1)!.accept();
    this.socket = socket;
    this.read = 0;
    this.retriedOnSocket = [];
    this.connectedDelivered = false;
    this.queue = [connectedFrame(this.stored.length)];
  }

  /** The server processes up to `count` frames the client wrote (all when omitted). */
  serverReads(count = Number.POSITIVE_INFINITY): void {
    const socket = this.socket;
    if (!socket) return;
    for (let done = 0; done < count && this.read < socket.sent.length; done += 1) {
      const frame = socket.sent[this.read++]!;
      if (frame.type !== 'send_message') continue;
      const clientId = frame.data.client_id!;
      // A repeated client id is stored once and answered with the stored message, on this socket only.
      const stored = this.storedByClientId.get(clientId) ?? this.store(SIM_ME.id, clientId, frame.data.content);
      this.queue.push({ type: 'new_message', data: stored });
    }
  }

  /** Someone else posts: stored, and sent live if the socket is up. */
  otherPosts(): void {
    const stored = this.store(SIM_BO.id, null);
    if (this.socket) this.queue.push({ type: 'new_message', data: stored });
  }

  /** Delivers up to `count` queued frames, in order (all when omitted). */
  deliver(count = Number.POSITIVE_INFINITY): void {
    const socket = this.socket;
    if (!socket) return;
    for (let done = 0; done < count && this.queue.length > 0; done += 1) {
      const frame = this.queue.shift()!;
      if (frame.type === 'connected') this.deliverConnected(socket, frame);
      else this.receive(socket, frame);
    }
  }

  /** The next queued `new_message` never arrives (the server failed to hand it to this socket). */
  lose(): void {
    const at = this.queue.findIndex((frame) => frame.type === 'new_message');
    if (at === -1) return;
    this.queue.splice(at, 1);
  }

  /** Delivers an earlier `new_message` again (the network duplicated it, late). */
  duplicate(pick: number): void {
    if (!this.socket || !this.connectedDelivered || this.deliveredMessages.length === 0) return;
    this.receive(this.socket, { type: 'new_message', data: this.deliveredMessages[pick % this.deliveredMessages.length]! });
  }

  private receive(socket: FakeSocket, frame: ServerFrame): void {
    if (frame.type === 'new_message') {
      this.deliveredMessages.push(frame.data);
      const clientId = frame.data.client_id;
      // The echo acknowledges: out of the outbox, and no longer failed (the server has it).
      if (frame.data.sender_id === SIM_ME.id && clientId !== null) this.echoed.add(clientId);
      this.seenSeq = Math.max(this.seenSeq, frame.data.seq);
    }
    socket.receive(frame);
    this.settleModel();
  }

  private confirmedInStore(clientId: string): boolean {
    return this.slice.messages.some((m) => m.seq !== null && m.client_id === clientId && m.sender_id === SIM_ME.id);
  }

  /** A send the store shows confirmed (by its echo or by a history page) is neither queued nor failed any more. */
  private settleModel(): void {
    const done = (id: string) => this.echoed.has(id) || this.confirmedInStore(id);
    this.outbox = this.outbox.filter((id) => !done(id));
    // A failed send stays failed until the store shows its confirmation: an echo that arrived with others waits in
    // the frame batch (the next frame), and until it lands the row is still the failed one.
    for (const id of this.failed) if (this.confirmedInStore(id)) this.failed.delete(id);
  }

  /**
   * `connected`: the client flushes its outbox. Before it, the client may write nothing; on it, exactly what the
   * model's outbox holds, in order, each once. A send the store already shows confirmed but whose echo never came
   * may be written again or not (the server answers a repeat with the stored message).
   */
  private deliverConnected(socket: FakeSocket, frame: Extract<ServerFrame, { type: 'connected' }>): void {
    const writtenBefore = socket.sentOfType('send_message');
    if (writtenBefore.length > 0) throw new Error(`send_message written before connected: ${json(writtenBefore)}`);
    this.settleModel();
    const from = socket.sent.length;
    const unechoedConfirmed = this.sends.filter((id) => !this.echoed.has(id) && this.confirmedInStore(id));
    socket.receive(frame);
    this.connectedDelivered = true;
    this.seenSeq = Math.max(this.seenSeq, frame.data.last_seq ?? 0);
    const resent = socket.sent.slice(from).flatMap((f) => (f.type === 'send_message' ? [f.data.client_id!] : []));
    const required = resent.filter((id) => !unechoedConfirmed.includes(id));
    if (json(required) !== json(this.outbox) || resent.some((id) => !this.outbox.includes(id) && !unechoedConfirmed.includes(id))) {
      throw new Error(`on connected the outbox wrote ${json(resent)}; it should hold ${json(this.outbox)}`);
    }
    this.settleModel();
  }

  // --- the network -------------------------------------------------------------------------------------------

  /** The socket drops (1006). `serverGotFrames`: what the client wrote reached the server first (its echoes are lost). */
  drop(serverGotFrames: boolean): void {
    const socket = this.socket;
    if (!socket) return;
    if (serverGotFrames) this.serverReads();
    this.checkOncePerSocket(socket);
    socket.drop(1006);
    this.socket = null;
    this.queue = [];
    this.connectedDelivered = false;
  }

  /** The backoff runs out and the server accepts the new socket (its `connected` is queued, not yet delivered). */
  async reconnect(): Promise<void> {
    if (this.socket) return;
    this.wired.clock.advance(RECONNECT_MS);
    await flushMicrotasks();
    this.accept();
  }

  /**
   * `sendTimeoutMs` passes. Frames written on the live socket and not acknowledged fail; time spent disconnected
   * does not count, and frames waiting for `connected` were not written yet.
   */
  async timeout(): Promise<void> {
    this.settleModel();
    const written = new Set(this.socket?.sentOfType('send_message').map((f) => f.data.client_id) ?? []);
    const timedOut = this.outbox.filter((id) => written.has(id));
    const errorsBefore = this.errors.length;
    this.wired.clock.advance(SEND_TIMEOUT_MS);
    await flushMicrotasks();
    const reported = this.errors.slice(errorsBefore).flatMap((error) => (error.code === 'timeout' ? [error.details.clientId!] : []));
    if (json(reported) !== json(timedOut)) {
      const shown = reported.filter((id) => !timedOut.includes(id)).map((id) => `${id} (${this.describeSend(id)})`);
      throw new Error(`timeouts reported for ${json(reported)}, expected ${json(timedOut)}; unexpected: ${shown.join(', ')}`);
    }
    this.outbox = this.outbox.filter((id) => !written.has(id));
    for (const id of timedOut) {
      this.failed.add(id);
      this.everFailed.add(id);
    }
    this.checkAlways();
  }

  /** Each frame is written at most once per socket, plus once per retry made while it was live. */
  private checkOncePerSocket(socket: FakeSocket): void {
    const ids = socket.sentOfType('send_message').map((f) => f.data.client_id!);
    for (const id of new Set(ids)) {
      const allowed = 1 + this.retriedOnSocket.filter((retried) => retried === id).length;
      if (ids.filter((written) => written === id).length > allowed) throw new Error(`send ${id} written more than ${allowed} times on one socket: ${json(ids)}`);
    }
  }

  // --- history -----------------------------------------------------------------------------------------------

  /** Holds every history answer until `releaseHistory` (requests read the server's list when made). */
  holdHistory(): void {
    if (this.historyHeld) return;
    this.wired.history.hold();
    this.historyHeld = true;
  }

  releaseHistory(): void {
    if (!this.historyHeld) return;
    this.wired.history.release();
    this.historyHeld = false;
  }

  /** The app pages backwards (`loadOlder`) or asks for the newest page (`loadHistory`), without waiting. */
  load(kind: 'older' | 'newest', limit: number): void {
    const loading = kind === 'older' ? this.client.loadOlder(CHAT, limit) : this.client.loadHistory(CHAT, { limit });
    this.loads.push(loading.catch((error: unknown) => this.errors.push(error as NatterError)));
  }

  /** One turn of the event loop: promise callbacks run (a history request is made, an answer lands). */
  async tick(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Lets every answered request land (held ones stay held). */
  async settle(): Promise<void> {
    this.wired.runFrames();
    for (let turn = 0; turn < 50; turn += 1) {
      await this.tick();
      if (this.historyHeld || this.wired.inFlight() === 0) break;
    }
    // The answers' bodies and the merges after them.
    for (let turn = 0; turn < 3; turn += 1) await this.tick();
    this.wired.runFrames();
    if (!this.historyHeld && this.wired.inFlight() === 0) this.expectCaughtUp();
  }

  /**
   * Once history has answered, the client holds every message from the oldest it holds (from seq 1 once a page said
   * nothing is older) up to the newest it has been told of (a `connected`'s last_seq, or a live message after a
   * gap): what it missed is not left for the next live message to reveal.
   */
  expectCaughtUp(): void {
    const confirmed = this.slice.messages.filter((m) => m.seq !== null).map((m) => m.seq!);
    const held = new Set(confirmed);
    const missing: number[] = [];
    const from = this.slice.hasOlder === false ? 1 : (confirmed[0] ?? 1);
    for (let seq = from; seq <= this.seenSeq; seq += 1) if (!held.has(seq)) missing.push(seq);
    if (missing.length > 0) throw new Error(`told of seq ${this.seenSeq}, history answered, and seqs ${json(missing)} are still missing`);
  }

  // --- the user ----------------------------------------------------------------------------------------------

  send(): void {
    const from = this.socket?.sent.length ?? 0;
    const clientId = this.client.sendMessage(CHAT, `mine ${this.sends.length + 1}`);
    this.sends.push(clientId);
    this.outbox.push(clientId);
    this.expectWrittenNow(clientId, from);
  }

  /** On a socket whose `connected` has arrived, a send or a retry goes out at once: written after `from`. */
  private expectWrittenNow(clientId: string, from: number): void {
    if (!this.socket || !this.connectedDelivered) return;
    const written = this.socket.sent.slice(from).map((f) => (f.type === 'send_message' ? f.data.client_id : f.type));
    if (json(written) !== json([clientId])) throw new Error(`${clientId} was not written at once on the live socket: ${json(written)}`);
  }

  private unconfirmed(clientId: string) {
    return this.slice.messages.find((m) => m.seq === null && m.client_id === clientId);
  }

  /**
   * Retries a send: the failed one at `pick` when any failed, else some other send of `others` (default: all), which
   * must refuse.
   */
  retry(pick: number): void {
    const failed = this.sends.filter((id) => this.failed.has(id));
    const pool = failed.length > 0 ? failed : this.sends;
    if (pool.length === 0) return;
    this.retryOne(pool[pick % pool.length]!);
  }

  private retryOne(clientId: string): void {
    const shownFailed = this.unconfirmed(clientId)?.status === 'failed';
    const from = this.socket?.sent.length ?? 0;
    const retried = this.client.retry(CHAT, clientId);
    if (retried !== shownFailed) {
      throw new Error(`retry(${clientId}) answered ${retried}, but the store shows it ${this.describeSend(clientId)}`);
    }
    if (retried) {
      this.failed.delete(clientId);
      this.outbox.push(clientId);
      if (this.socket) this.retriedOnSocket.push(clientId);
      this.expectWrittenNow(clientId, from);
    }
  }

  /** Discards a send the user gives up on (pending or failed); a confirmed one stays. */
  discard(pick: number): void {
    const pool = this.sends.filter((id) => !this.discarded.has(id));
    if (pool.length === 0) return;
    const clientId = pool[pick % pool.length]!;
    const wasUnconfirmed = this.unconfirmed(clientId) !== undefined;
    const discarded = this.client.discard(CHAT, clientId);
    if (wasUnconfirmed && !discarded) throw new Error(`discard(${clientId}) answered false for an unsent message`);
    if (this.unconfirmed(clientId)) throw new Error(`discard(${clientId}) left it in the chat`);
    this.discarded.add(clientId);
    this.failed.delete(clientId);
    this.outbox = this.outbox.filter((id) => id !== clientId);
  }

  private describeSend(clientId: string): string {
    const shown = this.slice.messages.find((m) => m.client_id === clientId && m.sender_id === SIM_ME.id);
    return shown ? `${shown.status}${shown.seq === null ? '' : ` at seq ${shown.seq}`}` : 'nowhere';
  }

  /**
   * The network calms down and the user retries what failed: history answers, the socket comes back if down, the
   * server reads everything and everything it sends arrives; then the reader scrolls to the top.
   */
  async quiesce(): Promise<void> {
    this.releaseHistory();
    for (let round = 0; round < 20; round += 1) {
      await this.settle();
      this.settleModel();
      for (const clientId of this.sends.filter((id) => this.failed.has(id))) this.retryOne(clientId);
      if (!this.socket) await this.reconnect();
      this.serverReads();
      this.deliver();
      await this.settle();
      this.checkAlways();
      const socket = this.socket!;
      this.settleModel();
      // Frames the server never handed over (`lose`) are found by the next `connected`: the network blips once more.
      if (this.read === socket.sent.length && this.queue.length === 0 && (this.slice.lastSeq < this.stored.length || this.outbox.length > 0)) {
        this.drop(false);
        continue;
      }
      if (this.read === socket.sent.length && this.queue.length === 0 && this.wired.inFlight() === 0 && this.failed.size === 0) {
        await Promise.all(this.loads);
        while (this.slice.hasOlder) await this.client.loadOlder(CHAT, 2);
        this.checkAlways();
        return;
      }
    }
    throw new Error('the chat did not quiesce in 20 rounds');
  }

  // --- checks ------------------------------------------------------------------------------------------------

  /**
   * Holds at every step: nothing invented, nothing doubled, nothing held ever lost; every send shown once (none
   * once discarded, unless the server had it), unconfirmed ones in send order, `failed` exactly when timed out.
   */
  checkAlways(): void {
    this.settleModel();
    const slice = this.slice;
    const confirmed = slice.messages.filter((m) => m.seq !== null);
    for (const m of confirmed) {
      const source = this.stored[m.seq! - 1];
      if (!source || source.id !== m.id || source.content !== m.content || source.client_id !== m.client_id) {
        throw new Error(`the store holds seq ${m.seq} as ${m.id} "${m.content}", the server as ${source?.id} "${source?.content}"`);
      }
    }
    const ids = new Set(confirmed.map((m) => m.id!));
    for (const id of this.everHeld) if (!ids.has(id)) throw new Error(`message ${id} was held and is gone`);
    for (const id of ids) this.everHeld.add(id);
    const confirmedSends = new Set(confirmed.filter((m) => m.sender_id === SIM_ME.id).map((m) => m.client_id));
    for (const clientId of this.sends) {
      const copies = slice.messages.filter((m) => m.client_id === clientId && m.sender_id === SIM_ME.id).length;
      const expected = this.discarded.has(clientId) && !confirmedSends.has(clientId) ? 0 : 1;
      if (copies !== expected) throw new Error(`send ${clientId} shown ${copies} times, expected ${expected}`);
    }
    const unconfirmed = slice.messages.filter((m) => m.seq === null).map((m) => [m.client_id, m.status]);
    const expected = this.sends
      .filter((id) => !confirmedSends.has(id) && !this.discarded.has(id))
      .map((id) => [id, this.failed.has(id) ? 'failed' : 'pending']);
    if (json(unconfirmed) !== json(expected)) throw new Error(`unconfirmed ${json(unconfirmed)}, expected ${json(expected)} (send order)`);
  }

  /**
   * After `quiesce`: the store is the server's list, exactly once each, in seq order; every send not discarded is
   * stored exactly once, and nothing else of mine; the outbox is empty, so a reconnect resends nothing.
   */
  async expectConverged(): Promise<void> {
    const held = this.slice.messages.map((m) => m.id ?? `unconfirmed:${m.client_id}`);
    const server = this.stored.map((m) => m.id);
    if (json(held) !== json(server)) throw new Error(`the store holds ${json(held)}, the server ${json(server)}`);
    const storedSends = this.stored.filter((m) => m.sender_id === SIM_ME.id).map((m) => m.client_id!);
    if (new Set(storedSends).size !== storedSends.length) throw new Error(`a send stored twice: ${json(storedSends)}`);
    for (const clientId of this.sends) {
      if (!this.discarded.has(clientId) && !storedSends.includes(clientId)) throw new Error(`send ${clientId} never reached the server`);
    }
    if (storedSends.some((id) => !this.sends.includes(id))) throw new Error(`the server stored sends never made: ${json(storedSends)}`);
    if (this.outbox.length > 0) throw new Error(`the outbox still holds ${json(this.outbox)}`);
    // One more outage: the `connected` check sees that nothing is resent.
    this.drop(false);
    await this.reconnect();
    this.deliver();
  }
}
