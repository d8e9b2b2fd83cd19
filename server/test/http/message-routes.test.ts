import { describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { api, expectError, ISO_MS, UUID, type Session } from '../helpers/http.ts';
import { unknownId } from '../helpers/names.ts';
import { chatWithUsers, history, seedMessages } from '../helpers/fixtures.ts';
import { joinChat } from '../helpers/socket.ts';

const seqs = (messages: { seq: number }[]): number[] => messages.map((m) => m.seq);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A chat of ana and ben holding 12 messages from ana ("m 1" … "m 12"). */
async function chatWith12(server: TestServer): Promise<{ ana: Session; ben: Session; chatId: string; acks: any[] }> {
  const { users, chat } = await chatWithUsers(server, 2);
  const sock = await joinChat(server, users[0]!, chat.id);
  const acks = await seedMessages(sock, 12);
  return { ana: users[0]!, ben: users[1]!, chatId: chat.id, acks };
}

describe('GET /api/v1/chats/{chatId}/messages', () => {
  it('returns the newest page in ascending seq by default, with every message field', async () => {
    const server = await startServer();
    const { ana, ben, chatId, acks } = await chatWith12(server);
    const page = await history(server, ben, chatId);
    expect(seqs(page.messages)).toEqual(range(1, 12));
    expect(page.has_more).toBe(false);
    expect(page.messages.map((m) => m.content)).toEqual(range(1, 12).map((i) => `m ${i}`));
    const m = page.messages[0];
    expect(m).toEqual({
      ...acks[0],
      read_by: [],
    });
    expect(m).toMatchObject({
      id: expect.stringMatching(UUID),
      chat_id: chatId,
      sender_id: ana.user.id,
      message_type: 'text',
      parent_message_id: null,
      created_at: expect.stringMatching(ISO_MS),
      updated_at: expect.stringMatching(ISO_MS),
      sender: { id: ana.user.id, username: ana.user.username, email: ana.user.email, is_active: true },
      seq: 1,
      client_id: expect.any(String),
      read_by: [],
    });
  });

  it('limits the newest page and says older ones exist', async () => {
    const server = await startServer();
    const { ben, chatId } = await chatWith12(server);
    const page = await history(server, ben, chatId, '?limit=5');
    expect(seqs(page.messages)).toEqual(range(8, 12));
    expect(page.has_more).toBe(true);
  });

  it('pages backwards with before=', async () => {
    const server = await startServer();
    const { ben, chatId } = await chatWith12(server);
    const p1 = await history(server, ben, chatId, '?before=8&limit=5');
    expect(seqs(p1.messages)).toEqual(range(3, 7));
    expect(p1.has_more).toBe(true);
    const p2 = await history(server, ben, chatId, '?before=3&limit=5');
    expect(seqs(p2.messages)).toEqual([1, 2]);
    expect(p2.has_more).toBe(false);
    const exact = await history(server, ben, chatId, '?before=6&limit=5');
    expect(seqs(exact.messages)).toEqual(range(1, 5));
    expect(exact.has_more).toBe(false);
    const empty = await history(server, ben, chatId, '?before=1');
    expect(empty.messages).toEqual([]);
    expect(empty.has_more).toBe(false);
  });

  it('fills gaps forwards with after=', async () => {
    const server = await startServer();
    const { ben, chatId } = await chatWith12(server);
    const p1 = await history(server, ben, chatId, '?after=0&limit=5');
    expect(seqs(p1.messages)).toEqual(range(1, 5));
    expect(p1.has_more).toBe(true);
    const p2 = await history(server, ben, chatId, '?after=5&limit=5');
    expect(seqs(p2.messages)).toEqual(range(6, 10));
    expect(p2.has_more).toBe(true);
    const p3 = await history(server, ben, chatId, '?after=10&limit=5');
    expect(seqs(p3.messages)).toEqual([11, 12]);
    expect(p3.has_more).toBe(false);
    const exact = await history(server, ben, chatId, '?after=7&limit=5');
    expect(seqs(exact.messages)).toEqual(range(8, 12));
    expect(exact.has_more).toBe(false);
    const none = await history(server, ben, chatId, '?after=12');
    expect(none.messages).toEqual([]);
    expect(none.has_more).toBe(false);
  });

  it('combines after= and before=', async () => {
    const server = await startServer();
    const { ben, chatId } = await chatWith12(server);
    const p1 = await history(server, ben, chatId, '?after=2&before=9&limit=3');
    expect(seqs(p1.messages)).toEqual([3, 4, 5]);
    expect(p1.has_more).toBe(true);
    const all = await history(server, ben, chatId, '?after=2&before=9&limit=50');
    expect(seqs(all.messages)).toEqual(range(3, 8));
  });

  it('accepts limit 1 and 200; rejects 0, 201 and non-numbers → 400', async () => {
    const server = await startServer();
    const { ben, chatId } = await chatWith12(server);
    const one = await history(server, ben, chatId, '?limit=1');
    expect(seqs(one.messages)).toEqual([12]);
    expect(one.has_more).toBe(true);
    const max = await history(server, ben, chatId, '?limit=200');
    expect(seqs(max.messages)).toEqual(range(1, 12));
    for (const q of ['?limit=0', '?limit=201', '?limit=abc', '?before=abc', '?after=-x']) {
      const res = await api(server, ben.access_token, 'GET', `/api/v1/chats/${chatId}/messages${q}`);
      expectError(res, 400, 'invalid_request');
    }
  });

  it('shows read_by on each message', async () => {
    const server = await startServer();
    const { ana, ben, chatId, acks } = await chatWith12(server);
    const benSock = await joinChat(server, ben, chatId);
    benSock.send({ type: 'read_receipt', data: { message_id: acks[1].id } });
    await benSock.next('read_receipt');
    const page = await history(server, ana, chatId);
    expect(page.messages[1].read_by).toEqual([ben.user.id]);
    expect(page.messages.filter((m) => m.read_by.length > 0).map((m) => m.seq)).toEqual([2]);
  });

  it('answers 403 to a non-member, 404 for an unknown chat, 401 without a token', async () => {
    const server = await startServer();
    const { chatId } = await chatWith12(server);
    const { users: outsiders } = await chatWithUsers(server, 1);
    const cat = outsiders[0]!;
    expectError(await api(server, cat.access_token, 'GET', `/api/v1/chats/${chatId}/messages`), 403, 'forbidden');
    expectError(
      await api(server, cat.access_token, 'GET', `/api/v1/chats/${unknownId()}/messages`),
      404,
      'not_found',
    );
    expectError(await api(server, null, 'GET', `/api/v1/chats/${chatId}/messages`), 401, 'unauthorized');
  });

  it('numbers each chat from seq 1', async () => {
    const server = await startServer();
    const one = await chatWithUsers(server, 2);
    const two = await chatWithUsers(server, 2);
    const s1 = await joinChat(server, one.users[0]!, one.chat.id);
    const s2 = await joinChat(server, two.users[0]!, two.chat.id);
    await seedMessages(s1, 3);
    await seedMessages(s2, 2);
    expect(seqs((await history(server, one.users[1]!, one.chat.id)).messages)).toEqual([1, 2, 3]);
    expect(seqs((await history(server, two.users[1]!, two.chat.id)).messages)).toEqual([1, 2]);
  });
});
