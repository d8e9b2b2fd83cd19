import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_SLICE, NatterError, type ChatSlice, type HistoryMessage, type Message, type User } from 'natter';
import { applyDelivered, applyReceipt } from '../../../src/core/store/receipts';
import {
  addPending,
  mergeHistory,
  mergeMessages,
  setPendingStatus,
} from '../../../src/core/store/chat-slice';
import { applyTyping, expireTyping } from '../../../src/core/store/typing';
import { message, user } from '../fixtures';
import { deepFreeze, describeSlice, duplicateKeys, expectSliceInvariants, splitSlice } from '../helpers/slice-invariants';

/**
 * Issue 4: any interleaving of duplicated, late and reordered frames, acknowledgements, history pages, receipts and
 * typing events keeps the store's invariants. A generated "world" is the server's list (seq 1..n) plus the sends of
 * this tab; a generated history is what reaches the reducers, in any order, any number of times.
 */

const ME = user('ana');
const USERS: User[] = [ME, user('bo'), user('cy')];
const TTL = 5000;
const NUM_RUNS = 200;

// ---------------------------------------------------------------------------------------------------------------
// Worlds: the server's messages and this tab's sends.

interface World {
  /** The server's list: index i holds seq i + 1. */
  messages: Message[];
  /** Client ids this tab sent (each gets an addPending before its echo can arrive). */
  sends: string[];
}

interface Row {
  author: 0 | 1 | 2;
  /** For my messages: sent from this tab (a pending copy exists) rather than another tab. */
  fromHere: boolean;
  /** For others' messages: no client id, their own, or one of mine copied from an echo. */
  otherClientId: 'none' | 'own' | 'copied';
}

const rowArb: fc.Arbitrary<Row> = fc.record({
  author: fc.constantFrom(0 as const, 1 as const, 2 as const),
  fromHere: fc.boolean(),
  otherClientId: fc.constantFrom('none' as const, 'own' as const, 'copied' as const),
});

/** The server's list for `rows`, plus `unconfirmedSends` sends of mine it never stored (x0, x1, …). */
function buildWorld(rows: Row[], unconfirmedSends: number): World {
  const sends: string[] = [];
  const copiedBy = new Set<string>();
  const messages = rows.map((row, index) => {
    const seq = index + 1;
    const sender = USERS[row.author]!;
    let clientId: string | null;
    if (sender.id === ME.id) {
      clientId = row.fromHere ? `c${seq}` : `t${seq}`;
      if (row.fromHere) sends.push(clientId);
    } else if (row.otherClientId === 'none') {
      clientId = null;
    } else if (row.otherClientId === 'copied' && !copiedBy.has(sender.id)) {
      // The server keeps (sender, client_id) unique, so each other user copies one id at most.
      copiedBy.add(sender.id);
      clientId = seq % 2 === 0 ? 'x0' : 'c1';
    } else {
      clientId = `o${seq}`;
    }
    return message(seq, { sender, sender_id: sender.id, client_id: clientId, content: `${sender.id} ${seq}` });
  });
  for (let i = 0; i < unconfirmedSends; i += 1) sends.push(`x${i}`);
  // Counterexamples print the world as `seq:sender/client_id …` rather than every field of every message.
  const compact = `World(${messages.map((m) => `${m.seq}:${m.sender_id}/${m.client_id ?? '-'}`).join(' ')} | sends ${sends.join(' ')})`;
  return { messages, sends, [fc.toStringMethod]: () => compact } as World;
}

const worldArb: fc.Arbitrary<World> = fc
  .tuple(fc.array(rowArb, { maxLength: 8 }), fc.integer({ min: 0, max: 3 }))
  .map(([rows, unconfirmed]) => buildWorld(rows, unconfirmed));

// ---------------------------------------------------------------------------------------------------------------
// Histories: what reaches the reducers.

type Event =
  | { kind: 'send'; clientId: string }
  /** One `new_message` frame, or several merged at once; seqs may repeat. */
  | { kind: 'live'; seqs: number[] }
  /** A history page of seqs from..to; `readers` is a bit mask over USERS per message (its author left out). */
  | { kind: 'history'; from: number; to: number; direction: 'older' | 'newer'; hasMore: boolean; readers: number[] }
  | { kind: 'receipt'; seq: number; reader: number }
  /** Others hold every message up to `seq` (a `delivered` frame, or `connected`'s delivered_seq). */
  | { kind: 'delivered'; seq: number }
  | { kind: 'typing'; user: number; isTyping: boolean; dt: number }
  | { kind: 'expire'; dt: number }
  | { kind: 'status'; send: number; status: 'pending' | 'failed' };

function eventArb(world: World): fc.Arbitrary<Event> {
  const n = world.messages.length;
  const clock = fc.integer({ min: 0, max: 3000 });
  const always: fc.WeightedArbitrary<Event>[] = [
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('typing' as const), user: fc.integer({ min: 1, max: 2 }), isTyping: fc.boolean(), dt: clock }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('expire' as const), dt: clock }) },
  ];
  if (world.sends.length > 0) {
    always.push({
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('status' as const),
        send: fc.integer({ min: 0, max: world.sends.length - 1 }),
        status: fc.constantFrom('pending' as const, 'failed' as const),
      }),
    });
  }
  if (n === 0) return fc.oneof(...always);
  const seq = fc.integer({ min: 1, max: n });
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('live' as const), seqs: fc.array(seq, { minLength: 1, maxLength: 3 }) }) },
    {
      weight: 3,
      arbitrary: fc
        .record({
          a: seq,
          b: seq,
          direction: fc.constantFrom('older' as const, 'newer' as const),
          hasMore: fc.boolean(),
          readers: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: n, maxLength: n }),
        })
        .map(({ a, b, direction, hasMore, readers }): Event => {
          const from = Math.min(a, b);
          const to = Math.max(a, b);
          return { kind: 'history', from, to, direction, hasMore, readers: readers.slice(from - 1, to) };
        }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('receipt' as const), seq, reader: fc.integer({ min: 0, max: 2 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delivered' as const), seq }) },
    ...always,
  );
}

/** The seqs an event delivers. */
const deliveredBy = (event: Event): number[] => {
  if (event.kind === 'live') return event.seqs;
  if (event.kind === 'history') return Array.from({ length: event.to - event.from + 1 }, (_, i) => event.from + i);
  return [];
};

/**
 * Inserts each send at a generated position, but never after the first delivery of its own echo (a client cannot
 * receive the confirmation of something it has not sent yet).
 */
function insertSends(world: World, events: Event[], positions: number[]): Event[] {
  const seqOfMine = new Map(world.messages.filter((m) => m.sender_id === ME.id).map((m) => [m.client_id!, m.seq]));
  const at = world.sends.map((clientId, i) => {
    let position = positions[i]! % (events.length + 1);
    const seq = seqOfMine.get(clientId);
    if (seq !== undefined) {
      const first = events.findIndex((event) => deliveredBy(event).includes(seq));
      if (first !== -1) position = Math.min(position, first);
    }
    return { clientId, position };
  });
  const result: Event[] = [];
  for (let i = 0; i <= events.length; i += 1) {
    for (const send of at) if (send.position === i) result.push({ kind: 'send', clientId: send.clientId });
    if (i < events.length) result.push(events[i]!);
  }
  return result;
}

interface Scenario {
  world: World;
  events: Event[];
}

const scenarioArb: fc.Arbitrary<Scenario> = worldArb.chain((world) =>
  fc
    .record({
      events: fc.array(eventArb(world), { maxLength: 25 }),
      positions: fc.array(fc.nat(), { minLength: world.sends.length, maxLength: world.sends.length }),
    })
    .map(({ events, positions }) => ({ world, events: insertSends(world, events, positions) })),
);

// ---------------------------------------------------------------------------------------------------------------
// Applying a history, and the model it is checked against.

const readersOf = (mask: number, author: string) => USERS.filter((u, i) => (mask & (1 << i)) !== 0 && u.id !== author).map((u) => u.id);
/** The receipt's reader: never the author (the server relays no receipt for one's own message). */
const readerFor = (reader: number, author: string) => (USERS[reader]!.id === author ? USERS[(reader + 1) % USERS.length]! : USERS[reader]!).id;

class Replay {
  slice: ChatSlice = EMPTY_SLICE;
  now = 0;
  readonly errors = new Map<number, NatterError>();

  // The model.
  readonly delivered = new Set<number>();
  readonly added: string[] = [];
  readonly statusOf = new Map<string, { status: 'pending' | 'failed'; error: NatterError | null }>();
  readonly receipts = new Map<string, Set<string>>();
  hasOlder: boolean | undefined = undefined;
  deliveredSeq = 0;
  readonly typing = new Map<string, number>();

  constructor(readonly world: World) {}

  private page(event: Extract<Event, { kind: 'history' }>): HistoryMessage[] {
    return this.world.messages
      .slice(event.from - 1, event.to)
      .map((m, i) => ({ ...m, read_by: readersOf(event.readers[i] ?? 0, m.sender_id) }));
  }

  /** The reducer call an event makes, on any slice (so it can be made twice). */
  reducer(event: Event): (slice: ChatSlice) => ChatSlice {
    const { world } = this;
    switch (event.kind) {
      case 'send':
        return (slice) => addPending(slice, { clientId: event.clientId, chatId: 'c1', sender: ME, content: `sent ${event.clientId}`, parentMessageId: null, now: this.now });
      case 'live':
        return (slice) => mergeMessages(slice, event.seqs.map((seq) => world.messages[seq - 1]!), ME.id);
      case 'history': {
        const page = { messages: this.page(event), has_more: event.hasMore };
        return (slice) => mergeHistory(slice, page, ME.id, event.direction);
      }
      case 'receipt': {
        const target = world.messages[event.seq - 1]!;
        const receipt = { message_id: target.id, user_id: readerFor(event.reader, target.sender_id) };
        return (slice) => applyReceipt(slice, receipt, ME.id);
      }
      case 'delivered':
        return (slice) => applyDelivered(slice, event.seq, ME.id);
      case 'typing': {
        const who = USERS[event.user]!;
        const now = this.now;
        return (slice) => applyTyping(slice, { user_id: who.id, username: who.username, is_typing: event.isTyping }, now, TTL);
      }
      case 'expire': {
        const now = this.now;
        return (slice) => expireTyping(slice, now);
      }
      case 'status': {
        const clientId = world.sends[event.send]!;
        const error = event.status === 'failed' ? this.errorFor(event.send) : null;
        return (slice) => setPendingStatus(slice, clientId, event.status, error);
      }
    }
  }

  /** One error object per send, so failing it twice passes the same error. */
  private errorFor(send: number): NatterError {
    let error = this.errors.get(send);
    if (!error) this.errors.set(send, (error = new NatterError('forbidden', `refused ${send}`)));
    return error;
  }

  /** Advances the clock for timed events, before the reducer reads it. */
  advance(event: Event): void {
    if (event.kind === 'typing' || event.kind === 'expire') this.now += event.dt;
  }

  updateModel(event: Event): void {
    const { world } = this;
    switch (event.kind) {
      case 'send':
        this.added.push(event.clientId);
        this.statusOf.set(event.clientId, { status: 'pending', error: null });
        return;
      case 'live':
        for (const seq of event.seqs) this.delivered.add(seq);
        return;
      case 'history':
        this.page(event).forEach((m) => {
          this.delivered.add(m.seq);
          for (const reader of m.read_by) this.receive(m.id, reader);
        });
        if (event.direction === 'older') this.hasOlder = event.hasMore;
        return;
      case 'receipt': {
        const target = world.messages[event.seq - 1]!;
        this.receive(target.id, readerFor(event.reader, target.sender_id));
        return;
      }
      case 'delivered':
        this.deliveredSeq = Math.max(this.deliveredSeq, event.seq);
        return;
      case 'typing': {
        const who = USERS[event.user]!.id;
        this.typing.delete(who);
        if (event.isTyping) this.typing.set(who, this.now + TTL);
        return;
      }
      case 'expire':
        for (const [who, expiresAt] of this.typing) if (expiresAt <= this.now) this.typing.delete(who);
        return;
      case 'status': {
        const clientId = world.sends[event.send]!;
        if (this.added.includes(clientId) && !this.confirmedMine(clientId)) {
          this.statusOf.set(clientId, { status: event.status, error: event.status === 'failed' ? this.errorFor(event.send) : null });
        }
        return;
      }
    }
  }

  private receive(messageId: string, reader: string): void {
    let readers = this.receipts.get(messageId);
    if (!readers) this.receipts.set(messageId, (readers = new Set()));
    readers.add(reader);
  }

  /** Whether my message with `clientId` has been delivered (its pending copy must be gone). */
  confirmedMine(clientId: string): boolean {
    const m = this.world.messages.find((w) => w.sender_id === ME.id && w.client_id === clientId);
    return m !== undefined && this.delivered.has(m.seq);
  }

  /** The slice against the model: nothing lost, nothing doubled, nothing invented. */
  expectMatchesModel(): void {
    const { slice, world } = this;
    expectSliceInvariants(slice, ME.id);
    const { confirmed, unconfirmed } = splitSlice(slice);
    const context = () => describeSlice(slice);

    // Every message delivered at least once is there exactly once, as the server sent it.
    expect(confirmed.map((m) => m.seq), context()).toEqual([...this.delivered].sort((a, b) => a - b));
    for (const m of confirmed) {
      const source = world.messages[m.seq! - 1]!;
      expect(m.id).toBe(source.id);
      expect(m.content).toBe(source.content);
      expect(m.sender_id).toBe(source.sender_id);
      expect(m.client_id).toBe(source.client_id);
    }

    // Unconfirmed: exactly my sends not yet echoed, in the order sent, with their last status.
    const expected = this.added.filter((clientId) => !this.confirmedMine(clientId));
    expect(
      unconfirmed.map((m) => [m.client_id, m.status, m.error]),
      context(),
    ).toEqual(expected.map((clientId) => [clientId, this.statusOf.get(clientId)!.status, this.statusOf.get(clientId)!.error]));

    // Receipts: every reader delivered, once, whatever came first.
    expect(Object.keys(slice.readBy).sort()).toEqual([...this.receipts.keys()].sort());
    for (const [messageId, readers] of this.receipts) expect([...slice.readBy[messageId]!].sort()).toEqual([...readers].sort());

    expect(slice.hasOlder).toBe(this.hasOlder);
    expect(slice.deliveredSeq).toBe(this.deliveredSeq);
    expect(
      slice.typing.map((t) => [t.user_id, t.expiresAt]).sort(),
      'typing',
    ).toEqual([...this.typing].sort());
  }
}

const isFrame = (event: Event) => event.kind !== 'send';

// ---------------------------------------------------------------------------------------------------------------

describe('chat slice properties', () => {
  it('any interleaving of duplicated, late and reordered frames keeps the invariants, and loses or doubles nothing', () => {
    fc.assert(
      fc.property(scenarioArb, ({ world, events }) => {
        const replay = new Replay(world);
        for (const event of events) {
          replay.advance(event);
          const before = deepFreeze(replay.slice);
          const update = replay.reducer(event);
          replay.slice = update(before);
          replay.updateModel(event);
          replay.expectMatchesModel();
          // A frame delivered twice leaves what it left once.
          if (isFrame(event)) expect(isDeepStrictEqual(update(deepFreeze(replay.slice)), replay.slice)).toBe(true);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a reducer that changes nothing returns the same slice, so the store notifies no one', () => {
    fc.assert(
      fc.property(scenarioArb, ({ world, events }) => {
        const replay = new Replay(world);
        for (const event of events) {
          replay.advance(event);
          const before = deepFreeze(replay.slice);
          const update = replay.reducer(event);
          const after = update(before);
          if (isDeepStrictEqual(after, before)) expect(after, `${event.kind} changed nothing but made a new slice`).toBe(before);
          // The duplicate of a frame changes nothing.
          if (isFrame(event)) expect(update(deepFreeze(after)), `a duplicate ${event.kind} made a new slice`).toBe(after);
          replay.slice = after;
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('merging the same messages in any order, in any batches, any number of times, gives the same list', () => {
    const arb = worldArb.chain((world) => {
      const seqs = world.messages.map((m) => m.seq);
      const plan = fc
        .record({
          order: fc.shuffledSubarray(seqs, { minLength: seqs.length, maxLength: seqs.length }),
          duplicates: fc.array(fc.constantFrom(...(seqs.length > 0 ? seqs : [0])), { maxLength: seqs.length > 0 ? 4 : 0 }),
          cuts: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 12 }),
          asPages: fc.array(fc.boolean(), { maxLength: 12 }),
        })
        .map(({ order, duplicates, cuts, asPages }) => {
          // Duplicates go in at spread positions, then the sequence is cut into batches.
          const sequence = [...order];
          duplicates.forEach((seq, i) => sequence.splice((i * 7) % (sequence.length + 1), 0, seq));
          const batches: { seqs: number[]; asPage: boolean }[] = [];
          for (let i = 0, start = 0; start < sequence.length; i += 1) {
            const size = cuts[i] ?? 1;
            batches.push({ seqs: sequence.slice(start, start + size), asPage: asPages[i] ?? false });
            start += size;
          }
          return batches;
        });
      return fc.record({ world: fc.constant(world), a: plan, b: plan, pendingFirst: fc.boolean() });
    });
    fc.assert(
      fc.property(arb, ({ world, a, b, pendingFirst }) => {
        const start = () =>
          pendingFirst
            ? world.sends.reduce((slice, clientId) => addPending(slice, { clientId, chatId: 'c1', sender: ME, content: `sent ${clientId}`, parentMessageId: null, now: 0 }), EMPTY_SLICE)
            : EMPTY_SLICE;
        const run = (plan: { seqs: number[]; asPage: boolean }[]) =>
          plan.reduce((slice, batch) => {
            const messages = batch.seqs.map((seq) => world.messages[seq - 1]!);
            return batch.asPage
              ? mergeHistory(slice, { messages: messages.map((m) => ({ ...m, read_by: [] })), has_more: false }, ME.id, 'newer')
              : mergeMessages(slice, messages, ME.id);
          }, start());
        const inOrder = mergeMessages(start(), world.messages, ME.id);
        const first = run(a);
        expectSliceInvariants(first, ME.id);
        expect(first.messages).toEqual(inOrder.messages);
        expect(run(b).messages).toEqual(first.messages);
        expect(first.lastSeq).toBe(world.messages.length);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  // KNOWN BUG (reported, not fixed here): a confirmed message is keyed on its client id whoever sent it, so someone
  // who reuses one of my client ids (every member sees them in the echoes) gets the same React key as my message.
  // Shrunk: I send x0 (pending, key x0); cy's message 2 with client_id x0 arrives → two rows keyed x0. Keying
  // others' messages on their id would fix it (test/core/chat-client.integration.test.ts expects B's copy of A's
  // message keyed on A's client id, so that expectation changes too). Remove `.fails` once fixed.
  it('keys stay unique even when someone else reuses one of my client ids (they see them in every echo)', () => {
    const shrunk = buildWorld(
      [
        { author: 0, fromHere: false, otherClientId: 'none' },
        { author: 2, fromHere: false, otherClientId: 'copied' },
      ],
      1,
    );
    const example: Scenario = { world: shrunk, events: [{ kind: 'send', clientId: 'x0' }, { kind: 'live', seqs: [2] }] };
    fc.assert(
      fc.property(scenarioArb, ({ world, events }) => {
        let slice = EMPTY_SLICE;
        const replay = new Replay(world);
        for (const event of events) {
          replay.advance(event);
          slice = replay.reducer(event)(slice);
          expect(duplicateKeys(slice), describeSlice(slice)).toEqual([]);
        }
      }),
      { numRuns: NUM_RUNS, examples: [[example]] },
    );
  });
});
