import { describe, expect, it } from 'vitest';
import { startServer } from '../../helpers/server.ts';
import type { Session } from '../../helpers/http.ts';
import { chatWithUsers, history, sendMessage } from '../../helpers/fixtures.ts';
import { joinChat } from '../../helpers/socket.ts';
import { refused } from '../../helpers/session-checks.ts';

describe('typing_indicator', () => {
  it("relays to other users with the token's user_id, never to the sender's sockets", async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 3);
    const [ana, ben, cat] = users as [Session, Session, Session];
    const a = await joinChat(server, ana, chat.id);
    const a2 = await joinChat(server, ana, chat.id);
    const b = await joinChat(server, ben, chat.id);
    const c = await joinChat(server, cat, chat.id);

    a.send({ type: 'typing_indicator', data: { is_typing: true, user_id: ben.user.id } });
    await a.roundTrip();
    const t = await b.next('typing_indicator');
    expect(t).toEqual({ user_id: ana.user.id, is_typing: true, chat_id: chat.id, username: ana.user.username });
    expect(await c.next('typing_indicator')).toEqual(t);
    await a.expectNone('typing_indicator', 150);
    await a2.expectNone('typing_indicator', 50);

    a.send({ type: 'typing_indicator', data: { is_typing: false } });
    expect(await b.next('typing_indicator')).toMatchObject({ user_id: ana.user.id, is_typing: false });
    expect((await history(server, ana, chat.id)).messages).toEqual([]);
  });

  it('rejects a missing or non-boolean is_typing with invalid_frame, relaying nothing', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const a = await joinChat(server, users[0]!, chat.id);
    const b = await joinChat(server, users[1]!, chat.id);
    expect((await refused(a, { type: 'typing_indicator', data: {} })).code).toBe('invalid_frame');
    expect((await refused(a, { type: 'typing_indicator', data: { is_typing: 'yes' } })).code).toBe('invalid_frame');
    await sendMessage(a, 'marker');
    await b.next('new_message');
    await b.expectNone('typing_indicator', 100);
  });
});
