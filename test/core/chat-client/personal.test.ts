import { describe, expect, it } from 'vitest';
import type { Message, ServerFrame } from 'natter';
import { flushMicrotasks } from 'natter/testing';
import { connected, message } from '../fixtures';
import { BO, ME, setup } from '../helpers/client-harness';

describe('createChatClient: personal socket and direct messages', () => {
  const personalConnected = (): ServerFrame => connected({ socket: 'personal', chat_id: null, last_seq: null });
  const direct = (data: Message): ServerFrame => ({ type: 'new_direct_message', data });

  async function openPersonal(t: ReturnType<typeof setup>) {
    const release = t.client.connectPersonal();
    await flushMicrotasks();
    const socket = t.fake.find('/api/v1/ws/ana')!.accept().receive(personalConnected());
    return { socket, release };
  }

  it('sendDirectMessage sends a direct_message frame with a client id, and chat_id only when given', async () => {
    const t = setup();
    const { socket } = await openPersonal(t);
    const first = t.client.sendDirectMessage('bo', 'psst');
    const second = t.client.sendDirectMessage('bo', 'here', { chatId: 'dm-1' });
    expect(socket.sentOfType('direct_message')).toEqual([
      { type: 'direct_message', data: { content: 'psst', message_type: 'text', recipient_id: 'bo', client_id: first } },
      { type: 'direct_message', data: { content: 'here', message_type: 'text', recipient_id: 'bo', client_id: second, chat_id: 'dm-1' } },
    ]);
    expect(first).not.toBe(second);
  });

  it('new_direct_message lands in directMessages once', async () => {
    const t = setup();
    const { socket } = await openPersonal(t);
    const dm = message(1, { chat_id: 'dm-1', sender: BO, content: 'hi ana' });
    socket.receive(direct(dm));
    const before = t.client.store.getState();
    socket.receive(direct(dm));
    expect(t.client.store.getState()).toBe(before);
    expect(t.client.store.getState().directMessages).toEqual([dm]);
    socket.receive(direct(message(2, { chat_id: 'dm-1', sender: BO })));
    expect(t.client.store.getState().directMessages.map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('a direct message sent before the personal socket is up opens it and goes out after `connected`', async () => {
    const t = setup();
    const clientId = t.client.sendDirectMessage('bo', 'early');
    await flushMicrotasks();
    const socket = t.fake.last();
    expect(socket.url).toBe('ws://chat.test/api/v1/ws/ana?token=tok');
    socket.accept();
    expect(socket.sentOfType('direct_message')).toEqual([]);
    socket.receive(personalConnected());
    expect(socket.sentOfType('direct_message').map((f) => f.data.client_id)).toEqual([clientId]);
  });

  it('an unacknowledged direct message is resent after a reconnect; an acknowledged one is not', async () => {
    const t = setup();
    const { socket } = await openPersonal(t);
    const acked = t.client.sendDirectMessage('bo', 'acked');
    const unacked = t.client.sendDirectMessage('bo', 'unacked');
    socket.receive(direct(message(1, { chat_id: 'dm-1', sender: ME, client_id: acked, content: 'acked' })));
    const next = await t.drop(socket);
    next.accept().receive(personalConnected());
    expect(next.sentOfType('direct_message').map((f) => f.data.client_id)).toEqual([unacked]);
  });

  it('a refused direct message emits the error and is not resent', async () => {
    const t = setup();
    const { socket } = await openPersonal(t);
    const clientId = t.client.sendDirectMessage('nobody', 'hello?');
    socket.receive({ type: 'error', data: { code: 'not_found', message: 'User not found', frame_type: 'direct_message', client_id: clientId } });
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toMatchObject({ code: 'not_found', details: { clientId } });
    const next = await t.drop(socket);
    next.accept().receive(personalConnected());
    expect(next.sentOfType('direct_message')).toEqual([]);
  });

  it('a rate_limited direct message is resent after retry_after_ms', async () => {
    const t = setup();
    const { socket } = await openPersonal(t);
    const clientId = t.client.sendDirectMessage('bo', 'slow down');
    socket.receive({
      type: 'error',
      data: { code: 'rate_limited', message: 'wait', frame_type: 'direct_message', client_id: clientId, retry_after_ms: 200 },
    });
    t.clock.advance(199);
    expect(socket.sentOfType('direct_message')).toHaveLength(1);
    t.clock.advance(1);
    expect(socket.sentOfType('direct_message').map((f) => f.data.client_id)).toEqual([clientId, clientId]);
  });

  // The personal socket shares the chat socket's outbox rules (src/core/channel.ts): limits from `connected`, a send
  // timeout counted on a live socket only, and a frame that fails for good leaves the outbox (kept for retry, below)
  // and is reported without a chat id.
  it('takes its content limit from connected: a longer direct message throws and is not queued', async () => {
    const t = setup();
    const release = t.client.connectPersonal();
    await flushMicrotasks();
    const socket = t.fake.last().accept();
    socket.receive(connected({ socket: 'personal', chat_id: null, last_seq: null, limits: { max_content_bytes: 10, max_frame_bytes: 65536, rate_limit: { burst: 30, refill_per_second: 10 } } }));
    expect(() => t.client.sendDirectMessage('bo', 'x'.repeat(11))).toThrow(expect.objectContaining({ code: 'payload_too_large' }));
    t.client.sendDirectMessage('bo', 'x'.repeat(10));
    expect(socket.sentOfType('direct_message').map((f) => f.data.content)).toEqual(['x'.repeat(10)]);
    release();
  });

  it('an unanswered direct message times out after sendTimeoutMs on live sockets only, then is dropped', async () => {
    const t = setup({ sendTimeoutMs: 1000 });
    const { socket } = await openPersonal(t);
    const clientId = t.client.sendDirectMessage('bo', 'anyone?');
    t.clock.advance(600);
    const next = await t.drop(socket);
    t.clock.advance(60_000);
    next.accept().receive(personalConnected());
    expect(next.sentOfType('direct_message').map((f) => f.data.client_id)).toEqual([clientId]);
    t.clock.advance(999);
    expect(t.errors).toEqual([]);
    t.clock.advance(1);
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toMatchObject({ code: 'timeout', details: { clientId } });
    expect(t.errors[0]!.details).not.toHaveProperty('chatId');
    const last = await t.drop(next);
    last.accept().receive(personalConnected());
    expect(last.sentOfType('direct_message')).toEqual([]);
  });

  it('an error for a frame no longer queued is reported and changes nothing', async () => {
    const t = setup();
    const { socket } = await openPersonal(t);
    const clientId = t.client.sendDirectMessage('bo', 'done');
    socket.receive(direct(message(1, { chat_id: 'dm-1', sender: ME, client_id: clientId, content: 'done' })));
    socket.receive({ type: 'error', data: { code: 'rate_limited', message: 'late', frame_type: 'direct_message', client_id: clientId, retry_after_ms: 100 } });
    t.clock.advance(1000);
    expect(socket.sentOfType('direct_message')).toHaveLength(1);
    expect(t.errors.map((e) => [e.code, e.details])).toEqual([['rate_limited', { clientId }]]);
  });

  it("a direct message that timed out is kept for retry('personal', clientId), which sends it again with the same client id", async () => {
    const t = setup({ sendTimeoutMs: 1000 });
    const { socket } = await openPersonal(t);
    const clientId = t.client.sendDirectMessage('bo', 'anyone?', { chatId: 'dm-1' });
    t.clock.advance(1000);
    expect(t.errors).toMatchObject([{ code: 'timeout', details: { clientId } }]);
    expect(t.client.retry('personal', clientId)).toBe(true);
    const sent = socket.sentOfType('direct_message');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
    // Acknowledged this time: no second timeout, and nothing left to retry.
    socket.receive(direct(message(1, { chat_id: 'dm-1', sender: ME, client_id: clientId, content: 'anyone?' })));
    t.clock.advance(5000);
    expect(t.errors).toHaveLength(1);
    expect(t.client.retry('personal', clientId)).toBe(false);
    expect(socket.sentOfType('direct_message')).toHaveLength(2);
  });

  it('a refused direct message can be retried once; an unknown client id cannot', async () => {
    const t = setup();
    const { socket } = await openPersonal(t);
    const clientId = t.client.sendDirectMessage('bo', 'hello?');
    socket.receive({ type: 'error', data: { code: 'forbidden', message: 'No', frame_type: 'direct_message', client_id: clientId } });
    expect(t.client.retry('personal', 'unknown')).toBe(false);
    expect(t.client.retry('personal', clientId)).toBe(true);
    expect(t.client.retry('personal', clientId)).toBe(false);
    expect(socket.sentOfType('direct_message').map((f) => f.data.client_id)).toEqual([clientId, clientId]);
  });

  it("discard('personal', clientId) drops a failed direct message: nothing left to retry, and no chat socket named 'personal'", async () => {
    const t = setup();
    const { socket } = await openPersonal(t);
    const clientId = t.client.sendDirectMessage('bo', 'never mind');
    socket.receive({ type: 'error', data: { code: 'forbidden', message: 'No', frame_type: 'direct_message', client_id: clientId } });
    expect(t.client.discard('personal', clientId)).toBe(true);
    expect(t.client.retry('personal', clientId)).toBe(false);
    expect(t.client.discard('personal', clientId)).toBe(false);
    expect(t.client.store.getState().chats['personal']).toBeUndefined();
  });
});
