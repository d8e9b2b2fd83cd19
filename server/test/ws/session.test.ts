import { describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';
import { ISO_MS, UUID, type Session } from '../helpers/http.ts';
import { unknownId } from '../helpers/names.ts';
import { forgeToken } from '../helpers/tokens.ts';
import { chatWithUsers, history, sendMessage } from '../helpers/fixtures.ts';
import { joinChat, joinPersonal, openChatSocket, sleep, type TestSocket } from '../helpers/socket.ts';

function expectMessage(data: any, sender: Session, chatId: string, content: string): void {
  expect(data).toMatchObject({
    id: expect.stringMatching(UUID),
    chat_id: chatId,
    sender_id: sender.user.id,
    content,
    message_type: 'text',
    parent_message_id: null,
    created_at: expect.stringMatching(ISO_MS),
    updated_at: expect.stringMatching(ISO_MS),
    sender: {
      id: sender.user.id,
      username: sender.user.username,
      email: sender.user.email,
      is_active: true,
      created_at: expect.stringMatching(ISO_MS),
    },
    seq: expect.any(Number),
  });
  expect(data).toHaveProperty('client_id');
}

/** Sends a frame expected to be refused and returns the error frame's data. */
async function refused(sock: TestSocket, frame: unknown): Promise<any> {
  if (typeof frame === 'string') sock.sendRaw(frame);
  else sock.send(frame);
  return sock.next('error');
}

describe('send_message', () => {
  it('reaches every member in the same seq order with every seed field, seq from 1 by 1', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const [ana, ben] = users as [Session, Session];
    const a = await joinChat(server, ana, chat.id);
    const b = await joinChat(server, ben, chat.id);

    const plan: [TestSocket, Session, string][] = [
      [a, ana, 'one'],
      [b, ben, 'two'],
      [a, ana, 'three'],
      [b, ben, 'four'],
      [a, ana, 'five'],
    ];
    for (const [sock, , content] of plan) sock.send({ type: 'send_message', data: { content, client_id: `cid-${content}` } });

    const gotA = [];
    const gotB = [];
    for (let i = 0; i < plan.length; i += 1) {
      gotA.push(await a.next('new_message'));
      gotB.push(await b.next('new_message'));
    }
    expect(gotA.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(gotB).toEqual(gotA);
    for (const m of gotA) {
      const [, sender, content] = plan.find(([, , c]) => c === m.content)!;
      expectMessage(m, sender, chat.id, content);
      expect(m.client_id).toBe(`cid-${content}`);
      expect(m.updated_at).toBe(m.created_at);
    }
    expect(new Set(gotA.map((m) => m.id)).size).toBe(5);
    const stored = await history(server, ben, chat.id);
    expect(stored.messages.map((m) => m.id)).toEqual(gotA.map((m) => m.id));
  });

  it('defaults message_type to text and client_id to null', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    a.send({ type: 'send_message', data: { content: 'bare' } });
    const m = await a.next('new_message');
    expectMessage(m, users[0]!, chat.id, 'bare');
    expect(m.client_id).toBeNull();
    expect(m.seq).toBe(1);
  });

  it('delivers to every socket of the sender too (several tabs)', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const tab1 = await joinChat(server, users[0]!, chat.id);
    const tab2 = await joinChat(server, users[0]!, chat.id);
    const ack = await sendMessage(tab1, 'hi tabs');
    expect(await tab2.next('new_message')).toEqual(ack);
  });

  it('does not deliver to sockets of another chat', async () => {
    const server = await startServer();
    const one = await chatWithUsers(server, 2);
    const two = await chatWithUsers(server, 1);
    const a = await joinChat(server, one.users[0]!, one.chat.id);
    const elsewhere = await joinChat(server, two.users[0]!, two.chat.id);
    await sendMessage(a, 'only here');
    await elsewhere.expectNone('new_message', 150);
  });

  it('stores a repeated client_id once and answers the repeat on the sending socket only', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const [ana, ben] = users as [Session, Session];
    const a = await joinChat(server, ana, chat.id);
    const a2 = await joinChat(server, ana, chat.id);
    const b = await joinChat(server, ben, chat.id);

    const first = await sendMessage(a, 'once', { client_id: 'retry-1' });
    expect(await b.next('new_message')).toEqual(first);
    expect(await a2.next('new_message')).toEqual(first);

    a.send({ type: 'send_message', data: { content: 'once', client_id: 'retry-1' } });
    const repeat = await a.next('new_message');
    expect(repeat).toMatchObject({ id: first.id, seq: first.seq, client_id: 'retry-1', content: 'once' });

    // a later message proves the repeat would have reached b and a2 before it
    const later = await sendMessage(a, 'later', { client_id: 'later-1' });
    expect(later.seq).toBe(first.seq + 1);
    expect((await b.next('new_message')).client_id).toBe('later-1');
    expect((await a2.next('new_message')).client_id).toBe('later-1');
    await b.expectNone('new_message', 150);

    const stored = await history(server, ben, chat.id);
    expect(stored.messages.map((m) => m.client_id)).toEqual(['retry-1', 'later-1']);
  });

  it('treats the same client_id from another sender as a different message', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const a = await joinChat(server, users[0]!, chat.id);
    const b = await joinChat(server, users[1]!, chat.id);
    const fromA = await sendMessage(a, 'a says', { client_id: 'shared' });
    const fromB = await sendMessage(b, 'b says', { client_id: 'shared' });
    expect(fromB.id).not.toBe(fromA.id);
    expect(fromB.seq).toBe(2);
  });

  it('stores replies with parent_message_id; an unknown parent → not_found, nothing stored', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const a = await joinChat(server, users[0]!, chat.id);
    const b = await joinChat(server, users[1]!, chat.id);
    const parent = await sendMessage(a, 'question?');
    const reply = await sendMessage(b, 'answer', { parent_message_id: parent.id });
    expect(reply.parent_message_id).toBe(parent.id);
    expect((await a.next('new_message', { where: (d) => d.id === reply.id })).parent_message_id).toBe(parent.id);

    const err = await refused(b, {
      type: 'send_message',
      data: { content: 'orphan', parent_message_id: unknownId(), client_id: 'orphan-1' },
    });
    expect(err).toMatchObject({ code: 'not_found', frame_type: 'send_message', client_id: 'orphan-1' });
    expect(typeof err.message).toBe('string');

    // a parent from another chat is not in this chat
    const other = await chatWithUsers(server, 1);
    const o = await joinChat(server, other.users[0]!, other.chat.id);
    const foreign = await sendMessage(o, 'elsewhere');
    const err2 = await refused(b, {
      type: 'send_message',
      data: { content: 'cross', parent_message_id: foreign.id, client_id: 'cross-1' },
    });
    expect(err2).toMatchObject({ code: 'not_found', client_id: 'cross-1' });

    const stored = await history(server, users[0]!, chat.id);
    expect(stored.messages.map((m) => [m.content, m.parent_message_id])).toEqual([
      ['question?', null],
      ['answer', parent.id],
    ]);
  });

  it('sends content byte-identical: HTML, white space, emoji', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const a = await joinChat(server, users[0]!, chat.id);
    const b = await joinChat(server, users[1]!, chat.id);
    const contents = [
      '<img src=x onerror=alert(1)>',
      '<script>alert("x")</script> &amp; &lt;b&gt;',
      '  padded\n\tlines  ',
      '**not markdown** [link](javascript:alert(1))',
      'emoji 👋🏽 and ü and 中文',
    ];
    for (const content of contents) {
      expect((await sendMessage(a, content)).content).toBe(content);
      expect((await b.next('new_message')).content).toBe(content);
    }
    const stored = await history(server, users[1]!, chat.id);
    expect(stored.messages.map((m) => m.content)).toEqual(contents);
  });
});

describe('frame validation', () => {
  it('answers malformed JSON with invalid_frame, keeps the socket open and stores nothing', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    const err = await refused(a, '{"type": "send_message", "data": {"content": "x"');
    expect(err).toMatchObject({ code: 'invalid_frame', frame_type: null, client_id: null });
    expect(typeof err.message).toBe('string');
    expect(err).not.toHaveProperty('retry_after_ms');
    await a.roundTrip();
    expect(a.isOpen).toBe(true);
    expect((await history(server, users[0]!, chat.id)).messages).toEqual([]);
  });

  it.each([
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"send_message"'],
    ['null', 'null'],
    ['no type', '{"data":{"content":"x"}}'],
    ['a numeric type', '{"type":5,"data":{}}'],
  ])('answers %s with invalid_frame', async (_label, raw) => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    expect((await refused(a, raw)).code).toBe('invalid_frame');
    await a.roundTrip();
  });

  it.each([
    ['missing content', { client_id: 'v1' }],
    ['empty content', { content: '', client_id: 'v1' }],
    ['white-space content', { content: ' \n\t ', client_id: 'v1' }],
    ['numeric content', { content: 42, client_id: 'v1' }],
    ['an unknown message_type', { content: 'x', message_type: 'image', client_id: 'v1' }],
    ['a 65-character client_id', { content: 'x', client_id: 'c'.repeat(65) }],
    ['an empty client_id', { content: 'x', client_id: '' }],
    ['a numeric parent_message_id', { content: 'x', parent_message_id: 5, client_id: 'v1' }],
  ])('answers send_message with %s with invalid_frame and stores nothing', async (_label, data) => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    const err = await refused(a, { type: 'send_message', data });
    expect(err).toMatchObject({ code: 'invalid_frame', frame_type: 'send_message' });
    if (data.client_id === 'v1') expect(err.client_id).toBe('v1');
    await a.roundTrip();
    expect(a.all('new_message')).toEqual([]);
    expect((await history(server, users[0]!, chat.id)).messages).toEqual([]);
  });

  it('answers send_message without data with invalid_frame', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    expect(await refused(a, { type: 'send_message' })).toMatchObject({ code: 'invalid_frame', frame_type: 'send_message' });
  });

  it('accepts a 64-character client_id and ignores unknown fields', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    const cid = 'k'.repeat(64);
    const m = await sendMessage(a, 'fine', { client_id: cid, colour: 'blue' });
    expect(m.client_id).toBe(cid);
    expect(m).not.toHaveProperty('colour');
  });

  it('answers an unknown type with unknown_type and keeps going', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    const err = await refused(a, { type: 'edit_message', data: { client_id: 'e1' } });
    expect(err).toMatchObject({ code: 'unknown_type', frame_type: 'edit_message' });
    await sendMessage(a, 'still works');
  });

  it('counts content in UTF-8 bytes: over max_content_bytes → payload_too_large, nothing stored', async () => {
    const server = await startServer({ maxContentBytes: 100 });
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);

    // 51 characters, 102 bytes
    const err = await refused(a, { type: 'send_message', data: { content: 'é'.repeat(51), client_id: 'big-1' } });
    expect(err).toMatchObject({ code: 'payload_too_large', frame_type: 'send_message', client_id: 'big-1' });
    // 26 characters (UTF-16 length 52), 104 bytes
    const err2 = await refused(a, { type: 'send_message', data: { content: '😀'.repeat(26), client_id: 'big-2' } });
    expect(err2).toMatchObject({ code: 'payload_too_large', client_id: 'big-2' });
    expect((await history(server, users[0]!, chat.id)).messages).toEqual([]);

    // exactly 100 bytes is allowed
    const atLimit = 'é'.repeat(50);
    expect((await sendMessage(a, atLimit)).content).toBe(atLimit);
    const emojiAtLimit = '😀'.repeat(25);
    expect((await sendMessage(a, emojiAtLimit)).content).toBe(emojiAtLimit);
  });

  it('applies the 16 KiB default in bytes, not characters', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    // 5462 characters, 16386 bytes
    const err = await refused(a, { type: 'send_message', data: { content: '€'.repeat(5462), client_id: 'euro' } });
    expect(err).toMatchObject({ code: 'payload_too_large', client_id: 'euro' });
    const ascii = 'a'.repeat(16384);
    expect((await sendMessage(a, ascii)).content).toBe(ascii);
    expect((await history(server, users[0]!, chat.id)).messages).toHaveLength(1);
  });

  it('closes 1009 for a frame over maxPayload', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    a.sendRaw(JSON.stringify({ type: 'ping', data: { pad: 'x'.repeat(65536) } }));
    expect((await a.closed).code).toBe(1009);
  });

  it('closes 1009 above a configured maxPayload, and accepts frames below it', async () => {
    const server = await startServer({ maxPayload: 2048 });
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    await sendMessage(a, 'y'.repeat(1500));
    a.sendRaw(JSON.stringify({ type: 'send_message', data: { content: 'z'.repeat(3000) } }));
    expect((await a.closed).code).toBe(1009);
    expect((await history(server, users[0]!, chat.id)).messages).toHaveLength(1);
  });

  it.each(['send_message', 'typing_indicator', 'read_receipt'])(
    'answers %s on a personal socket with wrong_socket',
    async (type) => {
      const server = await startServer();
      const { users, chat } = await chatWithUsers(server, 1);
      const p = await joinPersonal(server, users[0]!);
      const data =
        type === 'send_message'
          ? { content: 'x', client_id: 'ws-1' }
          : type === 'typing_indicator'
            ? { is_typing: true }
            : { message_id: unknownId() };
      expect(await refused(p, { type, data })).toMatchObject({ code: 'wrong_socket', frame_type: type });
      await p.roundTrip();
      expect((await history(server, users[0]!, chat.id)).messages).toEqual([]);
    },
  );
});

describe('typing_indicator', () => {
  it("relays to other users with the token's user_id, never to the sender's sockets", async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 3);
    const [ana, ben, cat] = users as [Session, Session, Session];
    const a = await joinChat(server, ana, chat.id);
    const a2 = await joinChat(server, ana, chat.id);
    const b = await joinChat(server, ben, chat.id);
    const c = await joinChat(server, cat, chat.id);

    a.send({ type: 'typing_indicator', data: { is_typing: true, user_id: ben.user.id } });
    await a.roundTrip();
    const t = await b.next('typing_indicator');
    expect(t).toEqual({ user_id: ana.user.id, is_typing: true, chat_id: chat.id, username: ana.user.username });
    expect(await c.next('typing_indicator')).toEqual(t);
    await a.expectNone('typing_indicator', 150);
    await a2.expectNone('typing_indicator', 50);

    a.send({ type: 'typing_indicator', data: { is_typing: false } });
    expect(await b.next('typing_indicator')).toMatchObject({ user_id: ana.user.id, is_typing: false });
    expect((await history(server, ana, chat.id)).messages).toEqual([]);
  });

  it('rejects a missing or non-boolean is_typing with invalid_frame, relaying nothing', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const a = await joinChat(server, users[0]!, chat.id);
    const b = await joinChat(server, users[1]!, chat.id);
    expect((await refused(a, { type: 'typing_indicator', data: {} })).code).toBe('invalid_frame');
    expect((await refused(a, { type: 'typing_indicator', data: { is_typing: 'yes' } })).code).toBe('invalid_frame');
    await sendMessage(a, 'marker');
    await b.next('new_message');
    await b.expectNone('typing_indicator', 100);
  });
});

describe('read_receipt', () => {
  it("stores the receipt, relays it to every chat socket with seq and read_at, and ignores a spoofed user_id", async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const [ana, ben] = users as [Session, Session];
    const a = await joinChat(server, ana, chat.id);
    const b = await joinChat(server, ben, chat.id);
    await sendMessage(a, 'first');
    const msg = await sendMessage(a, 'read me');

    b.send({ type: 'read_receipt', data: { message_id: msg.id, user_id: ana.user.id } });
    const relayed = await a.next('read_receipt');
    expect(relayed).toEqual({
      message_id: msg.id,
      user_id: ben.user.id,
      chat_id: chat.id,
      seq: 2,
      read_at: expect.stringMatching(ISO_MS),
    });
    expect(await b.next('read_receipt')).toEqual(relayed);

    const stored = await history(server, ana, chat.id);
    expect(stored.messages.map((m) => m.read_by)).toEqual([[], [ben.user.id]]);
  });

  it('stores a repeat once and answers it on the sending socket only', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const [ana, ben] = users as [Session, Session];
    const a = await joinChat(server, ana, chat.id);
    const b = await joinChat(server, ben, chat.id);
    const b2 = await joinChat(server, ben, chat.id);
    const msg = await sendMessage(a, 'read me twice');

    b.send({ type: 'read_receipt', data: { message_id: msg.id } });
    const original = await a.next('read_receipt');
    await b.next('read_receipt');
    await b2.next('read_receipt');

    b.send({ type: 'read_receipt', data: { message_id: msg.id } });
    expect(await b.next('read_receipt')).toEqual(original);
    // a later message from b proves a and b2 would already have had a relay
    await sendMessage(b, 'after');
    await a.next('new_message', { where: (d) => d.content === 'after' });
    await b2.next('new_message', { where: (d) => d.content === 'after' });
    await a.expectNone('read_receipt', 100);
    await b2.expectNone('read_receipt', 50);

    const stored = await history(server, ana, chat.id);
    expect(stored.messages[0].read_by).toEqual([ben.user.id]);
  });

  it('answers an unknown message or one of another chat with not_found', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const b = await joinChat(server, users[1]!, chat.id);
    expect(await refused(b, { type: 'read_receipt', data: { message_id: unknownId() } })).toMatchObject({
      code: 'not_found',
      frame_type: 'read_receipt',
    });
    const other = await chatWithUsers(server, 1);
    const o = await joinChat(server, other.users[0]!, other.chat.id);
    const foreign = await sendMessage(o, 'elsewhere');
    expect((await refused(b, { type: 'read_receipt', data: { message_id: foreign.id } })).code).toBe('not_found');
    const stored = await history(server, other.users[0]!, other.chat.id);
    expect(stored.messages[0].read_by).toEqual([]);
  });

  it('rejects a missing message_id with invalid_frame', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    expect((await refused(a, { type: 'read_receipt', data: {} })).code).toBe('invalid_frame');
  });

  it("accepts a receipt for one's own message and relays nothing", async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const [ana, ben] = users as [Session, Session];
    const a = await joinChat(server, ana, chat.id);
    const b = await joinChat(server, ben, chat.id);
    const msg = await sendMessage(a, 'mine');
    await b.next('new_message');
    const before = await history(server, ana, chat.id);

    a.send({ type: 'read_receipt', data: { message_id: msg.id } });
    await a.roundTrip();
    await sendMessage(a, 'marker');
    await b.next('new_message', { where: (d) => d.content === 'marker' });
    await a.expectNone('read_receipt', 100);
    await b.expectNone('read_receipt', 50);
    await a.expectNone('error', 0);

    const after = await history(server, ana, chat.id);
    expect(after.messages[0]).toEqual(before.messages[0]);
  });
});

describe('ping', () => {
  it('answers with pong echoing ts, on chat and personal sockets', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    a.send({ type: 'ping', data: { ts: 1764000000000 } });
    expect(await a.next('pong')).toEqual({ ts: 1764000000000, server_time: expect.stringMatching(ISO_MS) });

    a.send({ type: 'ping', data: {} });
    expect((await a.next('pong')).ts).toBeNull();
    a.send({ type: 'ping' });
    expect(await a.next('pong')).toMatchObject({ ts: null, server_time: expect.stringMatching(ISO_MS) });

    const p = await joinPersonal(server, users[0]!);
    p.send({ type: 'ping', data: { ts: 12.5 } });
    expect((await p.next('pong')).ts).toBe(12.5);
  });
});

describe('an open socket outlives its token', () => {
  it('keeps receiving after the access token has expired', async () => {
    const secret = 'test-secret-session-expiry-0123456789';
    const server = await startServer({ jwtSecret: secret });
    const { users, chat } = await chatWithUsers(server, 2);
    // JWT expiry has whole-second resolution: exp is the end of the next second
    const shortLived = await forgeToken(secret, { sub: users[1]!.user.id, expiresInSeconds: 2 });
    const exp = JSON.parse(Buffer.from(shortLived.split('.')[1]!, 'base64url').toString()).exp as number;
    const b = await joinChat(server, { ...users[1]!, access_token: shortLived }, chat.id);
    const a = await joinChat(server, users[0]!, chat.id);
    await sleep(exp * 1000 - Date.now() + 50);
    await sendMessage(a, 'still there?');
    expect((await b.next('new_message')).content).toBe('still there?');
    expect(b.isOpen).toBe(true);
    // the next connect with that token is refused
    const again = openChatSocket(server, shortLived, chat.id);
    expect((await again.closed).code).toBe(4001);
  });
});

