import { describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server.ts';
import { api, type Session } from '../../helpers/http.ts';
import { unknownId } from '../../helpers/names.ts';
import { chatWithUsers, history, sendMessage, twoMembersInAChat, users as loginUsers } from '../../helpers/fixtures.ts';
import { gif, png } from '../../helpers/images.ts';
import { joinPersonal } from '../../helpers/socket.ts';
import { refused } from '../../helpers/session-checks.ts';
import { upload } from '../../helpers/uploads.ts';

async function attachment(server: TestServer, who: Session, chatId: string, data: Buffer | string, name: string, type: string) {
  const res = await upload(server, who.access_token, chatId, data, name, type);
  expect(res.status).toBe(201);
  return res.body.attachment;
}

describe('file and image messages (docs 9.5)', () => {
  it('an image message with an empty caption carries its attachments in order', async () => {
    const { server, ana, ben, chat: { id: chatId }, a, b } = await twoMembersInAChat();
    const one = await attachment(server, ana, chatId, png(4, 3), 'one.png', 'image/png');
    const two = await attachment(server, ana, chatId, gif(2, 2), 'two.gif', 'image/gif');
    const sent = await sendMessage(a, '', { message_type: 'image', attachment_ids: [two.id, one.id] });
    expect(sent).toMatchObject({ message_type: 'image', content: '', attachments: [two, one] });
    expect((await b.next('new_message')).attachments).toEqual([two, one]);
    expect((await history(server, ben, chatId)).messages[0].attachments).toEqual([two, one]);
  });

  it('a file message may mix types and carry a caption; a repeat with the same client_id is answered with it', async () => {
    const { server, ana, chat: { id: chatId }, a } = await twoMembersInAChat();
    const csv = await attachment(server, ana, chatId, 'a,b', 'a.csv', 'text/csv');
    const pic = await attachment(server, ana, chatId, png(1, 1), 'p.png', 'image/png');
    const sent = await sendMessage(a, 'see attached', { message_type: 'file', attachment_ids: [csv.id, pic.id], client_id: 'f1' });
    expect(sent.attachments.map((x: any) => x.id)).toEqual([csv.id, pic.id]);
    a.send({ type: 'send_message', data: { content: 'see attached', message_type: 'file', attachment_ids: [csv.id, pic.id], client_id: 'f1' } });
    expect((await a.next('new_message')).id).toBe(sent.id);
    expect(a.all('error')).toEqual([]);
  });

  it('refuses uploads that are not the sender’s unattached uploads in this chat (not_found) and non-images in an image message', async () => {
    const { server, ana, ben, chat: { id: chatId }, a } = await twoMembersInAChat();
    const mine = await attachment(server, ana, chatId, png(1, 1), 'p.png', 'image/png');
    const bens = await attachment(server, ben, chatId, png(1, 1), 'b.png', 'image/png');
    const csv = await attachment(server, ana, chatId, 'x', 'x.csv', 'text/csv');
    const other = await chatWithUsers(server, 1);
    // ana is not a member there: the upload itself is refused
    expect((await upload(server, ana.access_token, other.chat.id, 'x', 'y.txt', 'text/plain')).status).toBe(403);
    const theirs = await attachment(server, other.users[0]!, other.chat.id, 'x', 'y.txt', 'text/plain');
    const send = (ids: string[], type = 'image') => refused(a, { type: 'send_message', data: { content: '', message_type: type, attachment_ids: ids, client_id: 'x' } });
    expect((await send([bens.id])).code).toBe('not_found');
    expect((await send([theirs.id], 'file')).code).toBe('not_found');
    expect((await send([unknownId()])).code).toBe('not_found');
    expect((await send([mine.id, csv.id])).code).toBe('invalid_frame');
    expect((await send(Array.from({ length: 11 }, () => unknownId()))).code).toBe('invalid_frame');
    expect((await send([mine.id, mine.id])).code).toBe('invalid_frame');
    await sendMessage(a, '', { message_type: 'image', attachment_ids: [mine.id] });
    expect((await send([mine.id])).code).toBe('not_found'); // already attached
    expect((await history(server, ana, chatId)).messages).toHaveLength(1);
  });

  it('direct_message on the personal socket takes files too', async () => {
    const server = await startServer();
    const [ana, ben] = (await loginUsers(server, 2)) as [Session, Session];
    const dm = await api(server, ana.access_token, 'POST', '/api/v1/chats/direct', { user_id: ben.user.id });
    const file = await attachment(server, ana, dm.body.id, 'hello', 'hi.txt', 'text/plain');
    const p = await joinPersonal(server, ana);
    p.send({ type: 'direct_message', data: { content: '', message_type: 'file', attachment_ids: [file.id], recipient_id: ben.user.id } });
    const got = await p.next('new_direct_message');
    expect(got).toMatchObject({ chat_id: dm.body.id, message_type: 'file', attachments: [file] });
  });

  it('deleting the message deletes its files', async () => {
    const { server, ana, chat: { id: chatId }, a } = await twoMembersInAChat();
    const pic = await attachment(server, ana, chatId, png(2, 2), 'p.png', 'image/png');
    const sent = await sendMessage(a, 'pic', { message_type: 'image', attachment_ids: [pic.id] });
    expect((await fetch(`${server.url}${pic.url}`)).status).toBe(200);
    a.send({ type: 'delete_message', data: { message_id: sent.id } });
    expect((await a.next('message_deleted')).message.attachments).toEqual([]);
    expect((await fetch(`${server.url}${pic.url}`)).status).toBe(404);
  });

  it('an edit may empty a file message’s caption but not a text message', async () => {
    const { server, ana, chat: { id: chatId }, a } = await twoMembersInAChat();
    const f = await attachment(server, ana, chatId, 'x', 'x.txt', 'text/plain');
    const sent = await sendMessage(a, 'caption', { message_type: 'file', attachment_ids: [f.id] });
    a.send({ type: 'edit_message', data: { message_id: sent.id, content: '' } });
    expect((await a.next('message_updated')).message).toMatchObject({ content: '', attachments: [f] });
    const text = await sendMessage(a, 'words');
    expect((await refused(a, { type: 'edit_message', data: { message_id: text.id, content: '' } })).code).toBe('invalid_frame');
  });
});
