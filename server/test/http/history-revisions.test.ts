import { describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { api, expectError, type Session } from '../helpers/http.ts';
import { unknownId } from '../helpers/names.ts';
import { chatWithUsers, history, seedMessages } from '../helpers/fixtures.ts';
import { joinChat, type TestSocket } from '../helpers/socket.ts';

const seqs = (messages: { seq: number }[]): number[] => messages.map((m) => m.seq);

async function chatWith(server: TestServer, n: number): Promise<{ ana: Session; ben: Session; chatId: string; a: TestSocket; acks: any[] }> {
  const { users, chat } = await chatWithUsers(server, 2);
  const a = await joinChat(server, users[0]!, chat.id);
  const acks = await seedMessages(a, n);
  return { ana: users[0]!, ben: users[1]!, chatId: chat.id, a, acks };
}

describe('?changed_after= (docs 9.4)', () => {
  it('lists messages changed after a revision in rev order, paged with has_more, with last_rev', async () => {
    const server = await startServer();
    const { ben, chatId, a, acks } = await chatWith(server, 5);
    const seen = (await history(server, ben, chatId)) as any;
    expect(seen.last_rev).toBe(5);
    a.send({ type: 'edit_message', data: { message_id: acks[3].id, content: 'edited 4' } });
    await a.next('message_updated');
    a.send({ type: 'add_reaction', data: { message_id: acks[0].id, emoji: '👍' } });
    await a.next('message_updated');
    a.send({ type: 'delete_message', data: { message_id: acks[2].id } });
    await a.next('message_deleted');

    const all = (await history(server, ben, chatId, '?changed_after=5')) as any;
    expect(all.messages.map((m: any) => [m.seq, m.rev])).toEqual([[4, 6], [1, 7], [3, 8]]);
    expect(all).toMatchObject({ has_more: false, last_rev: 8 });
    expect(all.messages[2]).toMatchObject({ content: '', deleted_at: expect.any(String), read_by: [] });

    const first = (await history(server, ben, chatId, '?changed_after=5&limit=2')) as any;
    expect(first.messages.map((m: any) => m.rev)).toEqual([6, 7]);
    expect(first.has_more).toBe(true);
    const rest = (await history(server, ben, chatId, `?changed_after=7&limit=2`)) as any;
    expect(rest.messages.map((m: any) => m.rev)).toEqual([8]);
    expect(rest.has_more).toBe(false);
    // new messages are changes too (rev counts creations)
    expect(seqs(((await history(server, ben, chatId, '?changed_after=3')) as any).messages)).toEqual([5, 4, 1, 3]);
  });

  it('refuses changed_after or around combined with another cursor', async () => {
    const server = await startServer();
    const { ben, chatId } = await chatWith(server, 1);
    for (const q of ['?changed_after=1&before=3', '?around=1&after=0', '?around=1&changed_after=0', '?parent_id=x&around=1']) {
      expectError(await api(server, ben.access_token, 'GET', `/api/v1/chats/${chatId}/messages${q}`), 400, 'invalid_request');
    }
  });
});

describe('?around= (docs 9.7)', () => {
  it('centres the page on seq and says whether older and newer messages exist', async () => {
    const server = await startServer();
    const { ben, chatId } = await chatWith(server, 12);
    const mid = (await history(server, ben, chatId, '?around=6&limit=5')) as any;
    expect(seqs(mid.messages)).toEqual([4, 5, 6, 7, 8]);
    expect(mid).toMatchObject({ has_more: true, has_newer: true, last_rev: 12 });
    const start = (await history(server, ben, chatId, '?around=1&limit=5')) as any;
    expect(seqs(start.messages)).toEqual([1, 2, 3, 4, 5]);
    expect(start).toMatchObject({ has_more: false, has_newer: true });
    const end = (await history(server, ben, chatId, '?around=12&limit=5')) as any;
    expect(seqs(end.messages)).toEqual([8, 9, 10, 11, 12]);
    expect(end).toMatchObject({ has_more: true, has_newer: false });
    const whole = (await history(server, ben, chatId, '?around=6&limit=50')) as any;
    expect(seqs(whole.messages)).toHaveLength(12);
    expect(whole).toMatchObject({ has_more: false, has_newer: false });
  });
});

describe('GET /api/v1/chats/{chatId}/messages/{messageId}', () => {
  it('answers the message with read_by; 404 when not in the chat; 403 for a non-member', async () => {
    const server = await startServer();
    const { ana, ben, chatId, acks } = await chatWith(server, 2);
    const b = await joinChat(server, ben, chatId);
    b.send({ type: 'read_receipt', data: { message_id: acks[1].id } });
    await b.next('read_receipt');
    const res = await api(server, ana.access_token, 'GET', `/api/v1/chats/${chatId}/messages/${acks[1].id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...acks[1], read_by: [ben.user.id] });
    expectError(await api(server, ana.access_token, 'GET', `/api/v1/chats/${chatId}/messages/${unknownId()}`), 404, 'not_found');
    const other = await chatWith(server, 1);
    expectError(
      await api(server, ana.access_token, 'GET', `/api/v1/chats/${chatId}/messages/${other.acks[0].id}`),
      404,
      'not_found',
    );
    expectError(await api(server, other.ana.access_token, 'GET', `/api/v1/chats/${chatId}/messages/${acks[0].id}`), 403, 'forbidden');
  });
});

describe('the connected frame (docs 1.1, 9.4, 9.8)', () => {
  it('carries last_rev and the member’s own last_read_seq on a chat socket, nulls on a personal socket', async () => {
    const server = await startServer();
    const { ana, ben, chatId, a, acks } = await chatWith(server, 3);
    a.send({ type: 'add_reaction', data: { message_id: acks[0].id, emoji: '👍' } });
    await a.next('message_updated');
    const b = await joinChat(server, ben, chatId);
    b.send({ type: 'read_receipt', data: { message_id: acks[1].id } });
    await b.next('read_receipt');
    const again = await joinChat(server, ben, chatId);
    expect(again.frames[0]!.data).toMatchObject({ last_seq: 3, last_rev: 4, last_read_seq: 2 });
    // sending moved ana's own last_read_seq to her last message
    const anaAgain = await joinChat(server, ana, chatId);
    expect(anaAgain.frames[0]!.data).toMatchObject({ last_read_seq: 3 });
  });
});
