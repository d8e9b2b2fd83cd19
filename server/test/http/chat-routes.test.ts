import { describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';
import { api, expectError, expectUser, ISO_MS, login, UUID, type Session } from '../helpers/http.ts';
import { uniqueName, unknownId } from '../helpers/names.ts';
import { createChat, sendMessage, users } from '../helpers/fixtures.ts';
import { joinChat } from '../helpers/socket.ts';

const ids = (list: { id: string }[]): string[] => list.map((x) => x.id).sort();
const idsOf = (sessions: Session[]): string[] => sessions.map((s) => s.user.id).sort();

describe('POST /api/v1/chats', () => {
  it('creates a chat with the creator added → 201 Chat', async () => {
    const server = await startServer();
    const [ana, ben, cat] = await users(server, 3);
    const res = await api(server, ana!.access_token, 'POST', '/api/v1/chats', {
      name: 'Team',
      member_ids: [ben!.user.id, cat!.user.id],
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(UUID),
      name: 'Team',
      is_direct: false,
      created_by: ana!.user.id,
      created_at: expect.stringMatching(ISO_MS),
      last_seq: 0,
      last_message: null,
      last_read_seq: 0,
    });
    expect(ids(res.body.members)).toEqual(idsOf([ana!, ben!, cat!]));
    for (const m of res.body.members) expectUser(m);

    const got = await api(server, ben!.access_token, 'GET', `/api/v1/chats/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(res.body.id);
  });

  it('does not duplicate the creator when listed, and allows a chat of one', async () => {
    const server = await startServer();
    const [ana, ben] = await users(server, 2);
    const res = await api(server, ana!.access_token, 'POST', '/api/v1/chats', {
      name: 'Dup',
      member_ids: [ana!.user.id, ben!.user.id, ben!.user.id],
    });
    expect(res.status, res.text).toBe(201);
    expect(ids(res.body.members)).toEqual(idsOf([ana!, ben!]));

    const alone = await api(server, ana!.access_token, 'POST', '/api/v1/chats', { name: 'Notes', member_ids: [] });
    expect(alone.status, alone.text).toBe(201);
    expect(ids(alone.body.members)).toEqual([ana!.user.id]);
  });

  it('answers 400 invalid_request for an unknown member and creates nothing', async () => {
    const server = await startServer();
    const [ana, ben] = await users(server, 2);
    const res = await api(server, ana!.access_token, 'POST', '/api/v1/chats', {
      name: 'Ghosts',
      member_ids: [ben!.user.id, unknownId()],
    });
    expectError(res, 400, 'invalid_request');
    const list = await api(server, ana!.access_token, 'GET', '/api/v1/chats');
    expect(list.body.chats).toEqual([]);
  });

  it.each([
    ['an empty name', { name: '', member_ids: [] }],
    ['a 101-character name', { name: 'n'.repeat(101), member_ids: [] }],
    ['a numeric name', { name: 5, member_ids: [] }],
    ['no name', { member_ids: [] }],
    ['member_ids not an array', { name: 'x', member_ids: 'abc' }],
    ['no member_ids', { name: 'x' }],
  ])('answers 400 for %s', async (_label, body) => {
    const server = await startServer();
    const ana = await login(server, uniqueName());
    expectError(await api(server, ana.access_token, 'POST', '/api/v1/chats', body), 400, 'invalid_request');
  });

  it('accepts a 100-character name', async () => {
    const server = await startServer();
    const ana = await login(server, uniqueName());
    const res = await api(server, ana.access_token, 'POST', '/api/v1/chats', { name: 'n'.repeat(100), member_ids: [] });
    expect(res.status, res.text).toBe(201);
    expect(res.body.name).toBe('n'.repeat(100));
  });

  it('answers 401 without a token', async () => {
    const server = await startServer();
    expectError(await api(server, null, 'POST', '/api/v1/chats', { name: 'x', member_ids: [] }), 401, 'unauthorized');
  });
});

describe('POST /api/v1/chats/direct', () => {
  it('creates the direct chat once (201), then returns it (200) from either side', async () => {
    const server = await startServer();
    const [ana, ben] = await users(server, 2);
    const first = await api(server, ana!.access_token, 'POST', '/api/v1/chats/direct', { user_id: ben!.user.id });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({ id: expect.stringMatching(UUID), name: null, is_direct: true, last_seq: 0 });
    expect(ids(first.body.members)).toEqual(idsOf([ana!, ben!]));

    const again = await api(server, ana!.access_token, 'POST', '/api/v1/chats/direct', { user_id: ben!.user.id });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);

    const reverse = await api(server, ben!.access_token, 'POST', '/api/v1/chats/direct', { user_id: ana!.user.id });
    expect(reverse.status).toBe(200);
    expect(reverse.body.id).toBe(first.body.id);
  });

  it('is not confused by a group chat of the same two people', async () => {
    const server = await startServer();
    const [ana, ben] = await users(server, 2);
    const group = await createChat(server, ana!, [ben!], 'Pair');
    const direct = await api(server, ana!.access_token, 'POST', '/api/v1/chats/direct', { user_id: ben!.user.id });
    expect(direct.status).toBe(201);
    expect(direct.body.id).not.toBe(group.id);
    expect(direct.body.is_direct).toBe(true);
  });

  it('answers 400 to oneself, 404 for an unknown user, 400 for a bad body', async () => {
    const server = await startServer();
    const ana = await login(server, uniqueName());
    const path = '/api/v1/chats/direct';
    expectError(await api(server, ana.access_token, 'POST', path, { user_id: ana.user.id }), 400, 'invalid_request');
    expectError(await api(server, ana.access_token, 'POST', path, { user_id: unknownId() }), 404, 'not_found');
    expectError(await api(server, ana.access_token, 'POST', path, {}), 400, 'invalid_request');
  });
});

describe('GET /api/v1/chats', () => {
  it("lists only the caller's chats", async () => {
    const server = await startServer();
    const [ana, ben, cat] = await users(server, 3);
    const anaBen = await createChat(server, ana!, [ben!], 'ana+ben');
    const benCat = await createChat(server, ben!, [cat!], 'ben+cat');

    const forAna = await api(server, ana!.access_token, 'GET', '/api/v1/chats');
    expect(forAna.status).toBe(200);
    expect(ids(forAna.body.chats)).toEqual([anaBen.id]);

    const forBen = await api(server, ben!.access_token, 'GET', '/api/v1/chats');
    expect(ids(forBen.body.chats)).toEqual([anaBen.id, benCat.id].sort());

    const forCat = await api(server, cat!.access_token, 'GET', '/api/v1/chats');
    expect(ids(forCat.body.chats)).toEqual([benCat.id]);
  });

  it('shows last_message, last_seq and the caller’s last_read_seq, most recent activity first', async () => {
    const server = await startServer();
    const [ana, ben] = await users(server, 2);
    const older = await createChat(server, ana!, [ben!], 'older');
    const newer = await createChat(server, ana!, [ben!], 'newer');

    const sock = await joinChat(server, ana!, older.id);
    await sendMessage(sock, 'first');
    const second = await sendMessage(sock, 'second');

    const list = await api(server, ben!.access_token, 'GET', '/api/v1/chats');
    expect(list.status).toBe(200);
    expect(list.body.chats.map((c: { id: string }) => c.id)).toEqual([older.id, newer.id]);
    const [top, bottom] = list.body.chats;
    expect(top).toMatchObject({ id: older.id, name: 'older', last_seq: 2, last_read_seq: 0 });
    expect(top.last_message).toMatchObject({
      id: second.id,
      seq: 2,
      content: 'second',
      sender_id: ana!.user.id,
      chat_id: older.id,
    });
    expect(bottom).toMatchObject({ id: newer.id, last_seq: 0, last_message: null, last_read_seq: 0 });

    // ben reads message 2, then 1: last_read_seq is the highest seq read
    const benSock = await joinChat(server, ben!, older.id);
    benSock.send({ type: 'read_receipt', data: { message_id: second.id } });
    await benSock.next('read_receipt');
    const first = (await api(server, ben!.access_token, 'GET', `/api/v1/chats/${older.id}/messages`)).body.messages[0];
    benSock.send({ type: 'read_receipt', data: { message_id: first.id } });
    await benSock.next('read_receipt');
    const after = await api(server, ben!.access_token, 'GET', '/api/v1/chats');
    expect(after.body.chats.find((c: { id: string }) => c.id === older.id).last_read_seq).toBe(2);

    // a message in the newer chat moves it to the top
    const newerSock = await joinChat(server, ana!, newer.id);
    await sendMessage(newerSock, 'hello');
    const reordered = await api(server, ben!.access_token, 'GET', '/api/v1/chats');
    expect(reordered.body.chats.map((c: { id: string }) => c.id)).toEqual([newer.id, older.id]);
  });

  it('answers 401 without a token', async () => {
    const server = await startServer();
    expectError(await api(server, null, 'GET', '/api/v1/chats'), 401, 'unauthorized');
  });
});

describe('GET /api/v1/chats/{chatId}', () => {
  it('returns the Chat to a member, 403 to a non-member, 404 for an unknown chat', async () => {
    const server = await startServer();
    const [ana, ben, cat] = await users(server, 3);
    const chat = await createChat(server, ana!, [ben!], 'Private');

    const res = await api(server, ben!.access_token, 'GET', `/api/v1/chats/${chat.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: chat.id, name: 'Private', is_direct: false, created_by: ana!.user.id });
    expect(ids(res.body.members)).toEqual(idsOf([ana!, ben!]));

    expectError(await api(server, cat!.access_token, 'GET', `/api/v1/chats/${chat.id}`), 403, 'forbidden');
    expectError(await api(server, cat!.access_token, 'GET', `/api/v1/chats/${unknownId()}`), 404, 'not_found');
    expectError(await api(server, null, 'GET', `/api/v1/chats/${chat.id}`), 401, 'unauthorized');
  });
});
