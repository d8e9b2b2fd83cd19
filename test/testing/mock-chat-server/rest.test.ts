import { describe, expect, it } from 'vitest';
import { installMockServer, rest } from '../msw';

const { startMock } = installMockServer();

describe('REST', () => {
  it('logs in (creating the user once, case-insensitively) and refreshes', async () => {
    const mock = startMock();
    const first = await rest('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username: 'Dora' }) });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'bearer', expires_in: 900, user: { username: 'Dora', email: 'dora@natter.invalid', is_active: true } });
    const again = await rest('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username: 'dora' }) });
    expect(again.body.user.id).toBe(first.body.user.id);
    expect(mock.user('DORA').id).toBe(first.body.user.id);
    expect((await rest('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username: 'no spaces' }) })).body).toMatchObject({ error: { code: 'invalid_request' } });
    const refreshed = await rest('/api/v1/auth/refresh', { method: 'POST', body: JSON.stringify({ refresh_token: first.body.refresh_token }) });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(first.body.access_token);
    expect((await rest('/api/v1/users/me', { token: refreshed.body.access_token })).body.username).toBe('Dora');
    const wrongKind = await rest('/api/v1/auth/refresh', { method: 'POST', body: JSON.stringify({ refresh_token: first.body.access_token }) });
    expect(wrongKind).toEqual({ status: 401, body: { error: { code: 'unauthorized', message: expect.any(String) } } });
  });

  it('serves users: me, search by prefix, by id, 404 and 401', async () => {
    const mock = startMock({ users: ['ana', 'anton', 'ben', 'cy'] });
    const token = mock.sessionFor('ana').access_token;
    expect((await rest('/api/v1/users/me', { token })).body.username).toBe('ana');
    expect((await rest('/api/v1/users?q=AN', { token })).body.users.map((u: any) => u.username)).toEqual(['ana', 'anton']);
    expect((await rest('/api/v1/users?limit=1', { token })).body.users).toHaveLength(1);
    expect((await rest(`/api/v1/users/${mock.user('ben').id}`, { token })).body.username).toBe('ben');
    expect((await rest('/api/v1/users/nobody', { token })).status).toBe(404);
    expect((await rest('/api/v1/users/me')).status).toBe(401);
    expect((await rest('/api/v1/users?limit=0', { token })).status).toBe(400);
  });

  it('serves chats: the caller’s, most recent activity first, with last_message; create; direct; one chat', async () => {
    const mock = startMock({ now: (() => { let t = Date.parse('2026-11-24T09:00:00.000Z'); return () => (t += 1000); })() });
    const ana = mock.sessionFor('ana').access_token;
    mock.addChat({ name: 'later', members: ['ana', 'cy'] });
    mock.addMessage('general', { from: 'ben', content: 'newest' });
    const list = await rest('/api/v1/chats', { token: ana });
    expect(list.body.chats.map((c: any) => c.name)).toEqual(['general', 'later']);
    expect(list.body.chats[0]).toMatchObject({ last_seq: 1, last_message: { content: 'newest' }, last_read_seq: 0, is_direct: false });
    const created = await rest('/api/v1/chats', { method: 'POST', token: ana, body: JSON.stringify({ name: 'team', member_ids: [mock.user('ben').id] }) });
    expect(created.status).toBe(201);
    expect(created.body.members.map((m: any) => m.username)).toEqual(['ana', 'ben']);
    expect((await rest('/api/v1/chats', { method: 'POST', token: ana, body: JSON.stringify({ name: 'x', member_ids: ['ghost'] }) })).status).toBe(400);
    const direct = await rest('/api/v1/chats/direct', { method: 'POST', token: ana, body: JSON.stringify({ user_id: mock.user('cy').id }) });
    expect(direct.status).toBe(201);
    expect(direct.body).toMatchObject({ is_direct: true, name: null });
    const again = await rest('/api/v1/chats/direct', { method: 'POST', token: ana, body: JSON.stringify({ user_id: mock.user('cy').id }) });
    expect([again.status, again.body.id]).toEqual([200, direct.body.id]);
    expect((await rest('/api/v1/chats/direct', { method: 'POST', token: ana, body: JSON.stringify({ user_id: mock.user('ana').id }) })).status).toBe(400);
    expect((await rest(`/api/v1/chats/${mock.chat('private').id}`, { token: ana })).status).toBe(403);
    expect((await rest('/api/v1/chats/nope', { token: ana })).status).toBe(404);
    expect((await rest(`/api/v1/chats/${created.body.id}`, { token: ana })).body.name).toBe('team');
  });

  it('pages history by seq: newest, before, after, after+before, with has_more and read_by', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: 12 }, { name: 'private', members: ['ben', 'cy'] }] });
    const { id } = mock.chat('general');
    mock.addReceipt(mock.messages('general')[11]!.id, mock.messages('general')[11]!.sender_id === mock.user('ana').id ? 'ben' : 'ana');
    const token = mock.sessionFor('ana').access_token;
    const seqs = (body: any) => body.messages.map((m: any) => m.seq);
    const newest = (await rest(`/api/v1/chats/${id}/messages?limit=5`, { token })).body;
    expect([seqs(newest), newest.has_more]).toEqual([[8, 9, 10, 11, 12], true]);
    expect(newest.messages[4].read_by).toHaveLength(1);
    expect(newest.messages[0].read_by).toEqual([]);
    const older = (await rest(`/api/v1/chats/${id}/messages?before=8&limit=5`, { token })).body;
    expect([seqs(older), older.has_more]).toEqual([[3, 4, 5, 6, 7], true]);
    const oldest = (await rest(`/api/v1/chats/${id}/messages?before=3&limit=5`, { token })).body;
    expect([seqs(oldest), oldest.has_more]).toEqual([[1, 2], false]);
    const after = (await rest(`/api/v1/chats/${id}/messages?after=9`, { token })).body;
    expect([seqs(after), after.has_more]).toEqual([[10, 11, 12], false]);
    const window = (await rest(`/api/v1/chats/${id}/messages?after=2&before=9&limit=3`, { token })).body;
    expect([seqs(window), window.has_more]).toEqual([[3, 4, 5], true]);
    expect((await rest(`/api/v1/chats/${id}/messages`, { token })).body.messages).toHaveLength(12);
    expect((await rest(`/api/v1/chats/${id}/messages?limit=201`, { token })).status).toBe(400);
    expect((await rest(`/api/v1/chats/${id}/messages?before=x`, { token })).status).toBe(400);
    expect((await rest(`/api/v1/chats/${mock.chat('private').id}/messages`, { token })).status).toBe(403);
    expect((await rest(`/api/v1/chats/${id}/messages`)).status).toBe(401);
  });
});
