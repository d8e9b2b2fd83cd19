import { describe, expect, it } from 'vitest';
import { startServer } from '../../helpers/server.ts';
import { ISO_MS } from '../../helpers/http.ts';
import { chatWithUsers } from '../../helpers/fixtures.ts';
import { joinChat, joinPersonal } from '../../helpers/socket.ts';

describe('ping', () => {
  it('answers with pong echoing ts, on chat and personal sockets', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const a = await joinChat(server, users[0]!, chat.id);
    a.send({ type: 'ping', data: { ts: 1764000000000 } });
    expect(await a.next('pong')).toEqual({ ts: 1764000000000, server_time: expect.stringMatching(ISO_MS) });

    a.send({ type: 'ping', data: {} });
    expect((await a.next('pong')).ts).toBeNull();
    a.send({ type: 'ping' });
    expect(await a.next('pong')).toMatchObject({ ts: null, server_time: expect.stringMatching(ISO_MS) });

    const p = await joinPersonal(server, users[0]!);
    p.send({ type: 'ping', data: { ts: 12.5 } });
    expect((await p.next('pong')).ts).toBe(12.5);
  });
});
