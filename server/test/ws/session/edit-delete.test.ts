import { describe, expect, it } from 'vitest';
import { ISO_MS } from '../../helpers/http.ts';
import { FRESH_MESSAGE_FIELDS } from '../../helpers/message-fields.ts';
import { unknownId } from '../../helpers/names.ts';
import { chatWithUsers, history, sendMessage, twoMembersInAChat } from '../../helpers/fixtures.ts';
import { joinChat, joinPersonal } from '../../helpers/socket.ts';
import { refused } from '../../helpers/session-checks.ts';

describe('every message carries the 9.1 fields', () => {
  it('new_message and history have them, rev counting from 1', async () => {
    const { server, ben, chat, a } = await twoMembersInAChat();
    const m = await sendMessage(a, 'hello');
    expect(m).toMatchObject({ ...FRESH_MESSAGE_FIELDS, rev: 1 });
    const page = await history(server, ben, chat.id);
    expect(page.messages[0]).toEqual({ ...m, read_by: [] });
    expect(page).toMatchObject({ last_rev: 1 });
  });
});

describe('edit_message', () => {
  it('changes content, edited_at, mentions and rev; broadcasts message_updated to every chat socket', async () => {
    const { server, ana, ben, chat, a, b } = await twoMembersInAChat();
    const m = await sendMessage(a, 'helo');
    a.send({ type: 'edit_message', data: { message_id: m.id, content: `hello @${ben.user.username.toUpperCase()}`, client_id: 'e1' } });
    const mine = await a.next('message_updated');
    const theirs = await b.next('message_updated');
    expect(theirs).toEqual(mine);
    expect(mine).toMatchObject({ client_id: 'e1', user_id: ana.user.id, change: 'edit' });
    expect(mine.message).toMatchObject({
      id: m.id,
      seq: m.seq,
      content: `hello @${ben.user.username.toUpperCase()}`,
      edited_at: expect.stringMatching(ISO_MS),
      mentions: [ben.user.id],
      rev: 2,
    });
    expect(mine.message.updated_at).toBe(mine.message.edited_at);
    const stored = (await history(server, ben, chat.id)).messages[0];
    expect(stored).toMatchObject({ content: mine.message.content, rev: 2, edited_at: mine.message.edited_at });
  });

  it('repeating the same edit changes nothing and answers the sending socket only', async () => {
    const { a, b } = await twoMembersInAChat();
    const m = await sendMessage(a, 'one');
    a.send({ type: 'edit_message', data: { message_id: m.id, content: 'two', client_id: 'e1' } });
    const first = await a.next('message_updated');
    await b.next('message_updated');
    a.send({ type: 'edit_message', data: { message_id: m.id, content: 'two', client_id: 'e2' } });
    const again = await a.next('message_updated');
    expect(again).toMatchObject({ client_id: 'e2', message: { rev: first.message.rev, content: 'two' } });
    await b.expectNone('message_updated', 150);
  });

  it('refuses non-authors (forbidden), unknown and deleted messages (not_found), empty text (invalid_frame)', async () => {
    const { server, a, b } = await twoMembersInAChat();
    const m = await sendMessage(a, 'mine');
    expect(await refused(b, { type: 'edit_message', data: { message_id: m.id, content: 'x', client_id: 'f1' } })).toMatchObject({
      code: 'forbidden',
      frame_type: 'edit_message',
      client_id: 'f1',
    });
    expect((await refused(a, { type: 'edit_message', data: { message_id: unknownId(), content: 'x' } })).code).toBe('not_found');
    expect((await refused(a, { type: 'edit_message', data: { message_id: m.id, content: '  ' } })).code).toBe('invalid_frame');
    expect((await refused(a, { type: 'edit_message', data: { message_id: m.id } })).code).toBe('invalid_frame');
    a.send({ type: 'delete_message', data: { message_id: m.id } });
    await a.next('message_deleted');
    expect((await refused(a, { type: 'edit_message', data: { message_id: m.id, content: 'back' } })).code).toBe('not_found');
    // a message of another chat is not_found too
    const other = await chatWithUsers(server, 1);
    const o = await joinChat(server, other.users[0]!, other.chat.id);
    const elsewhere = await sendMessage(o, 'elsewhere');
    expect((await refused(a, { type: 'edit_message', data: { message_id: elsewhere.id, content: 'x' } })).code).toBe('not_found');
  });

  it('is refused on the personal socket with wrong_socket', async () => {
    const { server, ana, a } = await twoMembersInAChat();
    const m = await sendMessage(a, 'x');
    const p = await joinPersonal(server, ana);
    expect((await refused(p, { type: 'edit_message', data: { message_id: m.id, content: 'y' } })).code).toBe('wrong_socket');
  });
});

describe('delete_message', () => {
  it('leaves a tombstone and broadcasts message_deleted; a second delete answers the sender only', async () => {
    const { server, ana, ben, chat, a, b } = await twoMembersInAChat();
    const m = await sendMessage(a, `bye @${ben.user.username}`);
    b.send({ type: 'add_reaction', data: { message_id: m.id, emoji: '👍' } });
    await b.next('message_updated');
    a.send({ type: 'delete_message', data: { message_id: m.id, client_id: 'd1' } });
    const deleted = await a.next('message_deleted');
    expect(await b.next('message_deleted')).toEqual(deleted);
    expect(deleted).toMatchObject({ client_id: 'd1', user_id: ana.user.id, change: 'delete' });
    expect(deleted.message).toMatchObject({
      id: m.id,
      seq: m.seq,
      content: '',
      deleted_at: expect.stringMatching(ISO_MS),
      reactions: [],
      attachments: [],
      mentions: [],
      rev: 3,
      sender: { id: ana.user.id },
    });
    a.send({ type: 'delete_message', data: { message_id: m.id, client_id: 'd2' } });
    expect(await a.next('message_deleted')).toMatchObject({ client_id: 'd2', message: { rev: 3 } });
    await b.expectNone('message_deleted', 150);
    const stored = (await history(server, ben, chat.id)).messages[0];
    expect(stored).toMatchObject({ content: '', deleted_at: deleted.message.deleted_at, reactions: [], rev: 3 });
  });

  it('refuses a non-author with forbidden and an unknown id with not_found', async () => {
    const { a, b } = await twoMembersInAChat();
    const m = await sendMessage(a, 'keep');
    expect((await refused(b, { type: 'delete_message', data: { message_id: m.id } })).code).toBe('forbidden');
    expect((await refused(b, { type: 'delete_message', data: { message_id: unknownId() } })).code).toBe('not_found');
  });
});
