import { describe, expect, it } from 'vitest';
import { chatWithUsers, history, seedMessages } from '../helpers/fixtures.ts';
import { api, expectError } from '../helpers/http.ts';
import { startServer } from '../helpers/server.ts';
import { joinChat } from '../helpers/socket.ts';

describe('query-string numbers', () => {
  // Ajv coerces "Infinity" and "1e400" to Infinity, which then passed its integer, minimum and maximum checks.
  it('answers 400 to non-finite and unsafe numbers in every numeric query parameter, never a 500 or a bypassed maximum', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const token = users[0]!.access_token;
    await seedMessages(await joinChat(server, users[0]!, chat.id), 3);
    const queries = [
      ...['before', 'after', 'limit', 'changed_after', 'around'].flatMap((name) =>
        ['Infinity', '1e400', '1e20'].map((value) => `/api/v1/chats/${chat.id}/messages?${name}=${value}`),
      ),
      ...['limit', 'offset'].flatMap((name) =>
        ['Infinity', '1e400', '1e20', '9223372036854775807'].map((value) => `/api/v1/chats/${chat.id}/search?q=m&${name}=${value}`),
      ),
      '/api/v1/users?limit=Infinity',
      '/api/v1/users?limit=1e400',
    ];
    for (const path of queries) {
      const res = await api(server, token, 'GET', path);
      expect(res.status, `${path}: ${res.text}`).toBe(400);
      expectError(res, 400, 'invalid_request');
    }
  });

  it('still accepts whole numbers in their ranges, including the largest safe one', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    await seedMessages(await joinChat(server, users[0]!, chat.id), 3);
    const page = await history(server, users[0]!, chat.id, `?before=${Number.MAX_SAFE_INTEGER}&limit=2`);
    expect(page.messages.map((m) => m.seq)).toEqual([2, 3]);
    expect(page.has_more).toBe(true);
    const res = await api(server, users[0]!.access_token, 'GET', `/api/v1/chats/${chat.id}/search?q=m&offset=${Number.MAX_SAFE_INTEGER}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ results: [], has_more: false });
  });
});
