import { describe, expect, it, vi } from 'vitest';
import { chatPath, connect, installMockServer, personalPath, rest, settle } from '../msw';

const { startMock } = installMockServer();

describe('sockets: frames', () => {
  it('stores send_message with per-chat seq from 1, echoes client_id, and sends new_message to every chat socket', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const ana = await connect(mock, chatPath(id), 'ana');
    const ben = await connect(mock, chatPath(id), 'ben');
    ana.send({ type: 'send_message', data: { content: 'one', client_id: 'c-1' } });
    const first = await ana.next('new_message');
    expect(first.data).toMatchObject({ seq: 1, chat_id: id, content: 'one', client_id: 'c-1', sender_id: mock.user('ana').id, sender: { username: 'ana' }, message_type: 'text', parent_message_id: null });
    expect((await ben.next('new_message')).data).toEqual(first.data);
    ana.send({ type: 'send_message', data: { content: 'two', parent_message_id: first.data.id } });
    await vi.waitFor(() => expect(ben.frames.filter((f) => f.type === 'new_message')).toHaveLength(2));
    expect(ben.frames.filter((f) => f.type === 'new_message').at(-1)!.data).toMatchObject({ seq: 2, client_id: null, parent_message_id: first.data.id });
    // Another chat counts from 1 on its own.
    const cy = await connect(mock, chatPath(mock.chat('private').id), 'cy');
    cy.send({ type: 'send_message', data: { content: 'elsewhere' } });
    expect((await cy.next('new_message')).data.seq).toBe(1);
  });

  it('stores a repeated client_id once and answers the repeat on the sending socket only', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const ana = await connect(mock, chatPath(id), 'ana');
    const anaTab2 = await connect(mock, chatPath(id), 'ana');
    const ben = await connect(mock, chatPath(id), 'ben');
    ana.send({ type: 'send_message', data: { content: 'hi', client_id: 'same' } });
    const stored = await ana.next('new_message');
    await ben.next('new_message');
    await anaTab2.next('new_message');
    ana.send({ type: 'send_message', data: { content: 'hi again', client_id: 'same' } });
    await vi.waitFor(() => expect(ana.frames.filter((f) => f.type === 'new_message')).toHaveLength(2));
    expect(ana.frames.at(-1)!.data).toEqual(stored.data);
    await settle();
    expect(ben.frames.filter((f) => f.type === 'new_message')).toHaveLength(1);
    expect(anaTab2.frames.filter((f) => f.type === 'new_message')).toHaveLength(1);
    expect(mock.messages('general')).toHaveLength(1);
    // The same client_id from someone else is a different message.
    ben.send({ type: 'send_message', data: { content: 'mine', client_id: 'same' } });
    await vi.waitFor(() => expect(mock.messages('general')).toHaveLength(2));
  });

  it('sends messages of a direct chat to both members’ personal sockets as new_direct_message', async () => {
    const mock = startMock();
    const direct = mock.directChat('ana', 'ben');
    const anaPersonal = await connect(mock, personalPath(mock.user('ana').id), 'ana');
    const benPersonal = await connect(mock, personalPath(mock.user('ben').id), 'ben');
    const cyPersonal = await connect(mock, personalPath(mock.user('cy').id), 'cy');
    const anaChat = await connect(mock, chatPath(direct.id), 'ana');
    anaChat.send({ type: 'send_message', data: { content: 'psst', client_id: 'd1' } });
    expect((await anaChat.next('new_message')).data).toMatchObject({ content: 'psst', chat_id: direct.id });
    expect((await benPersonal.next('new_direct_message')).data).toMatchObject({ content: 'psst', client_id: 'd1' });
    expect((await anaPersonal.next('new_direct_message')).data).toMatchObject({ content: 'psst' });
    await settle();
    expect(cyPersonal.frames.map((f) => f.type)).toEqual(['connected']);
  });

  it('handles direct_message on a personal socket: creates the direct chat, fans out, is idempotent', async () => {
    const mock = startMock();
    const ana = mock.user('ana');
    const cy = mock.user('cy');
    const anaPersonal = await connect(mock, personalPath(ana.id), 'ana');
    const cyPersonal = await connect(mock, personalPath(cy.id), 'cy');
    anaPersonal.send({ type: 'direct_message', data: { content: 'hey cy', recipient_id: cy.id, client_id: 'dm-1', user_id: 'ignored' } });
    const received = await cyPersonal.next('new_direct_message');
    expect(received.data).toMatchObject({ content: 'hey cy', sender_id: ana.id, seq: 1, client_id: 'dm-1' });
    const ack = await anaPersonal.next('new_direct_message');
    expect(ack.data.id).toBe(received.data.id);
    const chat = mock.chat(received.data.chat_id);
    expect(chat).toMatchObject({ is_direct: true, name: null });
    expect(chat.members.map((m) => m.username).sort()).toEqual(['ana', 'cy']);
    anaPersonal.send({ type: 'direct_message', data: { content: 'hey cy', recipient_id: cy.id, client_id: 'dm-1' } });
    await vi.waitFor(() => expect(anaPersonal.frames.filter((f) => f.type === 'new_direct_message')).toHaveLength(2));
    await settle();
    expect(cyPersonal.frames.filter((f) => f.type === 'new_direct_message')).toHaveLength(1);
  });

  it.each([
    ['to oneself', (m: any) => ({ recipient_id: m.user('ana').id }), 'invalid_frame'],
    ['to an unknown user', () => ({ recipient_id: 'nobody' }), 'not_found'],
    ['into an unknown chat', (m: any) => ({ recipient_id: m.user('ben').id, chat_id: 'nope' }), 'not_found'],
    ['into a chat the sender is not in', (m: any) => ({ recipient_id: m.user('ben').id, chat_id: m.chat('private').id }), 'forbidden'],
  ])('refuses direct_message %s', async (_name, fields, code) => {
    const mock = startMock();
    const raw = await connect(mock, personalPath(mock.user('ana').id), 'ana');
    raw.send({ type: 'direct_message', data: { content: 'x', client_id: 'cid', ...fields(mock) } });
    expect((await raw.next('error')).data).toMatchObject({ code, frame_type: 'direct_message', client_id: 'cid' });
  });

  it('relays typing to the other users only, with the user id from the token', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const ana = await connect(mock, chatPath(id), 'ana');
    const anaTab2 = await connect(mock, chatPath(id), 'ana');
    const ben = await connect(mock, chatPath(id), 'ben');
    ana.send({ type: 'typing_indicator', data: { is_typing: true, user_id: mock.user('ben').id } });
    expect((await ben.next('typing_indicator')).data).toEqual({ user_id: mock.user('ana').id, is_typing: true, chat_id: id, username: 'ana' });
    await settle();
    // Ben coming online is news to Ana's sockets; the typing is not.
    expect(ana.frames.map((f) => f.type)).toEqual(['connected', 'presence']);
    expect(anaTab2.frames.map((f) => f.type)).toEqual(['connected', 'presence']);
  });

  it('stores a read receipt once, relays it to every chat socket, and answers a repeat on the sender only', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const message = mock.addMessage('general', { from: 'ana', content: 'read me' });
    const ana = await connect(mock, chatPath(id), 'ana');
    const ben = await connect(mock, chatPath(id), 'ben');
    const benTab2 = await connect(mock, chatPath(id), 'ben');
    ben.send({ type: 'read_receipt', data: { message_id: message.id, user_id: 'ignored' } });
    const relayed = await ana.next('read_receipt');
    expect(relayed.data).toMatchObject({ message_id: message.id, user_id: mock.user('ben').id, chat_id: id, seq: 1 });
    await ben.next('read_receipt');
    await benTab2.next('read_receipt');
    ben.send({ type: 'read_receipt', data: { message_id: message.id } });
    await vi.waitFor(() => expect(ben.frames.filter((f) => f.type === 'read_receipt')).toHaveLength(2));
    expect(ben.frames.at(-1)!.data).toEqual(relayed.data);
    await settle();
    expect(ana.frames.filter((f) => f.type === 'read_receipt')).toHaveLength(1);
    expect(mock.messages('general')[0]!.read_by).toEqual([mock.user('ben').id]);
    const { body } = await rest(`/api/v1/chats/${id}`, { token: mock.sessionFor('ben').access_token });
    expect(body.last_read_seq).toBe(1);
  });

  it('accepts a receipt for one’s own message without storing or relaying it, and refuses unknown messages', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const own = mock.addMessage('general', { from: 'ana', content: 'mine' });
    const elsewhere = mock.addMessage('private', { from: 'ben', content: 'not here' });
    const ana = await connect(mock, chatPath(id), 'ana');
    const ben = await connect(mock, chatPath(id), 'ben');
    ana.send({ type: 'read_receipt', data: { message_id: own.id } });
    ana.send({ type: 'read_receipt', data: { message_id: elsewhere.id } });
    expect((await ana.next('error')).data).toMatchObject({ code: 'not_found', frame_type: 'read_receipt' });
    expect(ben.frames.map((f) => f.type)).toEqual(['connected']);
    expect(mock.messages('general')[0]!.read_by).toEqual([]);
  });

  it('answers ping with pong, echoing ts (null without one)', async () => {
    const mock = startMock();
    const raw = await connect(mock, personalPath(mock.user('ana').id), 'ana');
    raw.send({ type: 'ping', data: { ts: 42 } });
    expect((await raw.next('pong')).data).toMatchObject({ ts: 42 });
    raw.send({ type: 'ping' });
    await vi.waitFor(() => expect(raw.frames.filter((f) => f.type === 'pong')).toHaveLength(2));
    expect(raw.frames.at(-1)!.data.ts).toBeNull();
  });

  it.each([
    ['not JSON', 'chat', '{oops', { code: 'invalid_frame', frame_type: null }],
    ['no type', 'chat', JSON.stringify({ data: {} }), { code: 'invalid_frame', frame_type: null }],
    ['an unknown type', 'chat', JSON.stringify({ type: 'pin_message', data: { client_id: 'k' } }), { code: 'unknown_type', frame_type: 'pin_message', client_id: 'k' }],
    ['send_message on a personal socket', 'personal', JSON.stringify({ type: 'send_message', data: { content: 'x', client_id: 'w' } }), { code: 'wrong_socket', frame_type: 'send_message', client_id: 'w' }],
    ['typing on a personal socket', 'personal', JSON.stringify({ type: 'typing_indicator', data: { is_typing: true } }), { code: 'wrong_socket' }],
    ['blank content', 'chat', JSON.stringify({ type: 'send_message', data: { content: '  \n', client_id: 'b' } }), { code: 'invalid_frame', client_id: 'b' }],
    ['another message_type', 'chat', JSON.stringify({ type: 'send_message', data: { content: 'x', message_type: 'image' } }), { code: 'invalid_frame' }],
    ['a client_id over 64 characters', 'chat', JSON.stringify({ type: 'send_message', data: { content: 'x', client_id: 'x'.repeat(65) } }), { code: 'invalid_frame' }],
    ['is_typing not boolean', 'chat', JSON.stringify({ type: 'typing_indicator', data: { is_typing: 'yes' } }), { code: 'invalid_frame' }],
    ['data not an object', 'chat', JSON.stringify({ type: 'read_receipt', data: 'x' }), { code: 'invalid_frame', frame_type: 'read_receipt' }],
    ['content over 16 KiB', 'chat', JSON.stringify({ type: 'send_message', data: { content: 'é'.repeat(8193), client_id: 'big' } }), { code: 'payload_too_large', client_id: 'big' }],
  ])('answers %s with an error frame, stores nothing and stays open', async (_name, socket, text, expected) => {
    const mock = startMock();
    const path = socket === 'chat' ? chatPath(mock.chat('general').id) : personalPath(mock.user('ana').id);
    const raw = await connect(mock, path, 'ana');
    raw.sendRaw(text);
    const error = await raw.next('error');
    expect(error.data).toMatchObject(expected);
    expect(typeof error.data.message).toBe('string');
    expect(mock.messages('general')).toHaveLength(0);
    raw.send({ type: 'ping', data: { ts: 1 } });
    await raw.next('pong');
    expect(raw.closed).toBeNull();
  });

  it('refuses a reply to a message of another chat with not_found', async () => {
    const mock = startMock();
    const other = mock.addMessage('private', { from: 'ben', content: 'x' });
    const raw = await connect(mock, chatPath(mock.chat('general').id), 'ana');
    raw.send({ type: 'send_message', data: { content: 'reply', parent_message_id: other.id, client_id: 'r' } });
    expect((await raw.next('error')).data).toMatchObject({ code: 'not_found', client_id: 'r' });
  });

  it('closes with 1009 on a frame over 64 KiB', async () => {
    const mock = startMock();
    const raw = await connect(mock, chatPath(mock.chat('general').id), 'ana');
    raw.send({ type: 'send_message', data: { content: 'x'.repeat(70_000) } });
    expect((await raw.waitClosed()).code).toBe(1009);
  });

  it('records received frames with their socket', async () => {
    const mock = startMock();
    const raw = await connect(mock, chatPath(mock.chat('general').id), 'ana');
    raw.send({ type: 'typing_indicator', data: { is_typing: true } });
    raw.sendRaw('garbage');
    await vi.waitFor(() => expect(mock.received).toHaveLength(2));
    expect(mock.received[0]).toMatchObject({ type: 'typing_indicator', frame: { data: { is_typing: true } }, socket: { kind: 'chat', userId: mock.user('ana').id, chatId: mock.chat('general').id } });
    expect(mock.received[1]).toMatchObject({ type: null, frame: null, raw: 'garbage' });
    expect(mock.receivedData('typing_indicator', { userId: 'ana', chatId: 'general' })).toEqual([{ is_typing: true }]);
    expect(mock.receivedData('typing_indicator', { userId: 'ben' })).toEqual([]);
  });
});
