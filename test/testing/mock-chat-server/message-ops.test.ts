import { describe, expect, it, vi } from 'vitest';
import { chatPath, connect, installMockServer, personalPath, settle, type RawSocket } from '../msw';

const { startMock } = installMockServer();

const of = (raw: RawSocket, type: string) => raw.frames.filter((f) => f.type === type);
const nth = (raw: RawSocket, type: string, count: number) =>
  vi.waitFor(
    () => {
      const frames = of(raw, type);
      if (frames.length < count) throw new Error(`${frames.length}/${count} ${type} frames (got ${raw.frames.map((f) => f.type).join(', ')})`);
      return frames[count - 1]!;
    },
    { timeout: 2000, interval: 5 },
  );

async function setup() {
  const mock = startMock();
  const { id } = mock.chat('general');
  const ana = await connect(mock, chatPath(id), 'ana');
  const ben = await connect(mock, chatPath(id), 'ben');
  ana.send({ type: 'send_message', data: { content: 'Lunch at noon?', client_id: 'm1' } });
  const message = (await ben.next('new_message')).data;
  await ana.next('new_message');
  return { mock, id, ana, ben, message };
}

describe('message operations (docs/protocol.md 9.2)', () => {
  it('carries every 9.1 field on new messages, with rev counted per chat', async () => {
    const { mock, message } = await setup();
    expect(message).toMatchObject({ edited_at: null, deleted_at: null, reactions: [], reply_count: 0, last_reply_at: null, attachments: [], mentions: [], rev: 1 });
    const second = mock.addMessage('general', { from: 'ben', content: 'Sure @ANA, and @cy?' });
    expect(second).toMatchObject({ rev: 2, mentions: [mock.user('ana').id] });
    expect(mock.addMessage('private', { from: 'ben', content: 'elsewhere' }).rev).toBe(1);
  });

  it('edits: message_updated to every chat socket with the client_id, new rev, edited_at and mentions', async () => {
    const { mock, ana, ben, message } = await setup();
    ana.send({ type: 'edit_message', data: { message_id: message.id, content: 'Lunch at 12:30, @ben?', client_id: 'e1' } });
    const seen = (await ben.next('message_updated')).data;
    expect(seen).toMatchObject({ client_id: 'e1', user_id: mock.user('ana').id, change: 'edit' });
    expect(seen.message).toMatchObject({ id: message.id, content: 'Lunch at 12:30, @ben?', mentions: [mock.user('ben').id], rev: 2 });
    expect(Date.parse(seen.message.edited_at)).not.toBeNaN();
    expect((await ana.next('message_updated')).data).toEqual(seen);
    // The same content again changes nothing: answered on the sending socket only, same rev.
    ana.send({ type: 'edit_message', data: { message_id: message.id, content: 'Lunch at 12:30, @ben?', client_id: 'e2' } });
    expect((await nth(ana, 'message_updated', 2)).data).toMatchObject({ client_id: 'e2', message: { rev: 2 } });
    await settle();
    expect(of(ben, 'message_updated')).toHaveLength(1);
    expect(mock.messages('general')[0]).toMatchObject({ content: 'Lunch at 12:30, @ben?', rev: 2 });
  });

  it.each([
    ['by someone else', 'ben', (m: any) => ({ message_id: m.id, content: 'mine now', client_id: 'x' }), 'forbidden'],
    ['of an unknown message', 'ana', () => ({ message_id: 'nope', content: 'x', client_id: 'x' }), 'not_found'],
    ['to blank content', 'ana', (m: any) => ({ message_id: m.id, content: ' ', client_id: 'x' }), 'invalid_frame'],
    ['without content', 'ana', (m: any) => ({ message_id: m.id, client_id: 'x' }), 'invalid_frame'],
    ['over max_content_bytes', 'ana', (m: any) => ({ message_id: m.id, content: 'é'.repeat(8193), client_id: 'x' }), 'payload_too_large'],
  ])('refuses an edit %s', async (_name, who, data, code) => {
    const { mock, ana, ben, message } = await setup();
    const sender = who === 'ana' ? ana : ben;
    sender.send({ type: 'edit_message', data: data(message) });
    expect((await sender.next('error')).data).toMatchObject({ code, frame_type: 'edit_message', client_id: 'x' });
    expect(mock.messages('general')[0]).toMatchObject({ content: 'Lunch at noon?', rev: 1 });
  });

  it('refuses the new frames on a personal socket with wrong_socket, but accepts set_presence there', async () => {
    const mock = startMock();
    const raw = await connect(mock, personalPath(mock.user('ana').id), 'ana');
    for (const type of ['edit_message', 'delete_message', 'add_reaction', 'remove_reaction']) {
      raw.send({ type, data: { message_id: 'x', client_id: type } });
      expect((await nth(raw, 'error', ['edit_message', 'delete_message', 'add_reaction', 'remove_reaction'].indexOf(type) + 1)).data).toMatchObject({ code: 'wrong_socket', client_id: type });
    }
    raw.send({ type: 'set_presence', data: { status: 'away' } });
    await vi.waitFor(() => expect(mock.presence('ana').status).toBe('away'));
  });

  it('deletes into a tombstone, answers a repeat on the sender only, and refuses others and later changes', async () => {
    const { mock, ana, ben, message } = await setup();
    ana.send({ type: 'add_reaction', data: { message_id: message.id, emoji: '👍' } });
    await ben.next('message_updated');
    ben.send({ type: 'delete_message', data: { message_id: message.id, client_id: 'not-yours' } });
    expect((await ben.next('error')).data).toMatchObject({ code: 'forbidden', client_id: 'not-yours' });
    ana.send({ type: 'delete_message', data: { message_id: message.id, client_id: 'd1' } });
    const deleted = (await ben.next('message_deleted')).data;
    expect(deleted).toMatchObject({ client_id: 'd1', change: 'delete', user_id: mock.user('ana').id });
    expect(deleted.message).toMatchObject({ id: message.id, seq: 1, content: '', reactions: [], attachments: [], mentions: [], reply_count: 0, rev: 3, sender: { username: 'ana' } });
    expect(Date.parse(deleted.message.deleted_at)).not.toBeNaN();
    await ana.next('message_deleted');
    ana.send({ type: 'delete_message', data: { message_id: message.id, client_id: 'd2' } });
    expect((await nth(ana, 'message_deleted', 2)).data).toMatchObject({ client_id: 'd2', message: { rev: 3 } });
    ana.send({ type: 'edit_message', data: { message_id: message.id, content: 'back', client_id: 'e' } });
    expect((await nth(ana, 'error', 1)).data).toMatchObject({ code: 'not_found', client_id: 'e' });
    ben.send({ type: 'add_reaction', data: { message_id: message.id, emoji: '👍', client_id: 'r' } });
    expect((await nth(ben, 'error', 2)).data).toMatchObject({ code: 'not_found', client_id: 'r' });
    await settle();
    expect(of(ben, 'message_deleted')).toHaveLength(1);
  });

  it('keeps reactions in first-use order with reactors in order; repeats answer the sender only; empty ones vanish', async () => {
    const { mock, ana, ben, message } = await setup();
    const [anaId, benId] = [mock.user('ana').id, mock.user('ben').id];
    ben.send({ type: 'add_reaction', data: { message_id: message.id, emoji: '🎉', client_id: 'r1' } });
    ana.send({ type: 'add_reaction', data: { message_id: message.id, emoji: '👍' } });
    ana.send({ type: 'add_reaction', data: { message_id: message.id, emoji: '🎉' } });
    const third = (await nth(ben, 'message_updated', 3)).data;
    expect(of(ben, 'message_updated')[0]!.data).toMatchObject({ client_id: 'r1', change: 'reaction', user_id: benId });
    expect(third.message.reactions).toEqual([
      { emoji: '🎉', count: 2, user_ids: [benId, anaId] },
      { emoji: '👍', count: 1, user_ids: [anaId] },
    ]);
    expect(third.message.rev).toBe(4);
    ben.send({ type: 'add_reaction', data: { message_id: message.id, emoji: '🎉', client_id: 'again' } });
    expect((await nth(ben, 'message_updated', 4)).data).toMatchObject({ client_id: 'again', message: { rev: 4 } });
    ben.send({ type: 'remove_reaction', data: { message_id: message.id, emoji: '👍', client_id: 'not-mine' } });
    expect((await nth(ben, 'message_updated', 5)).data).toMatchObject({ client_id: 'not-mine', message: { rev: 4 } });
    ana.send({ type: 'remove_reaction', data: { message_id: message.id, emoji: '👍' } });
    expect((await nth(ben, 'message_updated', 6)).data.message.reactions).toEqual([{ emoji: '🎉', count: 2, user_ids: [benId, anaId] }]);
    await settle();
    expect(of(ana, 'message_updated')).toHaveLength(4);
  });

  it('refuses a 21st distinct emoji with limit_reached, and malformed emoji with invalid_frame', async () => {
    const { mock, ana, message } = await setup();
    for (let i = 0; i < 20; i += 1) mock.react('general', message.id, `e${i}`, i % 2 ? 'ana' : 'ben');
    ana.send({ type: 'add_reaction', data: { message_id: message.id, emoji: 'one-more', client_id: 'l' } });
    expect((await nth(ana, 'error', 1)).data).toMatchObject({ code: 'limit_reached', frame_type: 'add_reaction', client_id: 'l' });
    ana.send({ type: 'add_reaction', data: { message_id: message.id, emoji: 'e2' } });
    await vi.waitFor(() => expect(mock.message(message.id).reactions.find((r) => r.emoji === 'e2')?.count).toBe(2));
    for (const [i, emoji] of ['a b', 'x'.repeat(65), '', '\u0007'].entries()) {
      ana.send({ type: 'add_reaction', data: { message_id: message.id, emoji, client_id: `bad-${i}` } });
      expect((await nth(ana, 'error', i + 2)).data).toMatchObject({ code: 'invalid_frame', client_id: `bad-${i}` });
    }
  });

  it('counts live replies on the parent: message_updated "reply" after the reply, and again when it is deleted', async () => {
    const { mock, ana, ben, message } = await setup();
    ben.send({ type: 'send_message', data: { content: 'Yes!', parent_message_id: message.id, client_id: 'rep' } });
    const reply = (await nth(ana, 'new_message', 2)).data;
    const grown = (await ana.next('message_updated')).data;
    expect(ana.frames.findIndex((f) => f.type === 'message_updated')).toBeGreaterThan(ana.frames.indexOf(of(ana, 'new_message')[1]!));
    // docs/protocol.md 9.3: for "reply", `client_id` is the reply's (parity-changes.test.ts pins it on the server).
    expect(grown).toMatchObject({ change: 'reply', user_id: mock.user('ben').id, client_id: 'rep', message: { id: message.id, reply_count: 1, last_reply_at: reply.created_at, rev: 3 } });
    expect(reply.rev).toBe(2);
    // A tombstone can still be replied to, and keeps its count.
    ana.send({ type: 'delete_message', data: { message_id: message.id } });
    await ana.next('message_deleted');
    ana.send({ type: 'send_message', data: { content: 'Also me', parent_message_id: message.id } });
    expect((await nth(ana, 'message_updated', 2)).data.message).toMatchObject({ reply_count: 2, deleted_at: expect.any(String) });
    ben.send({ type: 'delete_message', data: { message_id: reply.id, client_id: 'del' } });
    await ben.next('message_deleted');
    const shrunk = (await nth(ben, 'message_updated', 3)).data;
    expect(shrunk).toMatchObject({ change: 'reply', user_id: mock.user('ben').id, client_id: 'del', message: { reply_count: 1 } });
    expect(mock.message(message.id).last_reply_at).toBe(mock.messages('general').at(-1)!.created_at);
  });
});
