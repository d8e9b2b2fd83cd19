import { describe, expect, it } from 'vitest';
import { createRestClient } from 'natter';
import { login, refreshSession } from 'natter/features';

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
