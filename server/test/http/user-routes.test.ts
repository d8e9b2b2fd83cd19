import { describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';
import { api, expectError, expectUser, login } from '../helpers/http.ts';
import { uniqueName, unknownId } from '../helpers/names.ts';

describe('GET /api/v1/users/me', () => {
  it("returns the caller's User", async () => {
    const server = await startServer();
    const name = uniqueName();
    const session = await login(server, name);
    await login(server, uniqueName()); // someone else exists too
    const res = await api(server, session.access_token, 'GET', '/api/v1/users/me');
    expect(res.status).toBe(200);
    expectUser(res.body, { id: session.user.id, username: name, email: `${name}@natter.invalid` });
  });

  it('answers 401 unauthorized without a token', async () => {
    const server = await startServer();
    expectError(await api(server, null, 'GET', '/api/v1/users/me'), 401, 'unauthorized');
  });
});

describe('GET /api/v1/users', () => {
  it('filters by username prefix, ordered by username', async () => {
    const server = await startServer();
    const base = uniqueName('p');
    const me = await login(server, `${base}_c`);
    await login(server, `${base}_a`);
    await login(server, `${base}_b`);
    await login(server, `${base}x_z`);
    await login(server, uniqueName('q'));

    const res = await api(server, me.access_token, 'GET', `/api/v1/users?q=${base}_`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.users.map((u: { username: string }) => u.username)).toEqual([
      `${base}_a`,
      `${base}_b`,
      `${base}_c`,
    ]);
    for (const u of res.body.users) expectUser(u);

    const wider = await api(server, me.access_token, 'GET', `/api/v1/users?q=${base}`);
    expect(wider.body.users.map((u: { username: string }) => u.username)).toEqual([
      `${base}_a`,
      `${base}_b`,
      `${base}_c`,
      `${base}x_z`,
    ]);

    const none = await api(server, me.access_token, 'GET', `/api/v1/users?q=${uniqueName('zz')}`);
    expect(none.status).toBe(200);
    expect(none.body.users).toEqual([]);
  });

  it('lists everyone without q', async () => {
    const server = await startServer();
    const a = await login(server, uniqueName());
    const b = await login(server, uniqueName());
    const res = await api(server, a.access_token, 'GET', '/api/v1/users');
    expect(res.status).toBe(200);
    const ids = res.body.users.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([a.user.id, b.user.id]));
  });

  it('honours limit, defaults to 50 and allows up to 200', async () => {
    const server = await startServer();
    const base = uniqueName('l');
    const sessions = [];
    for (let i = 0; i < 52; i += 1) sessions.push(await login(server, `${base}_${String(i).padStart(2, '0')}`));
    const token = sessions[0]!.access_token;

    const two = await api(server, token, 'GET', `/api/v1/users?q=${base}&limit=2`);
    expect(two.status).toBe(200);
    expect(two.body.users.map((u: { username: string }) => u.username)).toEqual([`${base}_00`, `${base}_01`]);

    const byDefault = await api(server, token, 'GET', `/api/v1/users?q=${base}`);
    expect(byDefault.body.users).toHaveLength(50);

    const max = await api(server, token, 'GET', `/api/v1/users?q=${base}&limit=200`);
    expect(max.status).toBe(200);
    expect(max.body.users).toHaveLength(52);
  });

  it.each(['0', '201', '-1', 'abc'])('rejects limit=%s → 400 invalid_request', async (limit) => {
    const server = await startServer();
    const me = await login(server, uniqueName());
    expectError(await api(server, me.access_token, 'GET', `/api/v1/users?limit=${limit}`), 400, 'invalid_request');
  });

  it('answers 401 without a token', async () => {
    const server = await startServer();
    expectError(await api(server, null, 'GET', '/api/v1/users'), 401, 'unauthorized');
  });
});

describe('GET /api/v1/users/{userId}', () => {
  it('returns that User', async () => {
    const server = await startServer();
    const me = await login(server, uniqueName());
    const other = await login(server, uniqueName());
    const res = await api(server, me.access_token, 'GET', `/api/v1/users/${other.user.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(other.user);
  });

  it('answers 404 not_found for an unknown id', async () => {
    const server = await startServer();
    const me = await login(server, uniqueName());
    expectError(await api(server, me.access_token, 'GET', `/api/v1/users/${unknownId()}`), 404, 'not_found');
  });

  it('answers 401 without a token', async () => {
    const server = await startServer();
    const me = await login(server, uniqueName());
    expectError(await api(server, null, 'GET', `/api/v1/users/${me.user.id}`), 401, 'unauthorized');
  });
});
