import { describe, expect, it } from 'vitest';
import { createChatStore, selectChat, type ChatSlice } from 'natter';
import { mergeMessages } from '../../../src/core/store/chat-slice';
import { trimMessages } from '../../../src/core/store/message-memory';
import { applyCopies, findHeld } from '../../../src/core/store/message-changes';
import { mergeThreadPage } from '../../../src/core/store/threads';
import { historyMessage, message } from '../fixtures';

function held(count: number): ChatSlice {
  const slice = selectChat(createChatStore().getState(), 'c1');
  return mergeMessages({ ...slice, hasOlder: false }, Array.from({ length: count }, (_, i) => message(i + 1)), 'ana');
}

describe('trimMessages', () => {
  it('leaves a chat within the window plus its slack as it is (identity)', () => {
    const slice = held(150);
    expect(trimMessages(slice, 100, null)).toBe(slice);
    expect(trimMessages(held(2000), Number.POSITIVE_INFINITY, null).messages).toHaveLength(2000);
  });

  it('beyond it, drops the oldest down to the newest `max`, says older ones exist, and forgets their receipts', () => {
    const slice = { ...held(151), readBy: { m1: ['bo'], m151: ['bo'] } };
    const next = trimMessages(slice, 100, null);
    expect(next.messages.map((m) => m.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 52));
    expect(next.hasOlder).toBe(true);
    expect(next.readBy).toEqual({ m151: ['bo'] });
    expect(slice.readBy).toEqual({ m1: ['bo'], m151: ['bo'] });
  });

  it('keeps everything from `keepFromSeq` on, even beyond the window', () => {
    const slice = held(300);
    expect(trimMessages(slice, 100, 120).messages[0]!.seq).toBe(120);
    expect(trimMessages(slice, 100, 1)).toBe(slice);
  });

  it('the slack is a tenth of the window for large windows', () => {
    expect(trimMessages(held(1100), 1000, null).messages).toHaveLength(1100);
    expect(trimMessages(held(1101), 1000, null).messages).toHaveLength(1000);
  });

  it('a dropped message with a thread open stays that thread’s parent, kept live; rows a thread shows keep their readers', () => {
    let slice = held(151);
    const reply = historyMessage(140, ['cy'], { parent_message_id: 'm1' });
    slice = mergeThreadPage(slice, 'm1', { messages: [reply], has_more: false }, 'ana');
    slice = { ...slice, readBy: { ...slice.readBy, m1: ['bo'], m2: ['bo'] } };
    const parent = slice.messages[0];
    slice = trimMessages(slice, 100, null);
    expect(slice.messages[0]!.seq).toBe(52);
    expect(findHeld(slice, 'm1')).toBe(parent);
    expect(slice.threads.m1!.parent).toBe(parent);
    expect(slice.readBy).toEqual({ m1: ['bo'], m140: ['cy'] });
    // The reply count a new reply brings still reaches it.
    slice = applyCopies(slice, [message(1, { reply_count: 2, rev: 200 })]);
    expect(findHeld(slice, 'm1')).toMatchObject({ reply_count: 2, rev: 200 });
  });
});
