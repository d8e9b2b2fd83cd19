import { describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';
import { api, expectError, expectUser, login, request, type Session } from '../helpers/http.ts';
import { uniqueName } from '../helpers/names.ts';
import { forgeToken } from '../helpers/tokens.ts';

const LOGIN = '/api/v1/auth/login';
const REFRESH = '/api/v1/auth/refresh';

function expectSession(body: Session, expiresIn = 900): void {
  expect(body).toMatchObject({
    access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    refresh_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    token_type: 'bearer',
    expires_in: expiresIn,
  });
  expectUser(body.user);
}

describe('POST /api/v1/auth/login', () => {
  it('creates the user on first use and returns a Session', async () => {
    const server = await startServer();
    const name = uniqueName();
    const res = await request(server, 'POST', LOGIN, { json: { username: name } });
    expect(res.status, res.text).toBe(200);
    expectSession(res.body);
    expect(res.body.user).toMatchObject({ username: name, email: `${name}@natter.invalid`, is_active: true });
    expect(res.body.access_token).not.toBe(res.body.refresh_token);

    const me = await api(server, res.body.access_token, 'GET', '/api/v1/users/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(res.body.user);
  });

  it('reports expires_in from accessTokenTtlSeconds', async () => {
    const server = await startServer({ accessTokenTtlSeconds: 600 });
    const res = await request(server, 'POST', LOGIN, { json: { username: uniqueName() } });
    expect(res.status).toBe(200);
    expectSession(res.body, 600);
  });

  it('keeps the email given at login', async () => {
    const server = await startServer();
    const name = uniqueName();
    const session = await login(server, name, `${name}@example.com`);
    expect(session.user.email).toBe(`${name}@example.com`);
  });

  it('logs the same name in as the same user, in any case', async () => {
    const server = await startServer();
    const name = uniqueName('ab');
    const first = await login(server, name);
    const again = await login(server, name);
    const upper = await login(server, name.toUpperCase());
    const mixed = await login(server, name[0]!.toUpperCase() + name.slice(1));
    expect(again.user.id).toBe(first.user.id);
    expect(upper.user.id).toBe(first.user.id);
    expect(mixed.user.id).toBe(first.user.id);
    const other = await login(server, uniqueName('ab'));
    expect(other.user.id).not.toBe(first.user.id);
  });

  it('folds case beyond ASCII too: one user per name however it is cased', async () => {
    const server = await startServer();
    const name = `é${uniqueName('ä')}`;
    const first = await login(server, name);
    expect((await login(server, name.toUpperCase())).user.id).toBe(first.user.id);
    expect((await login(server, `É${name.slice(1)}`)).user.id).toBe(first.user.id);
    expect((await login(server, `e${name.slice(1)}`)).user.id).not.toBe(first.user.id);
  });

  it('accepts every allowed username character and 32 characters', async () => {
    const server = await startServer();
    const base = uniqueName('k');
    const name = `${base}_.-`;
    expect((await request(server, 'POST', LOGIN, { json: { username: name } })).status).toBe(200);
    const long = (base + 'x'.repeat(32)).slice(0, 32);
    expect((await request(server, 'POST', LOGIN, { json: { username: long } })).status).toBe(200);
    expect((await request(server, 'POST', LOGIN, { json: { username: 'a' } })).status).toBe(200);
  });

  it.each([
    ['empty', ''],
    ['33 characters', 'a'.repeat(33)],
    ['a space', 'has space'],
    ['punctuation', 'bad!name'],
    ['a slash', 'a/b'],
    ['a number instead of a string', 42],
    ['null', null],
  ])('rejects a username with %s → 400 invalid_request', async (_label, username) => {
    const server = await startServer();
    expectError(await request(server, 'POST', LOGIN, { json: { username } }), 400, 'invalid_request');
  });

  it('rejects a body without username → 400', async () => {
    const server = await startServer();
    expectError(await request(server, 'POST', LOGIN, { json: {} }), 400, 'invalid_request');
    expectError(await request(server, 'POST', LOGIN, { json: [] }), 400, 'invalid_request');
  });

  it('rejects malformed JSON → 400 invalid_request', async () => {
    const server = await startServer();
    expectError(await request(server, 'POST', LOGIN, { rawBody: '{"username": "ana"' }), 400, 'invalid_request');
  });

  it('rejects a body over 1 MiB → 413 payload_too_large', async () => {
    const server = await startServer();
    const rawBody = JSON.stringify({ username: 'big', padding: 'x'.repeat(1024 * 1024 + 10) });
    expectError(await request(server, 'POST', LOGIN, { rawBody }), 413, 'payload_too_large');
  });
});

describe('POST /api/v1/auth/refresh', () => {
  it('returns a new working pair for the same user', async () => {
    const server = await startServer();
    const session = await login(server, uniqueName());
    const res = await request(server, 'POST', REFRESH, { json: { refresh_token: session.refresh_token } });
    expect(res.status, res.text).toBe(200);
    expectSession(res.body);
    expect(res.body.user.id).toBe(session.user.id);

    const me = await api(server, res.body.access_token, 'GET', '/api/v1/users/me');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(session.user.id);

    const again = await request(server, 'POST', REFRESH, { json: { refresh_token: res.body.refresh_token } });
    expect(again.status, again.text).toBe(200);
    expect(again.body.user.id).toBe(session.user.id);
  });

  it('rejects an access token used as a refresh token → 401', async () => {
    const server = await startServer();
    const session = await login(server, uniqueName());
    expectError(
      await request(server, 'POST', REFRESH, { json: { refresh_token: session.access_token } }),
      401,
      'unauthorized',
    );
  });

  it('rejects garbage → 401', async () => {
    const server = await startServer();
    for (const refresh_token of ['garbage', 'a.b.c', '']) {
      const res = await request(server, 'POST', REFRESH, { json: { refresh_token } });
      // an empty string may be rejected as a bad body (400) or a bad token (401); anything else is 401
      if (refresh_token === '') expect([400, 401]).toContain(res.status);
      else expectError(res, 401, 'unauthorized');
    }
  });

  it('rejects a missing or mistyped refresh_token → 400', async () => {
    const server = await startServer();
    expectError(await request(server, 'POST', REFRESH, { json: {} }), 400, 'invalid_request');
    expectError(await request(server, 'POST', REFRESH, { json: { refresh_token: 7 } }), 400, 'invalid_request');
    expectError(await request(server, 'POST', REFRESH, { rawBody: '{nope' }), 400, 'invalid_request');
  });

  it('rejects an expired refresh token or one signed with another key → 401', async () => {
    const secret = 'test-secret-auth-refresh-0123456789';
    const server = await startServer({ jwtSecret: secret });
    const session = await login(server, uniqueName());
    const sub = session.user.id;

    // control: a refresh token forged with the right key and a future expiry is accepted
    const valid = await forgeToken(secret, { sub, typ: 'refresh', expiresInSeconds: 600 });
    const ok = await request(server, 'POST', REFRESH, { json: { refresh_token: valid } });
    expect(ok.status, ok.text).toBe(200);

    const expired = await forgeToken(secret, { sub, typ: 'refresh', expiresInSeconds: -60 });
    expectError(await request(server, 'POST', REFRESH, { json: { refresh_token: expired } }), 401, 'unauthorized');
    const otherKey = await forgeToken('another-secret-entirely-0123456789', { sub, typ: 'refresh' });
    expectError(await request(server, 'POST', REFRESH, { json: { refresh_token: otherKey } }), 401, 'unauthorized');
    const wrongIssuer = await forgeToken(secret, { sub, typ: 'refresh', iss: 'someone-else' });
    expectError(
      await request(server, 'POST', REFRESH, { json: { refresh_token: wrongIssuer } }),
      401,
      'unauthorized',
    );
  });
});

describe('bearer tokens', () => {
  it('rejects a refresh token used as a bearer → 401', async () => {
    const server = await startServer();
    const session = await login(server, uniqueName());
    expectError(await api(server, session.refresh_token, 'GET', '/api/v1/users/me'), 401, 'unauthorized');
  });

  it('rejects an expired access token, accepts a fresh forged one (control)', async () => {
    const secret = 'test-secret-auth-bearer-0123456789';
    const server = await startServer({ jwtSecret: secret });
    const session = await login(server, uniqueName());
    const fresh = await forgeToken(secret, { sub: session.user.id, typ: 'access', expiresInSeconds: 600 });
    const ok = await api(server, fresh, 'GET', '/api/v1/users/me');
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.id).toBe(session.user.id);

    const expired = await forgeToken(secret, { sub: session.user.id, typ: 'access', expiresInSeconds: -60 });
    expectError(await api(server, expired, 'GET', '/api/v1/users/me'), 401, 'unauthorized');
  });

  it('rejects a token for a user that does not exist → 401', async () => {
    const secret = 'test-secret-auth-ghost-0123456789';
    const server = await startServer({ jwtSecret: secret });
    const ghost = await forgeToken(secret, { sub: crypto.randomUUID(), typ: 'access' });
    expectError(await api(server, ghost, 'GET', '/api/v1/users/me'), 401, 'unauthorized');
  });

  it('rejects garbage and a non-Bearer scheme → 401', async () => {
    const server = await startServer();
    const session = await login(server, uniqueName());
    expectError(await api(server, 'garbage', 'GET', '/api/v1/users/me'), 401, 'unauthorized');
    const basic = await request(server, 'GET', '/api/v1/users/me', {
      headers: { authorization: `Basic ${session.access_token}` },
    });
    expectError(basic, 401, 'unauthorized');
  });
});
