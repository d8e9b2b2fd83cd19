import { describe, expect, it } from 'vitest';
import { NatterError, type ServerFrame } from 'natter';
import { connected, message } from '../fixtures';
import { contents, mine, newMessage, setup } from '../helpers/client-harness';

describe('createChatClient: refused sends', () => {
  const refuse = (clientId: string, code: string, extra: Record<string, unknown> = {}): ServerFrame =>
    ({
      type: 'error',
      data: { code, message: `refused: ${code}`, frame_type: 'send_message', client_id: clientId, ...extra },
    }) as ServerFrame;

  it('an error frame with the client id marks that message failed with a NatterError of that code, and emits it', async () => {
    const t = setup();
    const { socket } = await t.open();
    const other = t.client.sendMessage('c1', 'fine');
    const clientId = t.client.sendMessage('c1', 'nope');
    socket.receive(refuse(clientId, 'forbidden'));
    const failed = t.slice().messages.find((m) => m.key === clientId)!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toBeInstanceOf(NatterError);
    expect(failed.error).toMatchObject({ code: 'forbidden', message: 'refused: forbidden', details: { chatId: 'c1', clientId } });
    expect(t.slice().messages.find((m) => m.key === other)!.status).toBe('pending');
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toBeInstanceOf(NatterError);
    expect(t.errors[0]).toMatchObject({ code: 'forbidden', details: { clientId } });

    // A failed message is not resent on reconnect; the pending one is.
    const next = await t.drop(socket);
    next.accept().receive(connected());
    expect(contents(next)).toEqual(['fine']);
  });

  it('retry() makes a failed message pending and sends it again with the same client id', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'again');
    socket.receive(refuse(clientId, 'internal_error'));
    expect(t.slice().messages[0]!.status).toBe('failed');
    expect(t.client.retry('c1', clientId)).toBe(true);
    expect(t.slice().messages[0]).toMatchObject({ key: clientId, status: 'pending', error: null });
    expect(socket.sentOfType('send_message').map((f) => f.data.client_id)).toEqual([clientId, clientId]);
    socket.receive(newMessage(mine(1, clientId, 'again')));
    expect(t.slice().messages).toHaveLength(1);
    expect(t.slice().messages[0]).toMatchObject({ key: clientId, status: 'sent', seq: 1 });
    // Nothing left to retry.
    expect(t.client.retry('c1', clientId)).toBe(false);
  });

  it('retry() of a message that is not failed returns false and sends nothing', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'pending');
    expect(t.client.retry('c1', clientId)).toBe(false);
    expect(t.client.retry('c1', 'no-such-id')).toBe(false);
    expect(contents(socket)).toEqual(['pending']);
  });

  it('rate_limited keeps the message pending and resends that frame after retry_after_ms', async () => {
    const t = setup();
    const { socket } = await t.open();
    const first = t.client.sendMessage('c1', 'first');
    const limited = t.client.sendMessage('c1', 'limited');
    socket.receive(refuse(limited, 'rate_limited', { retry_after_ms: 120 }));
    expect(t.slice().messages.find((m) => m.key === limited)).toMatchObject({ status: 'pending', error: null });
    expect(t.errors.map((e) => e.code)).toEqual(['rate_limited']);
    t.clock.advance(119);
    expect(contents(socket)).toEqual(['first', 'limited']);
    t.clock.advance(1);
    expect(contents(socket)).toEqual(['first', 'limited', 'limited']);
    expect(socket.sent.at(-1)).toEqual({
      type: 'send_message',
      data: { content: 'limited', message_type: 'text', parent_message_id: null, client_id: limited },
    });
    t.clock.advance(10_000);
    expect(contents(socket)).toHaveLength(3);
    socket.receive(newMessage(mine(1, first, 'first')));
    socket.receive(newMessage(mine(2, limited, 'limited')));
    expect(t.slice().messages.map((m) => [m.content, m.status])).toEqual([
      ['first', 'sent'],
      ['limited', 'sent'],
    ]);
  });

  it('a rate-limited frame is sent once per connect even when a reconnect comes before retry_after_ms', async () => {
    const t = setup();
    const { socket } = await t.open();
    const limited = t.client.sendMessage('c1', 'limited');
    socket.receive(refuse(limited, 'rate_limited', { retry_after_ms: 5000 }));
    const next = await t.drop(socket);
    next.accept();
    next.receive(connected());
    expect(contents(next)).toEqual(['limited']);
    t.clock.advance(10_000);
    expect(contents(next)).toEqual(['limited']);
    expect(contents(socket)).toEqual(['limited']);
  });

  it('a 1009 close fails the frame that was too big (the oldest unacknowledged) instead of resending it on every reconnect', async () => {
    const t = setup();
    const { socket } = await t.open();
    // Within max_content_bytes, but six bytes a character once escaped as JSON: a frame over the server's 64 KiB.
    const big = t.client.sendMessage('c1', '\u0001'.repeat(16_000));
    const after = t.client.sendMessage('c1', 'after');
    const next = await t.drop(socket, 1009);
    expect(t.slice().messages.find((m) => m.key === big)).toMatchObject({ status: 'failed', error: { code: 'payload_too_large' } });
    expect(t.errors.map((e) => [e.code, e.details.clientId])).toEqual([['payload_too_large', big]]);
    next.accept().receive(connected());
    expect(contents(next)).toEqual(['after']);
    expect(t.slice().messages.find((m) => m.key === after)!.status).toBe('pending');
  });

  it('an error frame without a client id only emits the error', async () => {
    const t = setup();
    const { socket } = await t.open();
    t.client.sendMessage('c1', 'untouched');
    const before = t.client.store.getState();
    socket.receive({ type: 'error', data: { code: 'invalid_frame', message: 'bad', frame_type: 'typing_indicator', client_id: null } });
    expect(t.client.store.getState()).toBe(before);
    expect(t.errors.map((e) => e.code)).toEqual(['invalid_frame']);
  });

  it('an error for an already acknowledged client id changes nothing', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'done');
    socket.receive(newMessage(mine(1, clientId, 'done')));
    socket.receive(refuse(clientId, 'forbidden'));
    expect(t.slice().messages[0]!.status).toBe('sent');
  });
});

describe('createChatClient: client-side rate limit', () => {
  it('sends no faster than the server allows (from connected), in order, losing nothing', async () => {
    const t = setup();
    const { socket } = await t.open('c1', { limits: { max_content_bytes: 16384, max_frame_bytes: 65536, rate_limit: { burst: 3, refill_per_second: 10 } } });
    for (let i = 1; i <= 8; i += 1) t.client.sendMessage('c1', `m${i}`);
    expect(contents(socket)).toEqual(['m1', 'm2', 'm3']);
    t.clock.advance(100);
    expect(contents(socket)).toEqual(['m1', 'm2', 'm3', 'm4']);
    t.clock.advance(400);
    expect(contents(socket)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8']);
  });

  it('a second `connected` on the same socket neither resends what is in flight nor refills the bucket', async () => {
    const t = setup();
    const limits = { max_content_bytes: 16384, max_frame_bytes: 65536, rate_limit: { burst: 2, refill_per_second: 1 } };
    const { socket } = await t.open('c1', { limits });
    for (let i = 1; i <= 3; i += 1) t.client.sendMessage('c1', `m${i}`);
    expect(contents(socket)).toEqual(['m1', 'm2']);
    socket.receive(connected({ chat_id: 'c1', limits }));
    // The server's bucket for this socket is as empty as before: m3 still waits for its token.
    expect(contents(socket)).toEqual(['m1', 'm2']);
    t.clock.advance(1000);
    expect(contents(socket)).toEqual(['m1', 'm2', 'm3']);
  });

  it('queues read receipts behind the limit too, and sends each once', async () => {
    const t = setup();
    const { socket } = await t.open('c1', { limits: { max_content_bytes: 16384, max_frame_bytes: 65536, rate_limit: { burst: 2, refill_per_second: 10 } } });
    for (let seq = 1; seq <= 5; seq += 1) socket.receive(newMessage(message(seq)));
    for (let seq = 1; seq <= 5; seq += 1) t.client.markRead('c1', `m${seq}`);
    expect(socket.sentOfType('read_receipt')).toHaveLength(2);
    t.clock.advance(300);
    expect(socket.sentOfType('read_receipt').map((f) => f.data.message_id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });
});

describe('createChatClient: content checks', () => {
  it.each(['', ' ', '  \n\t ', '\u00a0\u2003'])('content %j throws invalid_argument, and nothing is queued', async (content) => {
    const t = setup();
    const { socket } = await t.open();
    let thrown: unknown;
    try {
      t.client.sendMessage('c1', content);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NatterError);
    expect(thrown).toMatchObject({ code: 'invalid_argument' });
    expect(t.slice().messages).toEqual([]);
    expect(socket.sent).toEqual([]);
  });

  it('counts UTF-8 bytes, not characters: 16 KiB passes, one byte more throws payload_too_large', async () => {
    const t = setup();
    await t.open();
    expect(() => t.client.sendMessage('c1', 'a'.repeat(16 * 1024))).not.toThrow();
    expect(() => t.client.sendMessage('c1', 'a'.repeat(16 * 1024 + 1))).toThrow(expect.objectContaining({ code: 'payload_too_large' }));
    // 'é' is 2 bytes: 8192 of them are exactly 16 KiB; 8193 (far fewer than 16384 characters) are too many.
    expect(() => t.client.sendMessage('c1', 'é'.repeat(8192))).not.toThrow();
    expect(() => t.client.sendMessage('c1', 'é'.repeat(8193))).toThrow(expect.objectContaining({ code: 'payload_too_large' }));
    // '😀' is 4 bytes (2 UTF-16 units).
    expect(() => t.client.sendMessage('c1', '😀'.repeat(4097))).toThrow(NatterError);
    expect(t.slice().messages).toHaveLength(2);
  });

  it('a connected frame with a smaller max_content_bytes lowers the limit', async () => {
    const t = setup();
    await t.open('c1', { limits: { max_content_bytes: 100, max_frame_bytes: 65536, rate_limit: { burst: 30, refill_per_second: 10 } } });
    expect(() => t.client.sendMessage('c1', 'x'.repeat(100))).not.toThrow();
    expect(() => t.client.sendMessage('c1', 'x'.repeat(101))).toThrow(expect.objectContaining({ code: 'payload_too_large' }));
    expect(() => t.client.sendMessage('c1', 'é'.repeat(51))).toThrow(expect.objectContaining({ code: 'payload_too_large' }));
  });

  it('direct messages are checked too', () => {
    const t = setup();
    expect(() => t.client.sendDirectMessage('bo', '   ')).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => t.client.sendDirectMessage('bo', 'é'.repeat(8193))).toThrow(expect.objectContaining({ code: 'payload_too_large' }));
  });
});
