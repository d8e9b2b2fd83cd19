import { describe, expect, it } from 'vitest';
import { EMPTY_SLICE, NatterError, type ChatSlice } from 'natter';
import {
  addPending,
  mergeHistory,
  mergeMessages,
  setPendingStatus,
} from '../../../src/core/store/chat-slice';
import { historyMessage, message, user } from '../fixtures';

const ME = 'ana';
const seqs = (slice: ChatSlice) => slice.messages.map((m) => m.seq);

describe('mergeMessages', () => {
  it('orders by seq whatever the arrival order, and keeps each id once', () => {
    let slice = EMPTY_SLICE;
    for (const seq of [3, 1, 2, 3, 5, 1, 4]) slice = mergeMessages(slice, [message(seq)], ME);
    expect(seqs(slice)).toEqual([1, 2, 3, 4, 5]);
    expect(slice.lastSeq).toBe(5);
  });

  it('returns the same slice when nothing is new', () => {
    const slice = mergeMessages(EMPTY_SLICE, [message(1), message(2)], ME);
    expect(mergeMessages(slice, [message(2), message(1)], ME)).toBe(slice);
  });

  it('replaces my pending message in place with the confirmed one, keeping its key', () => {
    let slice = mergeMessages(EMPTY_SLICE, [message(1)], ME);
    slice = addPending(slice, { clientId: 'c-1', chatId: 'c1', sender: user(ME), content: 'hi', parentMessageId: null, now: 0 });
    slice = addPending(slice, { clientId: 'c-2', chatId: 'c1', sender: user(ME), content: 'again', parentMessageId: null, now: 1 });
    expect(slice.messages.map((m) => [m.key, m.status])).toEqual([['m1', 'sent'], ['c-1', 'pending'], ['c-2', 'pending']]);
    slice = mergeMessages(slice, [message(2, { sender_id: ME, sender: user(ME), client_id: 'c-1', content: 'hi' })], ME);
    expect(slice.messages.map((m) => [m.key, m.status, m.seq])).toEqual([
      ['m1', 'sent', 1],
      ['c-1', 'sent', 2],
      ['c-2', 'pending', null],
    ]);
  });

  it('does not let someone else’s message with my client_id confirm my pending one', () => {
    let slice = addPending(EMPTY_SLICE, { clientId: 'same', chatId: 'c1', sender: user(ME), content: 'mine', parentMessageId: null, now: 0 });
    slice = mergeMessages(slice, [message(1, { client_id: 'same' })], ME);
    expect(slice.messages.map((m) => m.status)).toEqual(['sent', 'pending']);
  });

  it('keeps pending messages after confirmed ones even when older history arrives', () => {
    let slice = mergeMessages(EMPTY_SLICE, [message(10)], ME);
    slice = addPending(slice, { clientId: 'p', chatId: 'c1', sender: user(ME), content: 'x', parentMessageId: null, now: 0 });
    slice = mergeMessages(slice, [message(8), message(9)], ME);
    expect(seqs(slice)).toEqual([8, 9, 10, null]);
  });
});

describe('setPendingStatus', () => {
  it('marks a pending message failed with its error, and back', () => {
    let slice = addPending(EMPTY_SLICE, { clientId: 'p', chatId: 'c1', sender: user(ME), content: 'x', parentMessageId: null, now: 0 });
    const error = new NatterError('forbidden', 'no');
    slice = setPendingStatus(slice, 'p', 'failed', error);
    expect(slice.messages[0]).toMatchObject({ status: 'failed', error });
    slice = setPendingStatus(slice, 'p', 'pending', null);
    expect(slice.messages[0]).toMatchObject({ status: 'pending', error: null });
    expect(setPendingStatus(slice, 'unknown', 'failed', error)).toBe(slice);
  });
});

describe('mergeHistory', () => {
  it('merges messages with their readers and records whether older pages exist', () => {
    let slice = mergeMessages(EMPTY_SLICE, [message(5)], ME);
    slice = mergeHistory(slice, { messages: [historyMessage(3, ['bo'], { sender_id: ME, sender: user(ME) }), historyMessage(4)], has_more: true }, ME, 'older');
    expect(seqs(slice)).toEqual([3, 4, 5]);
    expect(slice.hasOlder).toBe(true);
    expect(slice.messages[0]!.status).toBe('read');
    slice = mergeHistory(slice, { messages: [historyMessage(1), historyMessage(2)], has_more: false }, ME, 'older');
    expect(slice.hasOlder).toBe(false);
    const gapFill = mergeHistory(slice, { messages: [historyMessage(6)], has_more: true }, ME, 'newer');
    expect(gapFill.hasOlder).toBe(false);
    expect(seqs(gapFill)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
