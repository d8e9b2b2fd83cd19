import { describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';
import { api, type Session } from '../helpers/http.ts';
import { chatWithUsers, sendMessage, twoMembersInAChat, users as loginUsers } from '../helpers/fixtures.ts';
import { joinChat, joinPersonal } from '../helpers/socket.ts';

async function chatOf(server: { url: string }, who: Session, chatId: string): Promise<any> {
  const res = await api(server, who.access_token, 'GET', '/api/v1/chats');
  expect(res.status).toBe(200);
  return res.body.chats.find((c: any) => c.id === chatId);
}

describe('unread counts (docs 9.8)', () => {
  it('sending moves your own last_read_seq: what came before is read, others’ later messages are unread', async () => {
    const { server, ana, ben, chat, a, b } = await twoMembersInAChat();
    await sendMessage(a, 'one');
    await sendMessage(a, 'two');
    await sendMessage(a, 'three');
    expect(await chatOf(server, ben, chat.id)).toMatchObject({ unread_count: 3, last_read_seq: 0 });
    await sendMessage(b, 'replying reads everything before');
    expect(await chatOf(server, ben, chat.id)).toMatchObject({ unread_count: 0, last_read_seq: 4 });
    expect(await chatOf(server, ana, chat.id)).toMatchObject({ unread_count: 1, last_read_seq: 3 });
    const single = await api(server, ana.access_token, 'GET', `/api/v1/chats/${chat.id}`);
    expect(single.body).toMatchObject({ unread_count: 1 });
  });

  it('a reader with no messages of their own: receipts lower it, deletions drop tombstones from it', async () => {
    const { server, ana, ben, chat, a, b } = await twoMembersInAChat();
    await sendMessage(a, 'one');
    const m2 = await sendMessage(a, 'two');
    const m3 = await sendMessage(a, 'three');
    expect(await chatOf(server, ben, chat.id)).toMatchObject({ unread_count: 3, last_read_seq: 0 });
    b.send({ type: 'read_receipt', data: { message_id: m2.id } });
    await b.next('read_receipt');
    expect(await chatOf(server, ben, chat.id)).toMatchObject({ unread_count: 1, last_read_seq: 2 });
    a.send({ type: 'delete_message', data: { message_id: m3.id } });
    await a.next('message_deleted');
    expect(await chatOf(server, ben, chat.id)).toMatchObject({ unread_count: 0 });
  });
});

describe('chat_activity and chat_read on the personal socket', () => {
  it('chat_activity reaches every member’s personal sockets, the sender’s included, and no one else', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const [ana, ben] = users as [Session, Session];
    const [outsider] = (await loginUsers(server, 1)) as [Session];
    const aP = await joinPersonal(server, ana);
    const bP = await joinPersonal(server, ben);
    const oP = await joinPersonal(server, outsider);
    const a = await joinChat(server, ana, chat.id);
    const sent = await sendMessage(a, `hi @${ben.user.username}`);
    expect(await bP.next('chat_activity')).toEqual(sent);
    expect(await aP.next('chat_activity')).toEqual(sent);
    expect(sent.mentions).toEqual([ben.user.id]);
    await oP.expectNone('chat_activity', 150);
    // a group chat's personal sockets get no new_message / new_direct_message
    await bP.expectNone('new_direct_message', 0);
  });

  it('an edit or deletion of the newest message is a chat_activity with the new copy; of an older one, nothing', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const [ana, ben] = users as [Session, Session];
    const bP = await joinPersonal(server, ben);
    const a = await joinChat(server, ana, chat.id);
    const first = await sendMessage(a, 'first');
    const last = await sendMessage(a, 'last');
    await bP.next('chat_activity');
    await bP.next('chat_activity');
    a.send({ type: 'edit_message', data: { message_id: first.id, content: 'first, edited' } });
    await a.next('message_updated');
    await bP.expectNone('chat_activity', 150);
    a.send({ type: 'edit_message', data: { message_id: last.id, content: 'last, edited' } });
    expect(await bP.next('chat_activity')).toMatchObject({ id: last.id, seq: last.seq, content: 'last, edited', edited_at: expect.any(String) });
    a.send({ type: 'delete_message', data: { message_id: last.id } });
    expect(await bP.next('chat_activity')).toMatchObject({ id: last.id, content: '', deleted_at: expect.any(String) });
    a.send({ type: 'add_reaction', data: { message_id: first.id, emoji: '👍' } });
    await a.next('message_updated');
    await bP.expectNone('chat_activity', 150);
  });

  it('chat_read goes to the reader’s personal sockets when their last_read_seq moves (receipt or own send)', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const [ana, ben] = users as [Session, Session];
    const a = await joinChat(server, ana, chat.id);
    const aP = await joinPersonal(server, ana);
    const b = await joinChat(server, ben, chat.id);
    const bP = await joinPersonal(server, ben);
    const bP2 = await joinPersonal(server, ben);
    const m1 = await sendMessage(a, 'one');
    expect(await aP.next('chat_read')).toEqual({ chat_id: chat.id, last_read_seq: 1, unread_count: 0 });
    const m2 = await sendMessage(a, 'two');
    await aP.next('chat_read');
    b.send({ type: 'read_receipt', data: { message_id: m1.id } });
    const read = await bP.next('chat_read');
    expect(read).toEqual({ chat_id: chat.id, last_read_seq: 1, unread_count: 1 });
    expect(await bP2.next('chat_read')).toEqual(read);
    await aP.expectNone('chat_read', 100);
    // a repeated receipt, or one for an older message, moves nothing
    b.send({ type: 'read_receipt', data: { message_id: m2.id } });
    expect(await bP.next('chat_read')).toEqual({ chat_id: chat.id, last_read_seq: 2, unread_count: 0 });
    b.send({ type: 'read_receipt', data: { message_id: m2.id } });
    await b.roundTrip();
    await bP.expectNone('chat_read', 100);
  });

  it('deleting a message tells each member who had not read it their lower unread count; the others hear nothing', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 3);
    const [ana, ben, cy] = users as [Session, Session, Session];
    const a = await joinChat(server, ana, chat.id);
    const aP = await joinPersonal(server, ana);
    const bP = await joinPersonal(server, ben);
    const cP = await joinPersonal(server, cy);
    const c = await joinChat(server, cy, chat.id);
    await sendMessage(a, 'one');
    const two = await sendMessage(a, 'two');
    await sendMessage(a, 'three');
    // ana's own sends moved her last_read_seq each time.
    for (let i = 0; i < 3; i += 1) await aP.next('chat_read');
    c.send({ type: 'read_receipt', data: { message_id: two.id } });
    expect(await cP.next('chat_read')).toMatchObject({ last_read_seq: 2, unread_count: 1 });
    a.send({ type: 'delete_message', data: { message_id: two.id } });
    await a.next('message_deleted');
    // ben had read nothing: one of his three unread messages is gone; his last_read_seq stays.
    expect(await bP.next('chat_read')).toEqual({ chat_id: chat.id, last_read_seq: 0, unread_count: 2 });
    expect(await chatOf(server, ben, chat.id)).toMatchObject({ unread_count: 2, last_read_seq: 0 });
    // cy had read it, and ana wrote it: nothing for them.
    await cP.expectNone('chat_read', 150);
    await aP.expectNone('chat_read', 0);
  });
});

