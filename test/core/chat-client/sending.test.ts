import { describe, expect, it } from 'vitest';
import type { ServerFrame } from 'natter';
import { flushMicrotasks } from 'natter/testing';
import { connected, message } from '../fixtures';
import { contents, ME, mine, newMessage, setup } from '../helpers/client-harness';

describe('createChatClient: optimistic sending', () => {
  it('shows the message as pending at once, sends it with that client id, and turns it sent in place', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    const clientId = t.client.sendMessage('c1', 'Hello');
    expect(t.slice().messages).toHaveLength(2);
    expect(t.slice().messages[1]).toMatchObject({
      key: clientId,
      client_id: clientId,
      status: 'pending',
      id: null,
      seq: null,
      content: 'Hello',
      chat_id: 'c1',
      sender_id: ME.id,
      parent_message_id: null,
      error: null,
    });
    expect(socket.sentOfType('send_message')).toEqual([
      { type: 'send_message', data: { content: 'Hello', message_type: 'text', parent_message_id: null, client_id: clientId } },
    ]);

    socket.receive(newMessage(mine(2, clientId, 'Hello')));
    expect(t.slice().messages.map((m) => [m.key, m.status, m.id, m.seq])).toEqual([
      ['m1', 'sent', 'm1', 1],
      [clientId, 'sent', 'm2', 2],
    ]);
    expect(t.slice().lastSeq).toBe(2);
  });

  it('sends parent_message_id for a reply', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'Re', { parentMessageId: 'm1' });
    expect(socket.sentOfType('send_message')[0]!.data).toMatchObject({ parent_message_id: 'm1', client_id: clientId });
    expect(t.slice().messages[0]).toMatchObject({ parent_message_id: 'm1', status: 'pending' });
  });

  it('someone else’s message with my client id does not confirm my pending one', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'mine');
    socket.receive(newMessage(message(1, { client_id: clientId, content: 'theirs' })));
    expect(t.slice().messages.map((m) => [m.content, m.status])).toEqual([
      ['theirs', 'sent'],
      ['mine', 'pending'],
    ]);
  });

  it('a message sent while the socket is down is sent once it opens, after `connected`', async () => {
    const t = setup();
    t.client.joinChat('c1');
    await flushMicrotasks();
    const clientId = t.client.sendMessage('c1', 'early');
    expect(t.slice().messages[0]).toMatchObject({ key: clientId, status: 'pending' });
    const socket = t.fake.last().accept();
    expect(contents(socket)).toEqual([]);
    socket.receive(connected());
    expect(contents(socket)).toEqual(['early']);
  });

  it('frames queued while down and frames sent between open and `connected` go out once each, in the order sent', async () => {
    const t = setup();
    t.client.joinChat('c1');
    await flushMicrotasks();
    t.client.sendMessage('c1', 'one');
    t.client.sendMessage('c1', 'two');
    const socket = t.fake.last().accept();
    // The protocol allows sending before `connected` arrives.
    t.client.sendMessage('c1', 'three');
    socket.receive(connected());
    expect(contents(socket)).toEqual(['one', 'two', 'three']);
  });

  it('sending to a chat nobody joined opens its socket, and it closes once the message is acknowledged', async () => {
    const t = setup();
    const clientId = t.client.sendMessage('c1', 'drive-by');
    await flushMicrotasks();
    const socket = t.fake.last().accept().receive(connected());
    expect(contents(socket)).toEqual(['drive-by']);
    t.clock.advance(1000);
    expect(socket.closedWith).toBeNull();
    socket.receive(newMessage(mine(1, clientId, 'drive-by')));
    t.clock.advance(50);
    expect(socket.closedWith?.code).toBe(1000);
    expect(t.slice().messages[0]).toMatchObject({ status: 'sent', seq: 1 });
  });

  it('an unacknowledged message keeps a released chat open until acknowledged', async () => {
    const t = setup();
    const { socket, release } = await t.open();
    const clientId = t.client.sendMessage('c1', 'hold on');
    release();
    t.clock.advance(1000);
    expect(socket.closedWith).toBeNull();
    socket.receive(newMessage(mine(1, clientId, 'hold on')));
    t.clock.advance(50);
    expect(socket.closedWith?.code).toBe(1000);
  });

  it('after a drop, unacknowledged frames are resent in order, once per connect; acknowledged ones are not', async () => {
    const t = setup();
    const { socket } = await t.open();
    const a = t.client.sendMessage('c1', 'a');
    t.client.sendMessage('c1', 'b');
    t.client.sendMessage('c1', 'c');
    socket.receive(newMessage(mine(1, a, 'a')));

    const second = await t.drop(socket);
    t.client.sendMessage('c1', 'd'); // while reconnecting
    second.accept();
    expect(contents(second)).toEqual([]);
    second.receive(connected({ last_seq: 1 }));
    expect(contents(second)).toEqual(['b', 'c', 'd']);

    // Dropped again before any acknowledgement: the same frames once more, once.
    const third = await t.drop(second);
    third.accept().receive(connected({ last_seq: 1 }));
    expect(contents(third)).toEqual(['b', 'c', 'd']);
    const sent = third.sentOfType('send_message').map((frame) => frame.data.client_id!);
    // The server acknowledges (client_id idempotency makes the resends safe).
    third.receive(newMessage(mine(2, sent[0]!, 'b')));
    third.receive(newMessage(mine(3, sent[1]!, 'c')));
    third.receive(newMessage(mine(4, sent[2]!, 'd')));

    const fourth = await t.drop(third);
    fourth.accept().receive(connected({ last_seq: 4 }));
    expect(contents(fourth)).toEqual([]);
    expect(t.slice().messages.map((m) => [m.content, m.status, m.seq])).toEqual([
      ['a', 'sent', 1],
      ['b', 'sent', 2],
      ['c', 'sent', 3],
      ['d', 'sent', 4],
    ]);
  });

  it('keeps the same client id across resends', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'x');
    const next = await t.drop(socket);
    next.accept().receive(connected());
    expect(next.sentOfType('send_message').map((f) => f.data.client_id)).toEqual([clientId]);
  });
});

describe('createChatClient: delivered', () => {
  const delivered = (seq: number): ServerFrame => ({ type: 'delivered', data: { chat_id: 'c1', seq, user_ids: ['bo'] } });

  it('a delivered frame turns my sent messages up to its seq delivered, never a read one, never others\'', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(mine(1, 'a', 'one')));
    socket.receive(newMessage(mine(2, 'b', 'two')));
    socket.receive(newMessage(message(3)));
    socket.receive(newMessage(mine(4, 'c', 'four')));
    socket.receive({ type: 'read_receipt', data: { message_id: 'm1', user_id: 'bo', chat_id: 'c1', seq: 1, read_at: '' } });
    socket.receive(delivered(3));
    expect(t.slice().messages.map((m) => m.status)).toEqual(['read', 'delivered', 'sent', 'sent']);
    const before = t.slice();
    socket.receive(delivered(2));
    expect(t.slice()).toBe(before);
  });

  it('the connected frame\'s delivered_seq marks history, and later confirmations below it arrive delivered', async () => {
    const t = setup();
    const { socket } = await t.open('c1', { delivered_seq: 5 });
    socket.receive(newMessage(mine(5, 'x', 'was delivered')));
    socket.receive(newMessage(mine(6, 'y', 'not yet')));
    expect(t.slice().messages.map((m) => m.status)).toEqual(['delivered', 'sent']);
  });
});

describe('createChatClient: send timeout and discard', () => {
  it('a message unanswered for 40 s on a live socket fails with timeout; retry sends it again', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'hello?');
    t.clock.advance(25_000);
    // Live: its ping is answered.
    socket.receive({ type: 'pong', data: { ts: socket.sentOfType('ping')[0]!.data.ts, server_time: '' } });
    t.clock.advance(14_999);
    expect(t.slice().messages[0]!.status).toBe('pending');
    t.clock.advance(1);
    expect(t.slice().messages[0]).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
    expect(t.errors.map((e) => e.code)).toEqual(['timeout']);
    expect(t.client.retry('c1', clientId)).toBe(true);
    expect(contents(socket)).toEqual(['hello?', 'hello?']);
    socket.receive(newMessage(mine(1, clientId, 'hello?')));
    expect(t.slice().messages[0]).toMatchObject({ status: 'sent', seq: 1 });
  });

  it('time spent disconnected does not count: a queued message waits and is resent', async () => {
    const t = setup({ sendTimeoutMs: 1000 });
    const { socket } = await t.open();
    t.client.sendMessage('c1', 'patience');
    t.clock.advance(500);
    socket.drop(1006);
    t.clock.advance(60_000);
    await flushMicrotasks();
    expect(t.slice().messages[0]!.status).toBe('pending');
    const next = t.fake.last();
    next.accept().receive(connected({ chat_id: 'c1' }));
    expect(contents(next)).toEqual(['patience']);
    t.clock.advance(999);
    expect(t.slice().messages[0]!.status).toBe('pending');
  });

  it('nor does time after disconnect() or during reconnect(): a message in flight waits for the next socket', async () => {
    const t = setup({ sendTimeoutMs: 1000 });
    const { socket } = await t.open();
    t.client.sendMessage('c1', 'patience');
    t.client.disconnect('c1');
    t.clock.advance(60_000);
    expect(t.slice().messages[0]!.status).toBe('pending');
    t.client.reconnect('c1');
    await flushMicrotasks();
    const next = t.fake.last().accept().receive(connected({ chat_id: 'c1' }));
    expect(contents(next)).toEqual(['patience']);
    // Replaced while in flight: the new socket has not spoken yet, so nothing counts.
    t.client.reconnect('c1');
    t.clock.advance(60_000);
    await flushMicrotasks();
    expect(t.slice().messages[0]!.status).toBe('pending');
    expect(t.errors).toEqual([]);
    const third = t.fake.last().accept().receive(connected({ chat_id: 'c1' }));
    expect(contents(third)).toEqual(['patience']);
    expect(contents(socket)).toEqual(['patience']);
  });

  it('discard drops a pending or failed message from the chat and never sends it again', async () => {
    const t = setup();
    const { socket } = await t.open();
    const failed = t.client.sendMessage('c1', 'will fail');
    socket.receive({ type: 'error', data: { code: 'forbidden', message: 'no', frame_type: 'send_message', client_id: failed } });
    const pending = t.client.sendMessage('c1', 'never mind');
    expect(t.client.discard('c1', failed)).toBe(true);
    expect(t.client.discard('c1', pending)).toBe(true);
    expect(t.client.discard('c1', 'unknown')).toBe(false);
    expect(t.slice().messages).toEqual([]);
    const next = await t.drop(socket);
    next.accept().receive(connected({ chat_id: 'c1' }));
    expect(contents(next)).toEqual([]);
  });
});
