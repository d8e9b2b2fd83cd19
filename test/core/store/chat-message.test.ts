import { describe, expect, it } from 'vitest';
import { EMPTY_SLICE, type ChatMessage } from 'natter';
import {
  confirmedRow,
  firstSeq,
  indexOfMessage,
  insertConfirmed,
  patchAt,
  placeConfirmed,
  replaceAt,
  toChatMessage,
} from '../../../src/core/store/chat-message';
import { addPending } from '../../../src/core/store/chat-slice';
import { message, user } from '../fixtures';
import { deepFreeze } from '../helpers/slice-invariants';

const ME = 'ana';
const row = (seq: number, overrides: Parameters<typeof message>[1] = {}) => toChatMessage(message(seq, overrides), 'sent', ME);
const pending = (clientId: string): ChatMessage =>
  addPending(EMPTY_SLICE, { clientId, chatId: 'c1', sender: user(ME), content: 'p', parentMessageId: null, now: 0 }).messages[0]!;
const keys = (list: readonly ChatMessage[]) => list.map((m) => m.key);

describe('placeConfirmed', () => {
  it('puts a confirmed row in seq order, ahead of the unconfirmed tail', () => {
    const list = [row(1), row(4), pending('p1')];
    expect(placeConfirmed(list, row(2), ME)).toBe(true);
    expect(placeConfirmed(list, row(9), ME)).toBe(true);
    expect(keys(list)).toEqual(['m1', 'm2', 'm4', 'm9', 'p1']);
  });

  it('replaces my pending copy with its confirmation, and keeps it when told to (currentUserId null)', () => {
    const mine = row(3, { sender: user(ME), client_id: 'p1' });
    const list = [row(1), pending('p0'), pending('p1')];
    expect(placeConfirmed(list, mine, ME)).toBe(true);
    expect(list.map((m) => [m.key, m.seq])).toEqual([['m1', 1], ['p1', 3], ['p0', null]]);
    const kept = [row(1), pending('p1')];
    expect(placeConfirmed(kept, mine, null)).toBe(true);
    expect(kept.map((m) => [m.key, m.seq])).toEqual([['m1', 1], ['p1', 3], ['p1', null]]);
  });

  it('someone else’s message with my client id never replaces my pending copy', () => {
    const list = [pending('same')];
    placeConfirmed(list, row(1, { client_id: 'same' }), ME);
    expect(list.map((m) => m.status)).toEqual(['sent', 'pending']);
  });

  it('leaves the list alone and says false when it holds that id already', () => {
    const list = deepFreeze([row(1), row(2)]);
    expect(placeConfirmed(list, row(2, { content: 'other copy' }), ME)).toBe(false);
  });
});

describe('insertConfirmed', () => {
  it('returns a new list and never touches the one given; null when the id is held', () => {
    const list = deepFreeze([row(1), row(3)]);
    expect(keys(insertConfirmed(list, row(2), ME)!)).toEqual(['m1', 'm2', 'm3']);
    expect(insertConfirmed(list, row(3), ME)).toBeNull();
  });
});

describe('firstSeq', () => {
  it('is the seq of the first confirmed message, past pending ones', () => {
    expect(firstSeq([pending('p0'), row(7), row(8)])).toBe(7);
  });

  it('is null without a confirmed message', () => {
    expect(firstSeq([])).toBeNull();
    expect(firstSeq([pending('p1')])).toBeNull();
  });
});

describe('indexOfMessage', () => {
  it('finds a message by id with or without its seq, and says -1 for one not held', () => {
    const list = [row(1), row(2), row(5), pending('p1')];
    expect(indexOfMessage(list, 'm5')).toBe(2);
    expect(indexOfMessage(list, 'm5', 5)).toBe(2);
    expect(indexOfMessage(list, 'm1')).toBe(0);
    expect(indexOfMessage(list, 'm3')).toBe(-1);
    expect(indexOfMessage(list, 'm3', 3)).toBe(-1);
    expect(indexOfMessage(list, 'm5', 2)).toBe(-1);
    expect(indexOfMessage([], 'm1')).toBe(-1);
  });
});

describe('replaceAt and patchAt', () => {
  it('copy the list with one item replaced, patched or (null) removed, leaving the rest and the input as they were', () => {
    const list = deepFreeze([row(1), row(2), row(3)]);
    const replaced = replaceAt(list, 1, row(7));
    expect(keys(replaced)).toEqual(['m1', 'm7', 'm3']);
    expect(replaced[0]).toBe(list[0]);
    expect(keys(replaceAt(list, 0, null))).toEqual(['m2', 'm3']);
    const patched = patchAt(list, 2, { status: 'read' });
    expect(patched[2]).toEqual({ ...list[2], status: 'read' });
    expect(patched[1]).toBe(list[1]);
    expect(list.map((m) => m.status)).toEqual(['sent', 'sent', 'sent']);
  });
});

describe('confirmedRow', () => {
  it('gives my messages read, then delivered, then sent; everyone else’s sent', () => {
    const mine = message(4, { sender: user(ME), client_id: 'c4' });
    expect(confirmedRow(mine, ME, true, 9)).toMatchObject({ status: 'read', key: 'c4' });
    expect(confirmedRow(mine, ME, false, 4).status).toBe('delivered');
    expect(confirmedRow(mine, ME, false, 3).status).toBe('sent');
    expect(confirmedRow(message(4), ME, true, 9)).toMatchObject({ status: 'sent', key: 'm4' });
  });
});

describe('toChatMessage with hostile REST input', () => {
  it('a "__proto__" key in the JSON stays out of the row and never sets its prototype', () => {
    const hostile = JSON.parse(JSON.stringify(message(1)).replace('{', '{"__proto__":{"polluted":true,"status":"read"},')) as Parameters<typeof toChatMessage>[0];
    expect(Object.hasOwn(hostile, '__proto__')).toBe(true);
    const row = toChatMessage(hostile, 'sent', ME);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect((row as unknown as { polluted?: boolean }).polluted).toBeUndefined();
    expect(row).toMatchObject({ id: 'm1', seq: 1, status: 'sent' });
  });

  it('a field this client does not know is kept; one named like a row field does not override the row', () => {
    const { rev: _rev, reactions: _reactions, ...seedLike } = message(1);
    const rest = { ...seedLike, pinned: true, status: 'read', key: 'x' } as Parameters<typeof toChatMessage>[0];
    const row = toChatMessage(rest, 'sent', ME);
    expect(row).toMatchObject({ pinned: true, status: 'sent', key: 'm1', reactions: [], rev: 0 });
  });
});
