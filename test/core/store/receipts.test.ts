import { describe, expect, it } from 'vitest';
import { EMPTY_SLICE } from 'natter';
import { mergeMessages } from '../../../src/core/store/chat-slice';
import { openWindow } from '../../../src/core/store/message-window';
import { mergeThreadPage, setThreadParent } from '../../../src/core/store/threads';
import { applyDelivered, applyReceipt } from '../../../src/core/store/receipts';
import { historyMessage, message, user } from '../fixtures';

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

  it('takes a message id that every object has as a name (constructor, toString) as an id like any other', () => {
    let slice = applyReceipt(EMPTY_SLICE, { message_id: 'constructor', user_id: 'bo' }, ME);
    slice = applyReceipt(slice, { message_id: 'toString', user_id: 'cy' }, ME);
    expect(slice.readBy).toEqual({ constructor: ['bo'], toString: ['cy'] });
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

  it('reaches the detached window of a far jump, and leaves the slice itself when nothing there turns', () => {
    const mine = { sender_id: ME, sender: user(ME) };
    let slice = mergeMessages(EMPTY_SLICE, [message(100, mine), message(101)], ME);
    const page = { messages: [historyMessage(10, [], mine), historyMessage(11), historyMessage(12, [], mine), historyMessage(13, ['bo'], mine)], has_more: true, has_newer: true };
    slice = openWindow(slice, page, ME);
    expect(slice.window!.messages.map((m) => m.status)).toEqual(['sent', 'sent', 'sent', 'read']);
    const live = slice.messages;
    slice = applyDelivered(slice, 11, ME);
    expect(slice.window!.messages.map((m) => m.status)).toEqual(['delivered', 'sent', 'sent', 'read']);
    expect(slice.messages).toBe(live);
    const window = slice.window;
    slice = applyDelivered(slice, 12, ME);
    expect(slice.window!.messages.map((m) => m.status)).toEqual(['delivered', 'sent', 'delivered', 'read']);
    expect(slice.window!.messages[0]).toBe(window!.messages[0]);
    // Nothing of mine in (12, 50] in the window: it keeps its identity.
    const held = slice.window;
    slice = applyDelivered(slice, 50, ME);
    expect(slice.window).toBe(held);
    slice = applyDelivered(slice, 100, ME);
    expect(slice.messages.map((m) => m.status)).toEqual(['delivered', 'sent']);
    expect(slice.window).toBe(held);
  });
});

describe('receipts and delivery in threads', () => {
  const mine = { sender_id: ME, sender: user(ME) };
  const reply = (seq: number, parent: string) => historyMessage(seq, [], { ...mine, parent_message_id: parent, client_id: `c${seq}` });

  it('reach my rows held only in a thread (an older message’s): its replies and its kept parent', () => {
    let slice = mergeMessages(EMPTY_SLICE, [message(100)], ME);
    slice = setThreadParent(slice, historyMessage(5, [], mine), ME);
    slice = mergeThreadPage(slice, 'm5', { messages: [reply(6, 'm5'), reply(7, 'm5')], has_more: false }, ME);
    const live = slice.messages;
    slice = applyDelivered(slice, 6, ME);
    expect(slice.threads.m5!.parent!.status).toBe('delivered');
    expect(slice.threads.m5!.replies.map((m) => m.status)).toEqual(['delivered', 'sent']);
    slice = applyReceipt(slice, { message_id: 'm7', user_id: 'bo' }, ME);
    slice = applyReceipt(slice, { message_id: 'm5', user_id: 'bo' }, ME);
    expect(slice.threads.m5!.parent!.status).toBe('read');
    expect(slice.threads.m5!.replies.map((m) => m.status)).toEqual(['delivered', 'read']);
    expect(slice.messages).toBe(live);
    // Nothing of mine to turn: the threads keep their identity.
    const threads = slice.threads;
    expect(applyReceipt(slice, { message_id: 'm100', user_id: 'cy' }, ME).threads).toBe(threads);
    expect(applyDelivered(slice, 99, ME).threads).toBe(threads);
  });

  it('reach the thread copy of my reply held in the window of a far jump', () => {
    let slice = mergeMessages(EMPTY_SLICE, [message(100)], ME);
    slice = openWindow(slice, { messages: [historyMessage(10), reply(11, 'm10')], has_more: true, has_newer: true }, ME);
    slice = mergeThreadPage(slice, 'm10', { messages: [reply(11, 'm10')], has_more: false }, ME);
    slice = applyReceipt(slice, { message_id: 'm11', user_id: 'bo' }, ME);
    expect(slice.window!.messages[1]!.status).toBe('read');
    expect(slice.threads.m10!.replies[0]!.status).toBe('read');
  });
});
