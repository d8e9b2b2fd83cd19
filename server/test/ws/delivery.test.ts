import { describe, expect, it } from 'vitest';
import { chatWithUsers, sendMessage } from '../helpers/fixtures.ts';
import type { Session } from '../helpers/http.ts';
import { startServer, tempDbFile } from '../helpers/server.ts';
import { joinChat, joinPersonal, type TestSocket } from '../helpers/socket.ts';

const connectedData = (sock: TestSocket) => sock.frames.find((frame) => frame.type === 'connected')!.data;

describe('delivered', () => {
  it('tells the sender, and only the sender, which online members received a message', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 3);
    const [ana, ben, cy] = users as [Session, Session, Session];
    const a = await joinChat(server, ana, chat.id);
    const aPersonal = await joinPersonal(server, ana);
    const b = await joinChat(server, ben, chat.id);
    const sent = await sendMessage(a, 'hello');
    const delivered = await a.next('delivered');
    expect(delivered).toEqual({ chat_id: chat.id, seq: sent.seq, user_ids: [ben.user.id] });
    // The sender's personal socket hears it too (for direct messages sent from there).
    expect(await aPersonal.next('delivered')).toEqual(delivered);
    // Nobody else is told, and cy (offline) is not in the list.
    await b.expectNone('delivered', 200);
    expect(delivered.user_ids).not.toContain(cy.user.id);
  });

  it('says nothing while no other member is online', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const a = await joinChat(server, users[0]!, chat.id);
    await sendMessage(a, 'anyone?');
    await a.expectNone('delivered', 200);
  });

  it('when a member connects later, tells the senders of what they had not received', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const [ana, ben] = users as [Session, Session];
    const a = await joinChat(server, ana, chat.id);
    await sendMessage(a, 'one');
    const two = await sendMessage(a, 'two');
    await a.expectNone('delivered', 100);
    await joinChat(server, ben, chat.id);
    expect(await a.next('delivered')).toEqual({ chat_id: chat.id, seq: two.seq, user_ids: [ben.user.id] });
    // Connecting again with nothing new delivers nothing new.
    await joinChat(server, ben, chat.id);
    await a.expectNone('delivered', 200);
  });

  it('the connected frame carries delivered_seq, kept across a restart', async () => {
    const db = tempDbFile('natter-delivery-');
    const first = await startServer({ db });
    const { users, chat } = await chatWithUsers(first, 2);
    const [ana, ben] = users as [Session, Session];
    const a = await joinChat(first, ana, chat.id);
    expect(connectedData(a).delivered_seq).toBe(0);
    await joinChat(first, ben, chat.id);
    const sent = await sendMessage(a, 'kept');
    await a.next('delivered');
    await first.close();
    const second = await startServer({ db });
    const again = await joinChat(second, ana, chat.id);
    expect(connectedData(again).delivered_seq).toBe(sent.seq);
  });
});
