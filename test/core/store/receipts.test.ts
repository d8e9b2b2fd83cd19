import { describe, expect, it } from 'vitest';
import { EMPTY_SLICE } from 'natter';
import { mergeMessages } from '../../../src/core/store/chat-slice';
import { applyDelivered, applyReceipt } from '../../../src/core/store/receipts';
import { message, user } from '../fixtures';

const ME = 'ana';

describe('applyReceipt', () => {
  it('records each reader once, and turns my message read', () => {
    let slice = mergeMessages(EMPTY_SLICE, [message(1, { sender_id: ME, sender: user(ME) }), message(2)], ME);
    slice = applyReceipt(slice, { message_id: 'm1', user_id: 'bo' }, ME);
    const again = applyReceipt(slice, { message_id: 'm1', user_id: 'bo' }, ME);
    expect(again).toBe(slice);
    slice = applyReceipt(slice, { message_id: 'm2', user_id: 'cy' }, ME);
    expect(slice.readBy).toEqual({ m1: ['bo'], m2: ['cy'] });
    expect(slice.messages.map((m) => m.status)).toEqual(['read', 'sent']);
  });

  it('keeps a receipt that arrives before its message, and applies it when the message lands', () => {
    let slice = applyReceipt(EMPTY_SLICE, { message_id: 'm1', user_id: 'bo' }, ME);
    slice = mergeMessages(slice, [message(1, { sender_id: ME, sender: user(ME) })], ME);
    expect(slice.messages[0]!.status).toBe('read');
  });
});

describe('applyDelivered', () => {
  it('turns my sent messages up to the seq delivered, leaves read ones and others’ alone, and never goes back', () => {
    const mine = { sender_id: ME, sender: user(ME) };
    let slice = mergeMessages(EMPTY_SLICE, [message(1, mine), message(2), message(3, mine), message(4, mine)], ME);
    slice = applyReceipt(slice, { message_id: 'm1', user_id: 'bo' }, ME);
    slice = applyDelivered(slice, 3, ME);
    expect(slice.messages.map((m) => m.status)).toEqual(['read', 'sent', 'delivered', 'sent']);
    expect(slice.deliveredSeq).toBe(3);
    expect(applyDelivered(slice, 2, ME)).toBe(slice);
    // A message confirmed later at or below the watermark enters delivered.
    slice = mergeMessages(applyDelivered(slice, 5, ME), [message(5, mine)], ME);
    expect(slice.messages.map((m) => m.status)).toEqual(['read', 'sent', 'delivered', 'delivered', 'delivered']);
  });
});
