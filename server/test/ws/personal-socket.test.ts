import { describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';
import { api, ISO_MS, UUID, type Session } from '../helpers/http.ts';
import { unknownId } from '../helpers/names.ts';
import { chatWithUsers, createChat, history, sendMessage, users } from '../helpers/fixtures.ts';
import { joinChat, joinPersonal, type TestSocket } from '../helpers/socket.ts';

async function directChat(server: { url: string }, from: Session, to: Session): Promise<any> {
  const res = await api(server, from.access_token, 'POST', '/api/v1/chats/direct', { user_id: to.user.id });
  expect([200, 201]).toContain(res.status);
  return res.body;
}

async function refused(sock: TestSocket, frame: unknown): Promise<any> {
  sock.send(frame);
  return sock.next('error');
}

describe('direct_message on the personal socket', () => {
  it('without chat_id: reaches both personal sockets and the direct chat’s chat sockets', async () => {
    const server = await startServer();
    const [ana, ben] = (await users(server, 2)) as [Session, Session];
    const dm = await directChat(server, ana, ben);
    const anaP = await joinPersonal(server, ana);
    const anaP2 = await joinPersonal(server, ana);
    const benP = await joinPersonal(server, ben);
    const anaC = await joinChat(server, ana, dm.id);
    const benC = await joinChat(server, ben, dm.id);

    anaP.send({
      type: 'direct_message',
      data: { content: 'psst', message_type: 'text', recipient_id: ben.user.id, client_id: 'dm-1' },
    });
    const ack = await anaP.next('new_direct_message');
    expect(ack).toMatchObject({
      id: expect.stringMatching(UUID),
      chat_id: dm.id,
      sender_id: ana.user.id,
      content: 'psst',
      message_type: 'text',
      parent_message_id: null,
      created_at: expect.stringMatching(ISO_MS),
      updated_at: expect.stringMatching(ISO_MS),
      sender: { id: ana.user.id, username: ana.user.username, email: ana.user.email, is_active: true },
      seq: 1,
      client_id: 'dm-1',
    });
    expect(await benP.next('new_direct_message')).toEqual(ack);
    expect(await anaP2.next('new_direct_message')).toEqual(ack);
    expect(await anaC.next('new_message')).toEqual(ack);
    expect(await benC.next('new_message')).toEqual(ack);

    // the personal socket never gets new_message, the chat socket never gets new_direct_message
    await benP.expectNone('new_message', 100);
    await benC.expectNone('new_direct_message', 0);

    const stored = await history(server, ben, dm.id);
    expect(stored.messages.map((m) => m.id)).toEqual([ack.id]);
  });

  it('without chat_id and no direct chat yet: creates it', async () => {
    const server = await startServer();
    const [ana, ben] = (await users(server, 2)) as [Session, Session];
    const anaP = await joinPersonal(server, ana);
    const benP = await joinPersonal(server, ben);
    anaP.send({ type: 'direct_message', data: { content: 'first contact', recipient_id: ben.user.id } });
    const got = await benP.next('new_direct_message');
    expect(got).toMatchObject({ content: 'first contact', sender_id: ana.user.id, seq: 1, client_id: null });
    expect((await anaP.next('new_direct_message')).id).toBe(got.id);

    const res = await api(server, ben.access_token, 'POST', '/api/v1/chats/direct', { user_id: ana.user.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: got.chat_id, is_direct: true, last_seq: 1 });

    // a second message goes to the same chat
    anaP.send({ type: 'direct_message', data: { content: 'again', recipient_id: ben.user.id } });
    expect(await benP.next('new_direct_message')).toMatchObject({ chat_id: got.chat_id, seq: 2 });
  });

  it('with the chat_id of a chat both are in: stored there, chat sockets get new_message', async () => {
    const server = await startServer();
    const { users: list, chat } = await chatWithUsers(server, 3);
    const [ana, ben, cat] = list as [Session, Session, Session];
    const anaP = await joinPersonal(server, ana);
    const benP = await joinPersonal(server, ben);
    const catC = await joinChat(server, cat, chat.id);
    anaP.send({
      type: 'direct_message',
      data: { content: 'in the group', recipient_id: ben.user.id, chat_id: chat.id, client_id: 'g-1' },
    });
    const ack = await anaP.next('new_direct_message');
    expect(ack).toMatchObject({ chat_id: chat.id, content: 'in the group', client_id: 'g-1', seq: 1 });
    expect((await benP.next('new_direct_message')).id).toBe(ack.id);
    expect((await catC.next('new_message')).id).toBe(ack.id);
  });

  it('with the chat_id of a chat the recipient is not in → forbidden, nothing stored', async () => {
    const server = await startServer();
    const [ana, ben, cat] = (await users(server, 3)) as [Session, Session, Session];
    const anaCat = await createChat(server, ana, [cat], 'ana+cat');
    const anaP = await joinPersonal(server, ana);
    const benP = await joinPersonal(server, ben);
    const err = await refused(anaP, {
      type: 'direct_message',
      data: { content: 'nope', recipient_id: ben.user.id, chat_id: anaCat.id, client_id: 'f-1' },
    });
    expect(err).toMatchObject({ code: 'forbidden', frame_type: 'direct_message', client_id: 'f-1' });
    await anaP.roundTrip();
    await benP.expectNone('new_direct_message', 150);
    expect((await history(server, ana, anaCat.id)).messages).toEqual([]);
  });

  it('with the chat_id of a chat the sender is not in → forbidden', async () => {
    const server = await startServer();
    const [ana, ben, cat] = (await users(server, 3)) as [Session, Session, Session];
    const benCat = await createChat(server, ben, [cat], 'ben+cat');
    const anaP = await joinPersonal(server, ana);
    const err = await refused(anaP, {
      type: 'direct_message',
      data: { content: 'sneaky', recipient_id: ben.user.id, chat_id: benCat.id },
    });
    expect(err.code).toBe('forbidden');
    expect((await history(server, ben, benCat.id)).messages).toEqual([]);
  });

  it('answers an unknown chat or recipient with not_found, oneself or no recipient with invalid_frame', async () => {
    const server = await startServer();
    const [ana, ben] = (await users(server, 2)) as [Session, Session];
    const anaP = await joinPersonal(server, ana);
    const send = (data: object) => refused(anaP, { type: 'direct_message', data: { content: 'x', ...data } });
    expect((await send({ recipient_id: ben.user.id, chat_id: unknownId() })).code).toBe('not_found');
    expect((await send({ recipient_id: unknownId() })).code).toBe('not_found');
    expect((await send({ recipient_id: ana.user.id })).code).toBe('invalid_frame');
    expect((await send({})).code).toBe('invalid_frame');
    expect((await send({ recipient_id: ben.user.id, content: '' })).code).toBe('invalid_frame');
    const list = await api(server, ana.access_token, 'GET', '/api/v1/chats');
    expect(list.body.chats.every((c: { last_seq: number }) => c.last_seq === 0)).toBe(true);
  });

  it('answers a repeated client_id on the sending socket only, as new_direct_message', async () => {
    const server = await startServer();
    const [ana, ben] = (await users(server, 2)) as [Session, Session];
    const anaP = await joinPersonal(server, ana);
    const anaP2 = await joinPersonal(server, ana);
    const benP = await joinPersonal(server, ben);
    const frame = { type: 'direct_message', data: { content: 'once', recipient_id: ben.user.id, client_id: 'r-1' } };
    anaP.send(frame);
    const first = await anaP.next('new_direct_message');
    await benP.next('new_direct_message');
    await anaP2.next('new_direct_message');

    anaP.send(frame);
    expect(await anaP.next('new_direct_message')).toMatchObject({ id: first.id, seq: first.seq, client_id: 'r-1' });
    anaP.send({ type: 'direct_message', data: { content: 'next', recipient_id: ben.user.id, client_id: 'r-2' } });
    expect((await benP.next('new_direct_message')).client_id).toBe('r-2');
    expect((await anaP2.next('new_direct_message')).client_id).toBe('r-2');
    await benP.expectNone('new_direct_message', 100);
    expect((await history(server, ben, first.chat_id)).messages.map((m) => m.client_id)).toEqual(['r-1', 'r-2']);
  });
});

describe('direct chats and chat sockets', () => {
  it('send_message in a direct chat also yields new_direct_message on both personal sockets', async () => {
    const server = await startServer();
    const [ana, ben] = (await users(server, 2)) as [Session, Session];
    const dm = await directChat(server, ana, ben);
    const anaP = await joinPersonal(server, ana);
    const benP = await joinPersonal(server, ben);
    const anaC = await joinChat(server, ana, dm.id);
    const msg = await sendMessage(anaC, 'via chat socket', { client_id: 'cs-1' });
    expect(await benP.next('new_direct_message')).toEqual(msg);
    expect(await anaP.next('new_direct_message')).toEqual(msg);
  });

  it('send_message in a group chat yields nothing on personal sockets', async () => {
    const server = await startServer();
    const { users: list, chat } = await chatWithUsers(server, 2);
    const benP = await joinPersonal(server, list[1]!);
    const a = await joinChat(server, list[0]!, chat.id);
    await sendMessage(a, 'group talk');
    await benP.expectNone('new_direct_message', 150);
    await benP.expectNone('new_message', 0);
  });

  it('direct_message on a chat socket defaults to its chat; another chat_id → invalid_frame', async () => {
    const server = await startServer();
    const [ana, ben] = (await users(server, 2)) as [Session, Session];
    const dm = await directChat(server, ana, ben);
    const other = await createChat(server, ana, [ben], 'other');
    const anaC = await joinChat(server, ana, dm.id);
    const benP = await joinPersonal(server, ben);

    anaC.send({ type: 'direct_message', data: { content: 'on chat socket', recipient_id: ben.user.id, client_id: 'd-1' } });
    const ack = await anaC.next('new_message');
    expect(ack).toMatchObject({ chat_id: dm.id, client_id: 'd-1', content: 'on chat socket' });
    expect((await benP.next('new_direct_message')).id).toBe(ack.id);

    const err = await refused(anaC, {
      type: 'direct_message',
      data: { content: 'wrong chat', recipient_id: ben.user.id, chat_id: other.id, client_id: 'd-2' },
    });
    expect(err).toMatchObject({ code: 'invalid_frame', client_id: 'd-2' });
    expect((await history(server, ana, other.id)).messages).toEqual([]);
  });
});
