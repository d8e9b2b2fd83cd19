import { describe, expect, it } from 'vitest';
import { installMockServer, rest } from '../msw';

const { startMock } = installMockServer();

const seqs = (body: any) => body.messages.map((m: any) => m.seq);

describe('history cursors of section 9 (parent_id, changed_after, around) and one message by id', () => {
  it('pages a thread’s direct replies with parent_id, before/after/limit as the history route', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: 3 }, { name: 'private', members: ['ben', 'cy'] }] });
    const { id } = mock.chat('general');
    const parent = mock.messages('general')[0]!;
    const replies = [1, 2, 3, 4].map((n) => mock.reply('general', parent.id, { from: n % 2 ? 'ben' : 'ana', content: `reply ${n}` }));
    mock.reply('general', replies[0]!.id, { from: 'ana', content: 'nested' });
    mock.addMessage('general', { from: 'ben', content: 'not in the thread' });
    const token = mock.sessionFor('ana').access_token;
    const all = (await rest(`/api/v1/chats/${id}/messages?parent_id=${parent.id}`, { token })).body;
    expect(all.messages.map((m: any) => m.content)).toEqual(['reply 1', 'reply 2', 'reply 3', 'reply 4']);
    // 3 seeded + 5 replies, each reply also bumping its parent + 1 more message.
    expect(all).toMatchObject({ has_more: false, last_rev: 14 });
    const newest = (await rest(`/api/v1/chats/${id}/messages?parent_id=${parent.id}&limit=2`, { token })).body;
    expect([seqs(newest), newest.has_more]).toEqual([[replies[2]!.seq, replies[3]!.seq], true]);
    const older = (await rest(`/api/v1/chats/${id}/messages?parent_id=${parent.id}&before=${replies[2]!.seq}`, { token })).body;
    expect(seqs(older)).toEqual([replies[0]!.seq, replies[1]!.seq]);
    expect(mock.message(parent.id)).toMatchObject({ reply_count: 4, last_reply_at: replies[3]!.created_at });
    expect((await rest(`/api/v1/chats/${id}/messages?parent_id=nope`, { token })).status).toBe(404);
    const elsewhere = mock.addMessage('private', { from: 'cy', content: 'x' });
    expect((await rest(`/api/v1/chats/${id}/messages?parent_id=${elsewhere.id}`, { token })).status).toBe(404);
  });

  it('lists changes after a rev in rev order with has_more, each page with last_rev', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: 5 }] });
    const { id } = mock.chat('general');
    const token = mock.sessionFor('ana').access_token;
    const [m1, m2, , m4] = mock.messages('general');
    expect((await rest(`/api/v1/chats/${id}/messages?limit=1`, { token })).body.last_rev).toBe(5);
    mock.editMessage('general', m4!.id, 'edited'); // rev 6
    mock.react('general', m1!.id, '👍', 'ana'); // rev 7
    mock.deleteMessage('general', m2!.id); // rev 8
    mock.react('general', m4!.id, '🎉', 'ben'); // rev 9
    const first = (await rest(`/api/v1/chats/${id}/messages?changed_after=5&limit=2`, { token })).body;
    expect(first.messages.map((m: any) => [m.id, m.rev])).toEqual([[m1!.id, 7], [m2!.id, 8]]);
    expect(first).toMatchObject({ has_more: true, last_rev: 9 });
    const next = (await rest(`/api/v1/chats/${id}/messages?changed_after=8&limit=2`, { token })).body;
    expect(next.messages.map((m: any) => [m.id, m.rev, m.content])).toEqual([[m4!.id, 9, 'edited']]);
    expect(next.has_more).toBe(false);
    expect(next.messages[0].read_by).toEqual([]);
    expect((await rest(`/api/v1/chats/${id}/messages?changed_after=9`, { token })).body.messages).toEqual([]);
    expect((await rest(`/api/v1/chats/${id}/messages?changed_after=2&after=1`, { token })).status).toBe(400);
    expect((await rest(`/api/v1/chats/${id}/messages?changed_after=-1`, { token })).status).toBe(400);
  });

  it('centres a page on a seq with around, with has_more (older) and has_newer', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: 20 }] });
    const { id } = mock.chat('general');
    const token = mock.sessionFor('ana').access_token;
    const middle = (await rest(`/api/v1/chats/${id}/messages?around=10&limit=5`, { token })).body;
    expect([seqs(middle), middle.has_more, middle.has_newer]).toEqual([[8, 9, 10, 11, 12], true, true]);
    // An even page gives the older side the smaller half, as the reference server does (`seq` counts as newer).
    const even = (await rest(`/api/v1/chats/${id}/messages?around=10&limit=4`, { token })).body;
    expect(seqs(even)).toEqual([9, 10, 11, 12]);
    const start = (await rest(`/api/v1/chats/${id}/messages?around=2&limit=5`, { token })).body;
    expect([seqs(start), start.has_more, start.has_newer]).toEqual([[1, 2, 3, 4, 5], false, true]);
    const end = (await rest(`/api/v1/chats/${id}/messages?around=20&limit=4`, { token })).body;
    expect([seqs(end), end.has_more, end.has_newer]).toEqual([[17, 18, 19, 20], true, false]);
    expect((await rest(`/api/v1/chats/${id}/messages?around=10&before=12`, { token })).status).toBe(400);
  });

  it('answers GET …/messages/{id} with read_by, 404 outside the chat, 403 for non-members', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const message = mock.addMessage('general', { from: 'ben', content: 'find me' });
    mock.addReceipt(message.id, 'ana');
    const other = mock.addMessage('private', { from: 'cy', content: 'elsewhere' });
    const token = mock.sessionFor('ana').access_token;
    const found = await rest(`/api/v1/chats/${id}/messages/${message.id}`, { token });
    expect(found).toEqual({ status: 200, body: { ...mock.message(message.id), read_by: [mock.user('ana').id] } });
    expect((await rest(`/api/v1/chats/${id}/messages/${other.id}`, { token })).status).toBe(404);
    expect((await rest(`/api/v1/chats/${mock.chat('private').id}/messages/${other.id}`, { token })).status).toBe(403);
    expect((await rest(`/api/v1/chats/${id}/messages/${message.id}`)).status).toBe(401);
  });
});
