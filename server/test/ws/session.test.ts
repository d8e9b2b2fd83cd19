import { describe, expect, it } from 'vitest';
import { failPresenceWrites } from '../helpers/db-faults.ts';
import { chatWithUsers, sendMessage } from '../helpers/fixtures.ts';
import { startServer, tempDbFile } from '../helpers/server.ts';
import { joinChat, sleep } from '../helpers/socket.ts';

describe('closing a session', () => {
  it('survives a database failure while recording the user went offline', async () => {
    const db = tempDbFile();
    const server = await startServer({ db });
    const { users, chat } = await chatWithUsers(server, 2);
    const leaving = await joinChat(server, users[0]!, chat.id);
    const staying = await joinChat(server, users[1]!, chat.id);
    const heal = failPresenceWrites(db);
    await leaving.close();
    await sleep(100);
    heal();
    // The process still runs, and the hub forgot the closed socket: messages reach only the open one.
    expect((await sendMessage(staying, 'still serving')).content).toBe('still serving');
    const back = await joinChat(server, users[0]!, chat.id);
    expect((await sendMessage(back, 'back')).content).toBe('back');
  });
});
