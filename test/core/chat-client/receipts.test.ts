import { describe, expect, it } from 'vitest';
import type { ServerFrame } from 'natter';
import { connected, message } from '../fixtures';
import { BO, ME, mine, newMessage, setup } from '../helpers/client-harness';
import { jumpTo, loadThread } from 'natter/features';

describe('createChatClient: read receipts', () => {
  const receipt = (messageId: string, userId: string, seq = 1): ServerFrame => ({
    type: 'read_receipt',
    data: { message_id: messageId, user_id: userId, chat_id: 'c1', seq, read_at: '2026-11-24T09:31:00.000Z' },
  });

  it('markRead sends one read_receipt per message, never for my own', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    socket.receive(newMessage(message(2, { sender: ME })));
    const clientId = t.client.sendMessage('c1', 'pending one');
    t.client.markRead('c1', 'm1');
    t.client.markRead('c1', 'm1');
    t.client.markRead('c1', 'm2');
    t.client.markRead('c1', clientId);
    t.client.markRead('c1', 'm-unknown');
    expect(socket.sentOfType('read_receipt')).toEqual([{ type: 'read_receipt', data: { message_id: 'm1' } }]);
  });

  it('markRead reaches a message held only in the window of a far jump or in a thread, and moves my last read seq', async () => {
    const t = setup();
    for (let seq = 1; seq <= 400; seq += 1) t.history.add(message(seq, seq === 120 ? { sender: BO, parent_message_id: 'm10' } : {}));
    const { socket } = await t.open('c1', { last_seq: 400 });
    await t.client.loadHistory('c1', { limit: 50 });
    await jumpTo(t.client, 'c1', 'm100');
    expect(t.slice().window?.messages.some((m) => m.id === 'm100')).toBe(true);
    t.client.markRead('c1', 'm100');
    await loadThread(t.client, 'c1', 'm10');
    expect(t.slice().threads.m10!.replies.map((m) => m.id)).toEqual(['m120']);
    t.client.markRead('c1', 'm120');
    expect(socket.sentOfType('read_receipt').map((f) => f.data.message_id)).toEqual(['m100', 'm120']);
    expect(t.slice().lastReadSeq).toBe(120);
  });

  it('does not send a receipt for a message already read by me (from history)', async () => {
    const t = setup();
    t.history.add(message(1));
    t.history.read('m1', ME.id);
    const { socket } = await t.open();
    await t.client.loadHistory('c1');
    t.client.markRead('c1', 'm1');
    expect(socket.sentOfType('read_receipt')).toEqual([]);
  });

  it('sends nothing while the page is hidden; markRead once visible again does', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    t.setVisible(false);
    t.client.markRead('c1', 'm1');
    expect(socket.sentOfType('read_receipt')).toEqual([]);
    // Reconnecting while hidden does not send it either.
    const next = await t.drop(socket);
    next.accept().receive(connected({ last_seq: 1 }));
    expect(next.sentOfType('read_receipt')).toEqual([]);
    t.setVisible(true);
    t.client.markRead('c1', 'm1');
    expect(next.sentOfType('read_receipt')).toEqual([{ type: 'read_receipt', data: { message_id: 'm1' } }]);
  });

  it('a receipt marked while the socket is down is sent on `connected`, once', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    socket.receive(newMessage(message(2)));
    const next = await t.drop(socket);
    t.client.markRead('c1', 'm1');
    t.client.markRead('c1', 'm2');
    t.client.markRead('c1', 'm1');
    next.accept();
    expect(next.sentOfType('read_receipt')).toEqual([]);
    next.receive(connected({ last_seq: 2 }));
    expect(next.sentOfType('read_receipt').map((f) => f.data.message_id)).toEqual(['m1', 'm2']);
    // The server's echo acknowledges them: the next socket does not send them again.
    next.receive(receipt('m1', ME.id));
    next.receive(receipt('m2', ME.id, 2));
    const third = await t.drop(next);
    third.accept().receive(connected({ last_seq: 2 }));
    expect(third.sentOfType('read_receipt')).toEqual([]);
  });

  it('a receipt written to a socket that died before its echo is sent again on the next `connected`, after the outbox', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    socket.receive(newMessage(message(2)));
    t.client.markRead('c1', 'm1');
    t.client.markRead('c1', 'm2');
    // Only m1's echo made it back before the socket died: m2's receipt may never have reached the server.
    socket.receive(receipt('m1', ME.id));
    const next = await t.drop(socket);
    const clientId = t.client.sendMessage('c1', 'queued while down');
    next.accept().receive(connected({ last_seq: 2, last_read_seq: 1 }));
    expect(next.sent.map((f) => f.type)).toEqual(['send_message', 'read_receipt']);
    expect(next.sentOfType('read_receipt')).toEqual([{ type: 'read_receipt', data: { message_id: 'm2' } }]);
    expect(next.sentOfType('send_message')[0]!.data.client_id).toBe(clientId);
    // Marking it again while it is in flight sends nothing more; its echo ends it.
    t.client.markRead('c1', 'm2');
    expect(next.sentOfType('read_receipt')).toHaveLength(1);
    next.receive(receipt('m2', ME.id, 2));
    const third = await t.drop(next);
    third.accept().receive(connected({ last_seq: 2, last_read_seq: 2 }));
    expect(third.sentOfType('read_receipt')).toEqual([]);
    expect(t.slice().lastReadSeq).toBe(2);
  });

  it('an incoming read_receipt fills slice.readBy and turns my message read', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'read me');
    socket.receive(newMessage(mine(1, clientId, 'read me')));
    socket.receive(newMessage(message(2)));
    socket.receive(receipt('m1', 'bo'));
    socket.receive(receipt('m2', 'cy', 2));
    expect(t.slice().readBy).toEqual({ m1: ['bo'], m2: ['cy'] });
    expect(t.slice().messages.map((m) => [m.key, m.status])).toEqual([
      [clientId, 'read'],
      ['m2', 'sent'],
    ]);
    const before = t.client.store.getState();
    socket.receive(receipt('m1', 'bo'));
    expect(t.client.store.getState()).toBe(before);
    socket.receive(receipt('m1', 'cy'));
    expect(t.slice().readBy.m1).toEqual(['bo', 'cy']);
  });

  it('my own receipt echoed back records me as a reader without changing the status', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    t.client.markRead('c1', 'm1');
    socket.receive(receipt('m1', ME.id));
    expect(t.slice().readBy).toEqual({ m1: [ME.id] });
    expect(t.slice().messages[0]!.status).toBe('sent');
  });
});
