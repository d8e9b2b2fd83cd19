import { describe, expect, it } from 'vitest';
import { createChatStore, selectChat, type ChatSlice } from 'natter';
import { mergeMessages } from '../../../src/core/store/chat-slice';
import { trimMessages } from '../../../src/core/store/message-memory';
import { message } from '../fixtures';

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
});
