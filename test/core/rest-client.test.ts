import { describe, expect, it } from 'vitest';
import { createRestClient } from 'natter';
import { createTokenRenewer, login, refreshSession } from 'natter/features';

/** The REST client's URLs and errors, on a recording fetch (the real server's answers: rest-client.integration.test.ts). */

function recordingFetch(status = 200, body: unknown = {}) {
  const urls: string[] = [];
  const fetch = async (input: RequestInfo | URL) => {
    urls.push(String(input));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { urls, fetch };
}

describe('createRestClient: URLs', () => {
  it('a baseUrl with a trailing slash reaches the same routes (the server answers 404 for //api/v1/…)', async () => {
    const { urls, fetch } = recordingFetch(200, { chats: [], access_token: 't' });
    const rest = createRestClient({ baseUrl: 'http://chat.test/', getToken: () => 'tok', fetch });
    await rest.listChats();
    await login('http://chat.test//', 'ana', fetch);
    await refreshSession('http://chat.test/', 'refresh', fetch);
    const { url } = await rest.authorize('/chats/c1/uploads');
    expect([...urls, url]).toEqual([
      'http://chat.test/api/v1/chats',
      'http://chat.test/api/v1/auth/login',
      'http://chat.test/api/v1/auth/refresh',
      'http://chat.test/api/v1/chats/c1/uploads',
    ]);
  });
});

describe('createRestClient: a refused token', () => {
  /** A server whose access tokens are `valid` (a set), renewing `refresh-n` into `access-(n+1)`. */
  function tokenServer(valid: Set<string>) {
    const seen: string[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const path = new URL(String(input)).pathname;
      const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (path.endsWith('/auth/refresh')) {
        const n = Number(JSON.parse(String(init?.body)).refresh_token.split('-')[1]) + 1;
        seen.push(`refresh-${n - 1}`);
        valid.add(`access-${n}`);
        return json(200, { access_token: `access-${n}`, refresh_token: `refresh-${n}`, token_type: 'bearer', expires_in: 900, user: { id: 'ana' } });
      }
      const token = new Headers(init?.headers).get('authorization')!.slice('Bearer '.length);
      seen.push(token);
      return valid.has(token) ? json(200, { chats: [] }) : json(401, { error: { code: 'unauthorized', message: 'Invalid token' } });
    };
    return { fetch, seen };
  }

  it('a 401 asks getToken for a fresh token (passing the refused one) and retries the request once', async () => {
    const server = tokenServer(new Set(['new']));
    const asked: Array<string | undefined> = [];
    const rest = createRestClient({ baseUrl: 'http://chat.test', getToken: (refused) => (asked.push(refused), refused ? 'new' : 'old'), fetch: server.fetch });
    await expect(rest.listChats()).resolves.toEqual({ chats: [] });
    expect(asked).toEqual([undefined, 'old']);
    expect(server.seen).toEqual(['old', 'new']);
  });

  it('a second 401 fails with unauthorized: no third request', async () => {
    const server = tokenServer(new Set());
    const rest = createRestClient({ baseUrl: 'http://chat.test', getToken: () => 'revoked', fetch: server.fetch });
    await expect(rest.listChats()).rejects.toMatchObject({ code: 'unauthorized', details: { status: 401 } });
    expect(server.seen).toEqual(['revoked', 'revoked']);
  });

  it('with createTokenRenewer: a token revoked before its time (new server keys) is renewed once for concurrent calls', async () => {
    const server = tokenServer(new Set());
    const session = { access_token: 'access-1', refresh_token: 'refresh-1', token_type: 'bearer' as const, expires_in: 900, user: { id: 'ana', username: 'ana', email: '', is_active: true, created_at: '' } };
    const tokens = createTokenRenewer({ baseUrl: 'http://chat.test', session, fetch: server.fetch, now: () => 0 });
    const rest = createRestClient({ baseUrl: 'http://chat.test', getToken: tokens.getToken, fetch: server.fetch });
    await expect(Promise.all([rest.listChats(), rest.listChats()])).resolves.toEqual([{ chats: [] }, { chats: [] }]);
    expect(server.seen).toEqual(['access-1', 'access-1', 'refresh-1', 'access-2', 'access-2']);
  });
});
