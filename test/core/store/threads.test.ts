import { describe, expect, it } from 'vitest';
import { EMPTY_SLICE } from 'natter';
import { addPending, mergeHistory, mergeMessages, removeUnconfirmed, setPendingStatus } from '../../../src/core/store/chat-slice';
import { applyCopies } from '../../../src/core/store/message-changes';
import { addToThreads, EMPTY_THREAD, mergeThreadPage, patchThread, setThreadParent, syncThreadRow } from '../../../src/core/store/threads';
import { historyMessage, message, user } from '../fixtures';
import { deepFreeze } from '../helpers/slice-invariants';

const ME = 'ana';

describe('patchThread', () => {
  it('writes onto a thread, creating it from the empty one, and leaves the other threads as they were', () => {
    const slice = deepFreeze(patchThread(EMPTY_SLICE, 'm1', { hasOlder: true }));
    expect(slice.threads.m1).toEqual({ ...EMPTY_THREAD, hasOlder: true });
    const next = patchThread(slice, 'm2', { hasOlder: false });
    expect(next.threads.m1).toBe(slice.threads.m1);
    expect(patchThread(next, 'm1', { hasOlder: false }).threads.m1).toEqual({ ...EMPTY_THREAD, hasOlder: false });
  });
});

describe('thread rows', () => {
  it('a reply of mine goes to its thread pending, follows its status there, and leaves it when discarded', () => {
    let slice = mergeMessages(EMPTY_SLICE, [message(1)], ME);
    slice = addPending(slice, { clientId: 'r1', chatId: 'c1', sender: user(ME), content: 'r', parentMessageId: 'm1', now: 0 });
    slice = setPendingStatus(slice, 'r1', 'failed', null);
    expect(slice.threads.m1!.replies).toEqual([slice.messages[1]]);
    expect(slice.threads.m1!.replies[0]!.status).toBe('failed');
    slice = removeUnconfirmed(slice, 'r1');
    expect(slice.threads.m1!.replies).toEqual([]);
    expect(slice.messages).toHaveLength(1);
  });

  it('changes nothing (same slice) for a thread not held, a key not in it, or a row already there', () => {
    let slice = mergeMessages(EMPTY_SLICE, [message(1)], ME);
    slice = deepFreeze(addPending(slice, { clientId: 'r1', chatId: 'c1', sender: user(ME), content: 'r', parentMessageId: 'm1', now: 0 }));
    const reply = slice.threads.m1!.replies[0]!;
    expect(syncThreadRow(slice, null, 'r1', null)).toBe(slice);
    expect(syncThreadRow(slice, 'm9', 'r1', null)).toBe(slice);
    expect(syncThreadRow(slice, 'm1', 'nope', null)).toBe(slice);
    expect(syncThreadRow(slice, 'm1', 'r1', reply)).toBe(slice);
    expect(addToThreads(slice, [slice.messages[0]!], ME)).toBe(slice);
  });

  it('confirmed replies join a loaded thread once, in seq order, replacing my pending copy', () => {
    let slice = mergeMessages(EMPTY_SLICE, [message(1)], ME);
    slice = mergeThreadPage(slice, 'm1', { messages: [historyMessage(3, [], { parent_message_id: 'm1' })], has_more: false }, ME);
    slice = addPending(slice, { clientId: 'r1', chatId: 'c1', sender: user(ME), content: 'r', parentMessageId: 'm1', now: 0 });
    slice = mergeMessages(slice, [message(2, { parent_message_id: 'm1' }), message(4, { parent_message_id: 'm1', sender: user(ME), client_id: 'r1' })], ME);
    expect(slice.threads.m1!.replies.map((m) => [m.key, m.seq])).toEqual([['m2', 2], ['m3', 3], ['r1', 4]]);
    const again = mergeThreadPage(slice, 'm1', { messages: [historyMessage(3, [], { parent_message_id: 'm1' })], has_more: false }, ME);
    expect(again).toBe(slice);
  });
});

describe('setThreadParent', () => {
  it('keeps the parent’s copy; an older or equal copy changes nothing', () => {
    const slice = setThreadParent(EMPTY_SLICE, historyMessage(1, [], { rev: 3 }), ME);
    expect(slice.threads.m1!.parent).toMatchObject({ id: 'm1', rev: 3, status: 'sent' });
    expect(setThreadParent(slice, historyMessage(1, [], { rev: 3, content: 'same rev' }), ME)).toBe(slice);
    expect(setThreadParent(slice, historyMessage(1, [], { rev: 4, content: 'newer' }), ME).threads.m1!.parent!.content).toBe('newer');
  });

  it('records the parent’s readers, and shows one of mine as read or delivered like any row', () => {
    const mine = { sender_id: ME, sender: user(ME) };
    const slice = setThreadParent({ ...EMPTY_SLICE, deliveredSeq: 9 }, historyMessage(5, ['bo'], mine), ME);
    expect(slice.readBy.m5).toEqual(['bo']);
    expect(slice.threads.m5!.parent).toMatchObject({ id: 'm5', status: 'read' });
    expect(slice.threads.m5!.parent).not.toHaveProperty('read_by');
    expect(setThreadParent(slice, historyMessage(4, [], mine), ME).threads.m4!.parent!.status).toBe('delivered');
  });
});

describe('mergeThreadPage readers', () => {
  it('records the readers of a page of replies (held only in the thread) as receipts', () => {
    const mine = { sender_id: ME, sender: user(ME), parent_message_id: 'm5' };
    let slice = mergeMessages(EMPTY_SLICE, [message(100)], ME);
    slice = mergeThreadPage(slice, 'm5', { messages: [historyMessage(6, ['bo'], { parent_message_id: 'm5' }), historyMessage(7, ['cy'], { ...mine, client_id: 'r7' })], has_more: false }, ME);
    expect(slice.readBy).toEqual({ m6: ['bo'], m7: ['cy'] });
    expect(slice.threads.m5!.replies.map((m) => m.status)).toEqual(['sent', 'read']);
  });
});

describe('a reply held both in its thread and in the list', () => {
  const reply = (rev: number, content = `rev ${rev}`) => historyMessage(6, [], { parent_message_id: 'm5', rev, content });

  it('a history page bringing a newer copy than the thread’s refreshes the thread’s too, and later changes reach both', () => {
    let slice = mergeMessages(EMPTY_SLICE, [message(100)], ME);
    slice = mergeThreadPage(slice, 'm5', { messages: [reply(6)], has_more: false }, ME);
    // Edited while this client was away; the list loads it before the rev catch-up ran.
    slice = mergeHistory(slice, { messages: [reply(90, 'edited')], has_more: true }, ME, 'older');
    expect(slice.threads.m5!.replies[0]).toMatchObject({ content: 'edited', rev: 90 });
    slice = applyCopies(slice, [reply(91, 'again')]);
    expect([slice.messages[0]!.content, slice.threads.m5!.replies[0]!.content]).toEqual(['again', 'again']);
  });

  it('a thread page read before a change does not bring back what it replaced', () => {
    let slice = mergeMessages(EMPTY_SLICE, [message(6, { parent_message_id: 'm5', rev: 90, content: 'edited' }), message(100)], ME);
    slice = mergeThreadPage(slice, 'm5', { messages: [reply(6)], has_more: false }, ME);
    expect(slice.threads.m5!.replies[0]).toBe(slice.messages[0]);
    expect(slice.threads.m5!.replies[0]!.content).toBe('edited');
  });
});
