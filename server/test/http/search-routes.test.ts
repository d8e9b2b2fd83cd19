import { describe, expect, it } from 'vitest';
import { highlightRanges, toFtsQuery } from '../../src/db/search.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { api, expectError, type Session } from '../helpers/http.ts';
import { unknownId } from '../helpers/names.ts';
import { chatWithUsers, sendMessage } from '../helpers/fixtures.ts';
import { joinChat, type TestSocket } from '../helpers/socket.ts';

const search = async (server: TestServer, who: Session, chatId: string, query: string) => {
  const res = await api(server, who.access_token, 'GET', `/api/v1/chats/${chatId}/search${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body;
};
const q = (text: string) => `?q=${encodeURIComponent(text)}`;
/** The highlighted substrings of each result, to compare by eye. */
const marked = (page: any) =>
  page.results.map((r: any) => r.highlights.map(([s, e]: [number, number]) => r.message.content.slice(s, e)));

async function searchableChat(): Promise<{ server: TestServer; ana: Session; ben: Session; chatId: string; a: TestSocket }> {
  const server = await startServer();
  const { users, chat } = await chatWithUsers(server, 2);
  const a = await joinChat(server, users[0]!, chat.id);
  return { server, ana: users[0]!, ben: users[1]!, chatId: chat.id, a };
}

describe('toFtsQuery / highlightRanges', () => {
  it('quotes every word as a prefix term so no operator is interpreted', () => {
    expect(toFtsQuery('hello wor')).toBe('"hello"* AND "wor"*');
    expect(toFtsQuery('say "hi" OR NEAR(x) -y col:z')).toBe('"say"* AND """hi"""* AND "OR"* AND "NEAR(x)"* AND "-y"* AND "col:z"*');
    expect(toFtsQuery('  ** ( ) " ')).toBeNull();
    // NUL would end the query string inside SQLite ("unterminated string"): control characters separate words
    expect(toFtsQuery('a\u0000OR\u0007b')).toBe('"a"* AND "OR"* AND "b"*');
  });

  it('maps markers to UTF-16 ranges of the content', () => {
    expect(highlightRanges('\uE000hel\uE001lo \uE000w\uE001', 'hello w')).toEqual([[0, 3], [6, 7]]);
    expect(highlightRanges('😀 \uE000hello\uE001', '😀 hello')).toEqual([[3, 8]]);
    expect(highlightRanges('\uE000a\uE001', 'a\uE000')).toEqual([]);
  });
});

describe('GET /api/v1/chats/{chatId}/search', () => {
  it('matches every word as a prefix, newest first, with highlights; deleted messages are excluded', async () => {
    const { server, ben, chatId, a } = await searchableChat();
    await sendMessage(a, 'hello world');
    await sendMessage(a, 'Hello there');
    await sendMessage(a, 'world peace');
    await sendMessage(a, '😀 HELLO again, hello');
    const gone = await sendMessage(a, 'hello from a deleted message');
    a.send({ type: 'delete_message', data: { message_id: gone.id } });
    await a.next('message_deleted');

    const hel = await search(server, ben, chatId, q('hel'));
    expect(hel.results.map((r: any) => r.message.content)).toEqual(['😀 HELLO again, hello', 'Hello there', 'hello world']);
    expect(hel.results[0].highlights).toEqual([[3, 8], [16, 21]]);
    expect(marked(hel)).toEqual([['HELLO', 'hello'], ['Hello'], ['hello']]);
    expect(hel.results[0].message).toMatchObject({ read_by: [], rev: expect.any(Number), sender: expect.any(Object) });
    expect(hel.has_more).toBe(false);

    const both = await search(server, ben, chatId, q('wor HEL'));
    expect(both.results.map((r: any) => r.message.content)).toEqual(['hello world']);
    expect(marked(both)).toEqual([['hello', 'world']]);
  });

  it('finds edited text and forgets the old, folds diacritics', async () => {
    const { server, ben, chatId, a } = await searchableChat();
    const m = await sendMessage(a, 'first draft');
    a.send({ type: 'edit_message', data: { message_id: m.id, content: 'final café' } });
    await a.next('message_updated');
    expect((await search(server, ben, chatId, q('draft'))).results).toEqual([]);
    const cafe = await search(server, ben, chatId, q('cafe'));
    expect(marked(cafe)).toEqual([['café']]);
  });

  it('treats operators, quotes and punctuation as plain words', async () => {
    const { server, ben, chatId, a } = await searchableChat();
    await sendMessage(a, 'order OR chaos');
    await sendMessage(a, 'nothing here');
    for (const text of ['OR', 'NEAR(', '"', 'content:order', 'or*', '-chaos', '^order', 'AND NOT', ')(', '*']) {
      const page = await search(server, ben, chatId, q(text));
      for (const r of page.results) expect(r.message.content).not.toBe('nothing here');
    }
    expect((await search(server, ben, chatId, q('OR'))).results.map((r: any) => r.message.content)).toEqual(['order OR chaos']);
    expect((await search(server, ben, chatId, q('"chaos'))).results).toHaveLength(1);
  });

  it('pages with limit and offset', async () => {
    const { server, ben, chatId, a } = await searchableChat();
    for (let i = 1; i <= 5; i += 1) await sendMessage(a, `note ${i}`);
    const p1 = await search(server, ben, chatId, `${q('note')}&limit=2`);
    expect(p1.results.map((r: any) => r.message.content)).toEqual(['note 5', 'note 4']);
    expect(p1.has_more).toBe(true);
    const p3 = await search(server, ben, chatId, `${q('note')}&limit=2&offset=4`);
    expect(p3.results.map((r: any) => r.message.content)).toEqual(['note 1']);
    expect(p3.has_more).toBe(false);
  });

  it('validates q, limit and offset; members only', async () => {
    const { server, ben, chatId } = await searchableChat();
    for (const query of ['', '?q=', `?q=${'x'.repeat(201)}`, `${q('a')}&limit=51`, `${q('a')}&limit=0`, `${q('a')}&offset=-1`]) {
      expectError(await api(server, ben.access_token, 'GET', `/api/v1/chats/${chatId}/search${query}`), 400, 'invalid_request');
    }
    const other = await chatWithUsers(server, 1);
    expectError(await api(server, other.users[0]!.access_token, 'GET', `/api/v1/chats/${chatId}/search${q('a')}`), 403, 'forbidden');
    expectError(await api(server, ben.access_token, 'GET', `/api/v1/chats/${unknownId()}/search${q('a')}`), 404, 'not_found');
    expectError(await api(server, null, 'GET', `/api/v1/chats/${chatId}/search${q('a')}`), 401, 'unauthorized');
  });
});
