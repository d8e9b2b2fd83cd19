import { describe, expect, it } from 'vitest';
import { startServer } from '../../helpers/server.ts';
import { ISO_MS } from '../../helpers/http.ts';
import { unknownId } from '../../helpers/names.ts';
import { chatWithUsers, history, sendMessage, twoMembersInAChat } from '../../helpers/fixtures.ts';
import { joinChat } from '../../helpers/socket.ts';
import { refused } from '../../helpers/session-checks.ts';

describe('read_receipt', () => {
  it("stores the receipt, relays it to every chat socket with seq and read_at, and ignores a spoofed user_id", async () => {
    const { server, ana, ben, chat, a, b } = await twoMembersInAChat();
    await sendMessage(a, 'first');
    const msg = await sendMessage(a, 'read me');

    b.send({ type: 'read_receipt', data: { message_id: msg.id, user_id: ana.user.id } });
    const relayed = await a.next('read_receipt');
    expect(relayed).toEqual({
      message_id: msg.id,
      user_id: ben.user.id,
      chat_id: chat.id,
      seq: 2,
      read_at: expect.stringMatching(ISO_MS),
    });
    expect(await b.next('read_receipt')).toEqual(relayed);

    const stored = await history(server, ana, chat.id);
    expect(stored.messages.map((m) => m.read_by)).toEqual([[], [ben.user.id]]);
  });

  it('stores a repeat once and answers it on the sending socket only', async () => {
    const { server, ana, ben, chat, a, b } = await twoMembersInAChat();
    const b2 = await joinChat(server, ben, chat.id);
    const msg = await sendMessage(a, 'read me twice');

    b.send({ type: 'read_receipt', data: { message_id: msg.id } });
    const original = await a.next('read_receipt');
    await b.next('read_receipt');
    await b2.next('read_receipt');

    b.send({ type: 'read_receipt', data: { message_id: msg.id } });
    expect(await b.next('read_receipt')).toEqual(original);
    // a later message from b proves a and b2 would already have had a relay
    await sendMessage(b, 'after');
    await a.next('new_message', { where: (d) => d.content === 'after' });
    await b2.next('new_message', { where: (d) => d.content === 'after' });
    await a.expectNone('read_receipt', 100);
    await b2.expectNone('read_receipt', 50);

    const stored = await history(server, ana, chat.id);
    expect(stored.messages[0].read_by).toEqual([ben.user.id]);
  });

  it('answers an unknown message or one of another chat with not_found', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const b = await joinChat(server, users[1]!, chat.id);
    expect(await refused(b, { type: 'read_receipt', data: { message_id: unknownId() } })).toMatchObject({
      code: 'not_found',
      frame_type: 'read_receipt',
    });
    const other = await chatWithUsers(server, 1);
    const o = await joinChat(server, other.users[0]!, other.chat.id);
    const foreign = await sendMessage(o, 'elsewhere');
    expect((await refused(b, { type: 'read_receipt', data: { message_id: foreign.id } })).code).toBe('not_found');
    const stored = await history(server, other.users[0]!, other.chat.id);
    expect(stored.messages[0].read_by).toEqual([]);
  });

  it('rejects a missing message_id with invalid_frame', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    expect((await refused(a, { type: 'read_receipt', data: {} })).code).toBe('invalid_frame');
  });

  it("accepts a receipt for one's own message and relays nothing", async () => {
    const { server, ana, ben, chat, a, b } = await twoMembersInAChat();
    const msg = await sendMessage(a, 'mine');
    await b.next('new_message');
    const before = await history(server, ana, chat.id);

    a.send({ type: 'read_receipt', data: { message_id: msg.id } });
    await a.roundTrip();
    await sendMessage(a, 'marker');
    await b.next('new_message', { where: (d) => d.content === 'marker' });
    await a.expectNone('read_receipt', 100);
    await b.expectNone('read_receipt', 50);
    await a.expectNone('error', 0);

    const after = await history(server, ana, chat.id);
    expect(after.messages[0]).toEqual(before.messages[0]);
  });
});
