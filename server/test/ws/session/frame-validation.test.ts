import { describe, expect, it } from 'vitest';
import { startServer } from '../../helpers/server.ts';
import { unknownId } from '../../helpers/names.ts';
import { chatWithUsers, history, sendMessage } from '../../helpers/fixtures.ts';
import { joinChat, joinPersonal } from '../../helpers/socket.ts';
import { refused } from '../../helpers/session-checks.ts';

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
    ['an unknown message_type', { content: 'x', message_type: 'video', client_id: 'v1' }],
    ['an image message_type without attachment_ids', { content: 'x', message_type: 'image', client_id: 'v1' }],
    ['attachment_ids on a text message', { content: 'x', attachment_ids: ['a'], client_id: 'v1' }],
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
    const err = await refused(a, { type: 'pin_message', data: { client_id: 'e1' } });
    expect(err).toMatchObject({ code: 'unknown_type', frame_type: 'pin_message' });
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
