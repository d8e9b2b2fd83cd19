import { describe, expect, it } from 'vitest';
import { NatterError, type Session } from 'natter';
import { createTokenRenewer, toStoredSession } from 'natter/features';
import { user } from './fixtures';

const session = (n: number, expiresIn = 900): Session => ({
  access_token: `access-${n}`,
  refresh_token: `refresh-${n}`,
  token_type: 'bearer',
  expires_in: expiresIn,
  user: user('ana'),
});

function refreshServer(answers: Array<Session | number>) {
  const calls: string[] = [];
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    calls.push(JSON.parse(String(init?.body)).refresh_token);
    const answer = answers.shift()!;
    if (typeof answer === 'number') return new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'no' } }), { status: answer });
    return new Response(JSON.stringify(answer), { status: 200 });
  };
  return { fetch, calls };
}

describe('createTokenRenewer', () => {
  it('hands out the token until a minute before expiry, then renews once for every caller', async () => {
    let now = 0;
    const server = refreshServer([session(2)]);
    const renewed: string[] = [];
    const tokens = createTokenRenewer({ baseUrl: 'http://chat.test', session: session(1), fetch: server.fetch, now: () => now, onRenew: (s) => renewed.push(s.accessToken) });
    expect(tokens.getToken()).toBe('access-1');
    now = 839_999;
    expect(tokens.getToken()).toBe('access-1');
    now = 840_000;
    const [a, b] = await Promise.all([tokens.getToken(), tokens.getToken()]);
    expect([a, b]).toEqual(['access-2', 'access-2']);
    expect(server.calls).toEqual(['refresh-1']);
    expect(renewed).toEqual(['access-2']);
    expect(tokens.getToken()).toBe('access-2');
  });

  it('renews short-lived tokens at four fifths of their life', () => {
    expect(toStoredSession(session(1, 60), 0).renewAt).toBe(48_000);
  });

  it('a refused refresh says so (onExpired) and fails with unauthorized; a network failure does not sign out', async () => {
    const now = 1_000_000;
    const expired: string[] = [];
    const refused = createTokenRenewer({ baseUrl: 'http://chat.test', session: toStoredSession(session(1), 0), fetch: refreshServer([401]).fetch, now: () => now, onExpired: (e) => expired.push(e.code) });
    await expect(refused.getToken()).rejects.toMatchObject({ code: 'unauthorized' });
    expect(expired).toEqual(['unauthorized']);
    const offline = createTokenRenewer({
      baseUrl: 'http://chat.test',
      session: toStoredSession(session(1), 0),
      fetch: () => Promise.reject(new TypeError('fetch failed')),
      now: () => now,
      onExpired: (e) => expired.push(e.code),
    });
    const error = await Promise.resolve(offline.getToken()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NatterError);
    expect((error as NatterError).code).toBe('network_error');
    expect(expired).toEqual(['unauthorized']);
  });

  it('a renewal that fails on the network while the token still works hands out that token, and renews on the next call', async () => {
    // Renewal starts a minute early: a failure then must not fail every socket's connect with a token that works.
    let now = 850_000;
    let online = false;
    const server = refreshServer([session(2)]);
    const fetch: typeof globalThis.fetch = (input, init) => (online ? server.fetch(input, init) : Promise.reject(new TypeError('fetch failed')));
    const expired: string[] = [];
    const tokens = createTokenRenewer({ baseUrl: 'http://chat.test', session: toStoredSession(session(1), 0), fetch, now: () => now, onExpired: (e) => expired.push(e.code) });
    await expect(tokens.getToken()).resolves.toBe('access-1');
    online = true;
    await expect(tokens.getToken()).resolves.toBe('access-2');
    expect(server.calls).toEqual(['refresh-1']);
    // Past expiry the failure is the caller's to see.
    online = false;
    now = 2_000_000;
    await expect(tokens.getToken()).rejects.toMatchObject({ code: 'network_error' });
    expect(expired).toEqual([]);
  });

  it('after a refused refresh stays expired: later calls fail with the same error, with no request and no second onExpired', async () => {
    let now = 1_000_000;
    const server = refreshServer([401, session(2)]);
    const expired: NatterError[] = [];
    const tokens = createTokenRenewer({ baseUrl: 'http://chat.test', session: toStoredSession(session(1), 0), fetch: server.fetch, now: () => now, onExpired: (e) => expired.push(e) });
    const first = await Promise.resolve(tokens.getToken()).catch((e: unknown) => e);
    expect(first).toMatchObject({ code: 'unauthorized' });
    now += 60_000;
    // Every socket reconnect and REST call asks again; a forced renewal too.
    const later = await Promise.all([tokens.getToken(), tokens.getToken('access-1')].map((t) => Promise.resolve(t).catch((e: unknown) => e)));
    expect(later).toEqual([first, first]);
    expect(server.calls).toEqual(['refresh-1']);
    expect(expired).toEqual([first]);
  });

  it('getToken(refused) renews a token the server refused before its time, once for every caller', async () => {
    const now = 0;
    const server = refreshServer([session(2), session(3)]);
    const tokens = createTokenRenewer({ baseUrl: 'http://chat.test', session: session(1), fetch: server.fetch, now: () => now });
    expect(tokens.getToken()).toBe('access-1');
    await expect(Promise.all([tokens.getToken('access-1'), tokens.getToken()])).resolves.toEqual(['access-2', 'access-2']);
    // A request that went out with the old token and came back refused after the renewal: no second renewal.
    expect(tokens.getToken('access-1')).toBe('access-2');
    expect(server.calls).toEqual(['refresh-1']);
  });

  it('a forced renewal that fails on the network does not hand back the refused token', async () => {
    const tokens = createTokenRenewer({ baseUrl: 'http://chat.test', session: session(1), fetch: () => Promise.reject(new TypeError('fetch failed')), now: () => 0 });
    await expect(tokens.getToken('access-1')).rejects.toMatchObject({ code: 'network_error' });
    expect(tokens.getToken()).toBe('access-1');
  });
});
