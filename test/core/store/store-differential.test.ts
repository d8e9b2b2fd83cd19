import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Chat, HistoryPage, Message, MessageChange, Presence, ReactionSummary } from 'natter';
import * as chatList from '../../../src/core/store/chat-list';
import * as chatMessage from '../../../src/core/store/chat-message';
import * as chatSlice from '../../../src/core/store/chat-slice';
import * as chatStore from '../../../src/core/store/chat-store';
import * as messageChanges from '../../../src/core/store/message-changes';
import * as messageMemory from '../../../src/core/store/message-memory';
import * as messageWindow from '../../../src/core/store/message-window';
import * as notifications from '../../../src/core/store/notifications';
import * as presence from '../../../src/core/store/presence';
import * as threads from '../../../src/core/store/threads';
import * as typing from '../../../src/core/store/typing';
import { message, user } from '../fixtures';
import { deepFreeze } from '../helpers/slice-invariants';
import * as refChatList from './reference/chat-list';
import * as refChatMessage from './reference/chat-message';
import * as refChatSlice from './reference/chat-slice';
import * as refChatStore from './reference/chat-store';
import * as refMessageChanges from './reference/message-changes';
import * as refMessageMemory from './reference/message-memory';
import * as refMessageWindow from './reference/message-window';
import * as refNotifications from './reference/notifications';
import * as refPresence from './reference/presence';
import * as refThreads from './reference/threads';
import * as refTyping from './reference/typing';

/**
 * The store made smaller and faster must do exactly what it did: every exported function, on generated chats, gives
 * the same result as the frozen copy in ./reference (the store before the second size diet), keeps the same objects
 * (an unchanged slice, thread or row is the very object it was: hooks and render isolation depend on it), and
 * notifies store subscribers as often.
 */

const CURRENT = { ...chatList, ...chatMessage, ...chatSlice, ...chatStore, ...messageChanges, ...messageMemory, ...messageWindow, ...notifications, ...presence, ...threads, ...typing };
const REFERENCE = {
  ...refChatList, ...refChatMessage, ...refChatSlice, ...refChatStore, ...refMessageChanges, ...refMessageMemory,
  ...refMessageWindow, ...refNotifications, ...refPresence, ...refThreads, ...refTyping,
};
type Store = typeof CURRENT;
// Every name the reference exports is still exported: a function removed fails here first.
const EXPORTS = Object.keys(REFERENCE).sort();

const ME = user('ana');
const USERS = [ME, user('bo'), user('cy')];
const REACTIONS: ReactionSummary[] = [{ emoji: '👍', count: 1, user_ids: ['bo'] }];

// ---------------------------------------------------------------------------------------------------------------
// A world: the server's messages (seq 1..n), some of them replies, some of them sent from this tab (c<seq>).

interface Row {
  author: 0 | 1 | 2;
  /** Index of an earlier message this one replies to, when below the row's own index. */
  parent: number;
  /** A seed server's copy without the section 9.1 fields. */
  sparse: boolean;
}

const rowArb = fc.record({ author: fc.constantFrom(0 as const, 1 as const, 2 as const), parent: fc.nat(12), sparse: fc.boolean() });

function worldOf(rows: Row[]): Message[] {
  const messages: Message[] = [];
  rows.forEach((row, index) => {
    const seq = index + 1;
    const sender = USERS[row.author]!;
    const full = message(seq, {
      sender,
      sender_id: sender.id,
      client_id: row.author === 0 ? `c${seq}` : row.author === 1 && seq % 2 === 0 ? `c${seq}` : null,
      parent_message_id: row.parent < index ? messages[row.parent]!.id : null,
    });
    if (row.sparse) {
      const { edited_at: _e, deleted_at: _d, reactions: _r, reply_count: _c, last_reply_at: _l, attachments: _a, mentions: _m, rev: _v, ...bare } = full;
      messages.push(bare);
    } else messages.push(full);
  });
  return messages;
}

/** A later copy of `m` (`bump` revisions on) as an edit, deletion, reaction or reply would leave it. */
function copyOf(m: Message, bump: number, kind: number): Message {
  const rev = (m.rev ?? m.seq) + bump;
  const at = new Date(Date.UTC(2026, 0, 2, 0, 0, rev)).toISOString();
  if (kind === 0) return { ...m, rev, content: `${m.content} (edit ${bump})`, edited_at: at, updated_at: at };
  if (kind === 1) return { ...m, rev, content: '', deleted_at: at, updated_at: at, reactions: [], attachments: [], mentions: [] };
  if (kind === 2) return { ...m, rev, reactions: bump % 2 ? REACTIONS : [] };
  return { ...m, rev, reply_count: bump, last_reply_at: at };
}

type Op =
  | { kind: 'send'; seq: number; other: boolean; reply: boolean; file: boolean }
  | { kind: 'live'; seqs: number[]; bump: number; change: number }
  | { kind: 'history' | 'open' | 'extend'; from: number; to: number; older: boolean; more: boolean; newer: boolean; readers: number[] }
  | { kind: 'receipt' | 'delivered' | 'trim' | 'rev' | 'lastRead' | 'parent'; seq: number; n: number }
  | { kind: 'status' | 'update' | 'remove'; seq: number; other: boolean; n: number }
  | { kind: 'copies' | 'change'; seqs: number[]; bump: number; change: number; op: number; mine: boolean }
  | { kind: 'optimistic'; seq: number; op: number; n: number }
  | { kind: 'settle'; op: number }
  | { kind: 'threadPage'; seq: number; from: number; to: number; more: boolean; readers: number[] }
  | { kind: 'join' | 'close' }
  | { kind: 'typing'; n: number; on: boolean; dt: number };

function opArb(n: number): fc.Arbitrary<Op> {
  const seq = fc.integer({ min: 1, max: n });
  const seqs = fc.array(seq, { minLength: 1, maxLength: 3 });
  const small = fc.nat(4);
  const page = fc.record({ from: seq, to: seq, older: fc.boolean(), more: fc.boolean(), newer: fc.boolean(), readers: fc.array(fc.nat(7), { minLength: n, maxLength: n }) });
  const k = <K extends string>(kind: K) => fc.constant(kind);
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: k('send'), seq, other: fc.boolean(), reply: fc.boolean(), file: fc.boolean() }) },
    { weight: 5, arbitrary: fc.record({ kind: k('live'), seqs, bump: fc.nat(2), change: small }) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom('history' as const, 'open' as const, 'extend' as const), page).map(([kind, p]) => ({ kind, ...p })) },
    {
      weight: 6,
      arbitrary: fc.record({ kind: fc.constantFrom('receipt' as const, 'delivered' as const, 'trim' as const, 'rev' as const, 'lastRead' as const, 'parent' as const), seq, n: small }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('status' as const, 'update' as const, 'remove' as const), seq, other: fc.boolean(), n: small }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('copies' as const, 'change' as const), seqs, bump: fc.nat(3), change: small, op: fc.nat(6), mine: fc.boolean() }) },
    { weight: 4, arbitrary: fc.record({ kind: k('optimistic'), seq, op: fc.nat(6), n: fc.nat(5) }) },
    { weight: 2, arbitrary: fc.record({ kind: k('settle'), op: fc.nat(6) }) },
    { weight: 2, arbitrary: fc.record({ kind: k('threadPage'), seq, from: seq, to: seq, more: fc.boolean(), readers: fc.array(fc.nat(7), { minLength: n, maxLength: n }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('join' as const, 'close' as const) }) },
    { weight: 2, arbitrary: fc.record({ kind: k('typing'), n: fc.nat(2), on: fc.boolean(), dt: fc.nat(6000) }) },
  );
}

const caseArb = fc
  .array(rowArb, { minLength: 1, maxLength: 10 })
  .chain((rows) => fc.tuple(fc.constant(worldOf(rows)), fc.array(opArb(rows.length), { minLength: 5, maxLength: 40, size: 'max' })));

// ---------------------------------------------------------------------------------------------------------------
// Running one op on one implementation; every input object is made once per op and shared by both sides.

function pageOf(world: Message[], from: number, to: number, readers: number[], more: boolean, newer?: boolean): HistoryPage {
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  const messages = world.slice(lo - 1, hi).map((m, i) => ({ ...m, read_by: USERS.filter((u, b) => u.id !== m.sender_id && (readers[lo - 1 + i]! >> b) & 1).map((u) => u.id) }));
  return newer === undefined ? { messages, has_more: more } : { messages, has_more: more, has_newer: newer };
}

/** Every input made for the op being run: a result may hold them (both sides alike). */
let made: unknown[] = [];
const frozen = <T>(value: T): T => {
  made.push(value);
  return deepFreeze(value);
};

const clientIdOf = (seq: number, other: boolean) => (other ? `x${seq % 3}` : `c${seq}`);

/** The inputs of `op` at `step`: built once, then applied to both sides. */
function inputsOf(world: Message[], op: Op, step: number): (s: Store, slice: chatSlice.ChatSlice) => chatSlice.ChatSlice {
  const at = (seq: number) => world[seq - 1]!;
  switch (op.kind) {
    case 'send': {
      const clientId = clientIdOf(op.seq, op.other);
      const parentMessageId = op.reply ? at(op.seq).id : null;
      const file = op.file ? { messageType: 'file', attachments: [{ id: `f${step}`, filename: 'a.png', content_type: 'image/png', size: 3, url: '/a' }], uploadProgress: 0 } : {};
      const input = frozen({ clientId, chatId: 'c1', sender: ME, content: `sent ${step}`, parentMessageId, now: Date.UTC(2026, 0, 3, 0, 0, step), ...file });
      return (s, slice) => s.addPending(slice, input as chatSlice.PendingInput);
    }
    case 'live': {
      const copies = frozen(op.seqs.map((seq) => (op.bump ? copyOf(at(seq), op.bump, op.change) : at(seq))));
      return (s, slice) => s.mergeMessages(slice, copies, ME.id);
    }
    case 'history':
    case 'open':
    case 'extend': {
      const page = frozen(pageOf(world, op.from, op.to, op.readers, op.more, op.kind === 'open' ? op.newer : undefined));
      const direction = op.older ? 'older' : 'newer';
      if (op.kind === 'history') return (s, slice) => s.mergeHistory(slice, page, ME.id, direction);
      if (op.kind === 'open') return (s, slice) => s.openWindow(slice, page, ME.id);
      return (s, slice) => s.extendWindow(slice, page, direction, ME.id);
    }
    case 'receipt': {
      const receipt = { message_id: at(op.seq).id, user_id: USERS[op.n % 3]!.id };
      return (s, slice) => s.applyReceipt(slice, receipt, ME.id);
    }
    case 'delivered':
      return (s, slice) => s.applyDelivered(slice, op.seq, ME.id);
    case 'trim':
      return (s, slice) => s.trimMessages(slice, op.n, op.seq % 3 === 0 ? null : op.seq);
    case 'rev':
      return (s, slice) => s.advanceRev(slice, op.n === 0 ? null : op.seq + op.n);
    case 'lastRead':
      return (s, slice) => s.advanceLastRead(slice, op.n === 0 ? undefined : op.seq);
    case 'parent': {
      const parent = frozen(op.n ? copyOf(at(op.seq), op.n, op.n) : at(op.seq));
      return (s, slice) => s.setThreadParent(slice, parent, ME.id);
    }
    case 'status':
    case 'update':
    case 'remove': {
      const clientId = clientIdOf(op.seq, op.other);
      if (op.kind === 'remove') return (s, slice) => s.removeUnconfirmed(slice, clientId);
      if (op.kind === 'status') {
        const error = op.n % 2 ? frozen(new Error('refused')) : null;
        return (s, slice) => s.setPendingStatus(slice, clientId, op.n % 2 ? 'failed' : 'pending', error as never);
      }
      const patches: Partial<chatSlice.ChatMessage>[] = [{ uploadProgress: 0.5 }, { uploadProgress: op.n / 4 }, { content: `queued ${op.n}` }, {}, { status: 'pending', error: null }];
      const patch = frozen(patches[op.n]!);
      return (s, slice) => s.updateUnconfirmed(slice, clientId, patch);
    }
    case 'copies':
    case 'change': {
      const copies = frozen(op.seqs.map((seq) => copyOf(at(seq), op.bump, op.change)));
      if (op.kind === 'copies') return (s, slice) => s.applyCopies(slice, copies);
      const change: MessageChange = frozen({
        message: copies[0]!,
        client_id: op.mine ? `op${op.op}` : null,
        user_id: op.mine ? ME.id : 'bo',
        change: (['edit', 'delete', 'reaction', 'reply', 'edit'] as const)[op.change]!,
      });
      return (s, slice) => s.applyChange(slice, change, ME.id);
    }
    case 'optimistic': {
      const kinds = ['edit', 'delete', 'add_reaction', 'remove_reaction', 'add_reaction', 'remove_reaction'] as const;
      const entry = frozen({
        opId: `op${op.op}`,
        kind: kinds[op.n]!,
        ...(op.n === 0 ? { content: `edited ${step}` } : op.n > 1 ? { emoji: op.n > 3 ? '👍' : '🎉' } : {}),
        userId: op.n === 5 ? 'bo' : ME.id,
        at: new Date(Date.UTC(2026, 0, 4, 0, 0, step)).toISOString(),
      });
      return (s, slice) => s.addOptimistic(slice, at(op.seq).id, entry);
    }
    case 'settle':
      return (s, slice) => s.settleOptimistic(slice, `op${op.op}`);
    case 'threadPage': {
      const parentId = at(op.seq).id;
      const full = pageOf(world, op.from, op.to, op.readers, op.more);
      const page = frozen({ ...full, messages: full.messages.filter((m) => m.parent_message_id === parentId) });
      return (s, slice) => s.mergeThreadPage(slice, parentId, page, ME.id);
    }
    case 'join':
      return (s, slice) => s.joinWindow(slice, ME.id);
    case 'close':
      return (s, slice) => s.closeWindow(slice);
    case 'typing': {
      const u = USERS[op.n + 1] ?? USERS[1]!;
      const now = 1_000_000 + step * 1000 + op.dt;
      return (s, slice) => (op.dt % 2 ? s.expireTyping(slice, now) : s.applyTyping(slice, { user_id: u.id, username: u.username, is_typing: op.on }, now, 5000));
    }
  }
}

/** What the read-only functions say about `slice`: compared between both sides after every op. */
function queries(s: Store, slice: chatSlice.ChatSlice, world: Message[]) {
  const ids = world.map((m) => m.id);
  const clientIds = [...world.map((m) => `c${m.seq}`), 'x0', 'x1', 'x2', null];
  return {
    gapStart: s.gapStart(slice),
    firstSeq: s.firstSeq(slice.messages),
    oldest: s.oldestHeldSeq(slice),
    meets: s.windowMeetsLive(slice),
    confirmed: s.confirmedCount(slice.messages),
    held: ids.map((id) => s.findHeld(slice, id)),
    at: world.map((m) => [s.indexOfMessage(slice.messages, m.id), s.indexOfMessage(slice.messages, m.id, m.seq), s.insertionIndex(slice.messages, m.seq, s.confirmedCount(slice.messages))]),
    unconfirmed: clientIds.map((id) => s.unconfirmedIndex(slice.messages, id)),
    rows: world.map((m) => [s.rowIn(slice, m, ME.id), s.toChatMessage(m, 'delivered', ME.id), s.confirmedRow(m, ME.id, m.seq % 2 === 0, slice.deliveredSeq), s.stateOf(m)]),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Identity: every object of a result is labelled as kept (an object of the state before), an input, or new (and
// then its content is labelled in turn). Both sides must label alike.

function objectsOf(value: unknown, into = new Set<object>()): Set<object> {
  if (value !== null && typeof value === 'object' && !into.has(value)) {
    into.add(value);
    for (const inner of Object.values(value)) objectsOf(inner, into);
  }
  return into;
}

function identities(value: unknown, before: Set<object>, inputs: Set<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (before.has(value)) return '<kept>';
  if (inputs.has(value)) return '<input>';
  if (Array.isArray(value)) return value.map((v) => identities(v, before, inputs));
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, identities(v, before, inputs)]));
}

function expectSame(label: string, current: unknown, reference: unknown) {
  if (!isDeepStrictEqual(current, reference)) expect(current, label).toStrictEqual(reference);
}

describe('the store against its reference copy', () => {
  it('exports every name it exported', () => {
    // Helpers may be added (shared between the modules); none may go.
    for (const name of EXPORTS) expect(typeof CURRENT[name as keyof Store], name).toBe(typeof REFERENCE[name as keyof typeof REFERENCE]);
  });

  it('changes slices, and keeps their objects, exactly as before', () => {
    fc.assert(
      fc.property(caseArb, ([world, ops]) => {
        let current = CURRENT.EMPTY_SLICE;
        let reference = REFERENCE.EMPTY_SLICE as chatSlice.ChatSlice;
        ops.forEach((op, step) => {
          made = [];
          const apply = inputsOf(world, op, step);
          const beforeCurrent = objectsOf(current);
          const beforeReference = objectsOf(reference);
          const nextCurrent = apply(CURRENT, current);
          const nextReference = apply(REFERENCE as unknown as Store, reference);
          const label = `op ${step} ${JSON.stringify(op)}`;
          expectSame(label, nextCurrent, nextReference);
          const inputs = objectsOf([world, made]);
          expectSame(`${label}: identities`, identities(nextCurrent, beforeCurrent, inputs), identities(nextReference, beforeReference, inputs));
          current = deepFreeze(nextCurrent);
          reference = deepFreeze(nextReference);
          expectSame(`${label}: queries`, queries(CURRENT, current, world), queries(REFERENCE as unknown as Store, reference, world));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('trims long chats exactly as before', () => {
    const chatArb = fc.record({
      length: fc.integer({ min: 40, max: 130 }),
      pending: fc.nat(3),
      read: fc.array(fc.nat(130), { maxLength: 8 }),
      max: fc.integer({ min: 0, max: 80 }),
      keepFrom: fc.option(fc.nat(140)),
    });
    fc.assert(
      fc.property(chatArb, ({ length, pending, read, max, keepFrom }) => {
        const world = Array.from({ length }, (_, i) => message(i + 1));
        const [current, reference] = [CURRENT, REFERENCE as unknown as Store].map((s) => {
          let slice = s.mergeMessages(s.EMPTY_SLICE, world, ME.id);
          for (const seq of read) slice = s.applyReceipt(slice, { message_id: `m${seq}`, user_id: 'cy' }, ME.id);
          for (let i = 0; i < pending; i += 1) {
            slice = s.addPending(slice, { clientId: `x${i}`, chatId: 'c1', sender: ME, content: 'x', parentMessageId: null, now: 0 });
          }
          return deepFreeze(slice);
        });
        const nextCurrent = CURRENT.trimMessages(current!, max, keepFrom);
        const nextReference = REFERENCE.trimMessages(reference!, max, keepFrom);
        expectSame('trimmed', nextCurrent, nextReference);
        const inputs = objectsOf(world);
        expectSame('identities', identities(nextCurrent, objectsOf(current), inputs), identities(nextReference, objectsOf(reference), inputs));
      }),
      { numRuns: 200 },
    );
  });

  it('changes the store, and notifies its subscribers, exactly as before', () => {
    const chatArb = fc.record({ chat: fc.constantFrom('c1', 'c2', 'c3'), seq: fc.nat(6), read: fc.nat(6), unread: fc.nat(3) });
    const storeOpArb = fc.oneof(
      fc.record({ kind: fc.constantFrom('list' as const), chats: fc.array(chatArb, { maxLength: 3 }) }),
      fc.record({
        kind: fc.constantFrom('activity', 'read', 'readLocally', 'sent', 'lastChange', 'notify', 'unnotify', 'direct', 'presence', 'connection', 'update'),
        at: chatArb,
        author: fc.nat(2),
        n: fc.nat(3),
      }),
    );
    fc.assert(
      fc.property(fc.array(storeOpArb, { maxLength: 30 }), (ops) => {
        const sides = [CURRENT, REFERENCE as unknown as Store].map((s) => {
          const store = s.createChatStore();
          const side = { s, store, notified: 0 };
          store.subscribe(() => (side.notified += 1));
          return side;
        });
        ops.forEach((op, step) => {
          const states = sides.map(({ store }) => store.getState());
          const befores = states.map((state) => objectsOf(state));
          let act: (s: Store, store: chatStore.ChatStore) => unknown;
          if (op.kind === 'list') {
            const chats: Chat[] = deepFreeze(
              op.chats.map(({ chat, seq, read, unread }) => ({
                id: chat, name: chat, is_direct: false, created_by: 'bo', created_at: '2026-01-01T00:00:00.000Z', members: USERS,
                last_seq: seq, last_message: seq ? message(seq, { chat_id: chat }) : null, last_read_seq: Math.min(read, seq), unread_count: unread,
              })),
            );
            act = (s, store) => s.setChatList(store, chats);
          } else {
            const { chat, seq, read, unread } = op.at;
            const sender = USERS[op.author]!;
            const m = deepFreeze(message(seq, { chat_id: chat, sender, sender_id: sender.id, rev: seq + op.n, mentions: op.n % 2 ? [ME.id] : [] }));
            const entries: Presence[] = deepFreeze([{ user_id: sender.id, status: op.n % 2 ? 'away' : 'online', last_seen_at: op.n > 1 ? 'x' : null }]);
            const snapshot = deepFreeze({ status: op.n % 2 ? 'open' : 'closed' }) as never;
            const acts: Record<string, typeof act> = {
              activity: (s, store) => s.applyChatActivity(store, m, ME.id),
              read: (s, store) => s.applyChatRead(store, { chat_id: chat, last_read_seq: read, unread_count: unread }),
              readLocally: (s, store) => s.markChatReadLocally(store, chat, read, op.n === 3 ? undefined : unread),
              sent: (s, store) => s.markChatSentLocally(store, chat),
              lastChange: (s, store) => s.applyLastMessageChange(store, m),
              notify: (s, store) => s.addNotification(store, m, ME.id),
              unnotify: (s, store) => s.removeNotifications(store, (x) => x.chat_id !== chat),
              direct: (s, store) => s.addDirectMessage(store, m),
              presence: (s, store) => [s.applyPresence(store, entries), s.selectPresence(store.getState(), USERS[op.n % 3]!.id).status, s.selectPresence(store.getState(), 'nobody')],
              connection: (s, store) => s.setConnection(store, op.n ? s.PERSONAL : chat, op.n === 2 ? undefined : snapshot),
              update: (s, store) => [s.updateChat(store, chat, (slice) => s.mergeMessages(slice, [m], ME.id)), s.selectChat(store.getState(), chat)],
            };
            act = acts[op.kind]!;
          }
          const results = sides.map(({ s, store }) => act(s, store));
          const label = `op ${step} ${JSON.stringify(op)}`;
          const [current, reference] = sides.map(({ store }) => store.getState());
          expectSame(label, current, reference);
          expectSame(`${label}: result`, JSON.stringify(results[0]), JSON.stringify(results[1]));
          expectSame(`${label}: notified`, sides[0]!.notified, sides[1]!.notified);
          expectSame(`${label}: identities`, identities(current, befores[0]!, new Set()), identities(reference, befores[1]!, new Set()));
          sides.forEach(({ store }) => deepFreeze(store.getState()));
        });
      }),
      { numRuns: 300 },
    );
  });
});
