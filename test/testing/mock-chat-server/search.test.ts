import { describe, expect, it } from 'vitest';
import { installMockServer, rest } from '../msw';

const { startMock } = installMockServer();

const search = async (mock: ReturnType<ReturnType<typeof installMockServer>['startMock']>, query: string) =>
  rest(`/api/v1/chats/${mock.chat('general').id}/search?${query}`, { token: mock.sessionFor('ana').access_token });

describe('search (docs/protocol.md 9.7)', () => {
  it('matches every word as a case-insensitive prefix, newest first, with UTF-16 highlight ranges of whole words', async () => {
    const mock = startMock();
    const [old, , newest] = [
      mock.addMessage('general', { from: 'ben', content: 'Deploying on Friday' }),
      mock.addMessage('general', { from: 'ana', content: 'friday only, no deploy words' }),
      mock.addMessage('general', { from: 'ana', content: '🚀 DEPLOY friday-evening? Déploiement' }),
      mock.addMessage('general', { from: 'ben', content: 'redeploy is not a prefix match… nor is fri' }),
    ];
    const { status, body } = await search(mock, 'q=depl%20FRI');
    expect(status).toBe(200);
    expect(body.results.map((r: any) => r.message.id)).toEqual([newest.id, mock.messages('general')[1]!.id, old.id]);
    const [top] = body.results;
    // '🚀' is two UTF-16 code units: DEPLOY starts at 3.
    expect(top.highlights).toEqual([[3, 9], [10, 16], [26, 37]]);
    expect(top.highlights.map(([s, e]: [number, number]) => newest.content.slice(s, e))).toEqual(['DEPLOY', 'friday', 'Déploiement']);
    expect(top.message).toMatchObject({ content: newest.content, read_by: [] });
    expect(body.has_more).toBe(false);
  });

  it('searches live messages only, interprets no operators or quotes, and pages with limit/offset/has_more', async () => {
    const mock = startMock();
    const messages = Array.from({ length: 5 }, (_, i) => mock.addMessage('general', { from: 'ben', content: `"status" report ${i}` }));
    mock.deleteMessage('general', messages[4]!.id);
    const page = (await search(mock, 'q=%22status%22%20OR&limit=2')).body;
    expect(page.results).toEqual([]);
    const first = (await search(mock, 'q=STATUS*&limit=2')).body;
    expect([first.results.map((r: any) => r.message.content), first.has_more]).toEqual([['"status" report 3', '"status" report 2'], true]);
    const last = (await search(mock, 'q=status&limit=2&offset=2')).body;
    expect([last.results.map((r: any) => r.message.content), last.has_more]).toEqual([['"status" report 1', '"status" report 0'], false]);
    expect((await search(mock, 'q=%21%21')).body).toEqual({ results: [], has_more: false });
  });

  it('takes a word with inner separators as a phrase, as FTS5 does: tokens in order, highlighted as one range', async () => {
    const mock = startMock();
    const [hit, , apostrophe] = [
      mock.addMessage('general', { from: 'ben', content: 'A rocket-powered car' }),
      mock.addMessage('general', { from: 'ben', content: 'powered by a rocket' }),
      mock.addMessage('general', { from: 'ben', content: "Don't worry" }),
    ];
    const rocket = (await search(mock, `q=${encodeURIComponent('rocket-pow')}`)).body;
    expect(rocket.results.map((r: any) => [r.message.id, r.highlights])).toEqual([[hit.id, [[2, 16]]]]);
    // Only the last token is a prefix: "rock-pow" is not "rocket powered".
    expect((await search(mock, `q=${encodeURIComponent('rock-pow')}`)).body.results).toEqual([]);
    const dont = (await search(mock, `q=${encodeURIComponent("don't")}`)).body;
    expect(dont.results.map((r: any) => [r.message.id, r.highlights])).toEqual([[apostrophe.id, [[0, 5]]]]);
  });

  it('validates q, limit and offset with 400, and membership with 403', async () => {
    const mock = startMock();
    for (const query of ['', 'q=', `q=${'a'.repeat(201)}`, 'q=a&limit=51', 'q=a&limit=0', 'q=a&offset=-1']) {
      expect([(await search(mock, query)).status, query]).toEqual([400, query]);
    }
    expect((await rest(`/api/v1/chats/${mock.chat('private').id}/search?q=a`, { token: mock.sessionFor('ana').access_token })).status).toBe(403);
  });
});
