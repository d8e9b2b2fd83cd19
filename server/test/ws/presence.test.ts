import { describe, expect, it } from 'vitest';
import { startServer, tempDbFile } from '../helpers/server.ts';
import { ISO_MS, type Session } from '../helpers/http.ts';
import { chatWithUsers, twoMembersInAChat, users as loginUsers } from '../helpers/fixtures.ts';
import { joinChat, joinPersonal, type TestSocket } from '../helpers/socket.ts';

const connectedOf = (sock: TestSocket) => sock.frames.find((f) => f.type === 'connected')!.data;
const byUser = (list: any[]) => Object.fromEntries(list.map((p) => [p.user_id, p.status]));

describe('presence (docs 9.6)', () => {
  it('connected.presence: a chat socket lists its members, a personal socket everyone sharing a chat, self included', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 3);
    const [ana, ben, cy] = users as [Session, Session, Session];
    const [outsider] = (await loginUsers(server, 1)) as [Session];
    await joinPersonal(server, ben);
    const a = await joinChat(server, ana, chat.id);
    expect(byUser(connectedOf(a).presence)).toEqual({ [ana.user.id]: 'online', [ben.user.id]: 'online', [cy.user.id]: 'offline' });
    const self = connectedOf(a).presence.find((p: any) => p.user_id === ana.user.id);
    expect(self.last_seen_at).toMatch(ISO_MS);
    expect(connectedOf(a).presence.find((p: any) => p.user_id === cy.user.id).last_seen_at).toBeNull();
    const cp = await joinPersonal(server, cy);
    expect(byUser(connectedOf(cp).presence)).toEqual({ [ana.user.id]: 'online', [ben.user.id]: 'online', [cy.user.id]: 'online' });
    const op = await joinPersonal(server, outsider);
    expect(byUser(connectedOf(op).presence)).toEqual({ [outsider.user.id]: 'online' });
  });

  it('aggregates connections and sends presence frames on change only, to chat sockets and co-members’ personal sockets', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const [ana, ben] = users as [Session, Session];
    const [outsider] = (await loginUsers(server, 1)) as [Session];
    const b = await joinChat(server, ben, chat.id);
    const bP = await joinPersonal(server, ben);
    const oP = await joinPersonal(server, outsider);

    const a1 = await joinChat(server, ana, chat.id);
    const online = await b.next('presence');
    expect(online).toEqual({ user_id: ana.user.id, status: 'online', last_seen_at: expect.stringMatching(ISO_MS) });
    expect(await bP.next('presence')).toEqual(online);
    // the new socket's own connected frame already said so
    await a1.expectNone('presence', 50);

    const aP = await joinPersonal(server, ana);
    await b.expectNone('presence', 100); // still online: no change, no frame

    a1.send({ type: 'set_presence', data: { status: 'away' } });
    await a1.roundTrip();
    await b.expectNone('presence', 100); // the personal socket is still online
    aP.send({ type: 'set_presence', data: { status: 'away' } });
    expect(await b.next('presence')).toMatchObject({ user_id: ana.user.id, status: 'away' });
    expect(await aP.next('presence')).toMatchObject({ user_id: ana.user.id, status: 'away' }); // self included
    expect(await a1.next('presence')).toMatchObject({ status: 'away' });

    aP.send({ type: 'set_presence', data: { status: 'online' } });
    expect(await bP.next('presence', { where: (d) => d.status === 'online' })).toMatchObject({ user_id: ana.user.id });
    await b.next('presence', { where: (d) => d.status === 'online' });

    await aP.close();
    // the online connection is gone and a1 is away: ana is away
    expect(await b.next('presence')).toMatchObject({ user_id: ana.user.id, status: 'away' });
    await a1.close();
    const last = await b.next('presence', { where: (d) => d.status === 'offline' });
    expect(last).toEqual({ user_id: ana.user.id, status: 'offline', last_seen_at: expect.stringMatching(ISO_MS) });
    expect(b.all('presence').map((p) => p.status)).toEqual(['online', 'away', 'online', 'away', 'offline']);
    await oP.expectNone('presence', 0);
  });

  it('validates set_presence and keeps last_seen_at across a restart', async () => {
    const db = tempDbFile('natter-presence-');
    const { server: first, ana, ben, chat, a, b } = await twoMembersInAChat({ db });
    a.send({ type: 'set_presence', data: { status: 'busy' } });
    expect((await a.next('error')).code).toBe('invalid_frame');
    await a.close();
    const offline = await b.next('presence', { where: (d) => d.status === 'offline' });
    await first.close();
    const second = await startServer({ db });
    const again = await joinChat(second, ben, chat.id);
    expect(connectedOf(again).presence.find((p: any) => p.user_id === ana.user.id)).toEqual(offline);
  });
});
