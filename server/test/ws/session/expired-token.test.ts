import { describe, expect, it } from 'vitest';
import { startServer } from '../../helpers/server.ts';
import { forgeToken } from '../../helpers/tokens.ts';
import { chatWithUsers, sendMessage } from '../../helpers/fixtures.ts';
import { joinChat, openChatSocket, sleep } from '../../helpers/socket.ts';

describe('an open socket outlives its token', () => {
  it('keeps receiving after the access token has expired', async () => {
    const secret = 'test-secret-session-expiry-0123456789';
    const server = await startServer({ jwtSecret: secret });
    const { users, chat } = await chatWithUsers(server, 2);
    // JWT expiry has whole-second resolution: exp is the end of the next second
    const shortLived = await forgeToken(secret, { sub: users[1]!.user.id, expiresInSeconds: 2 });
    const exp = JSON.parse(Buffer.from(shortLived.split('.')[1]!, 'base64url').toString()).exp as number;
    const b = await joinChat(server, { ...users[1]!, access_token: shortLived }, chat.id);
    const a = await joinChat(server, users[0]!, chat.id);
    await sleep(exp * 1000 - Date.now() + 50);
    await sendMessage(a, 'still there?');
    expect((await b.next('new_message')).content).toBe('still there?');
    expect(b.isOpen).toBe(true);
    // the next connect with that token is refused
    const again = openChatSocket(server, shortLived, chat.id);
    expect((await again.closed).code).toBe(4001);
  });
});
