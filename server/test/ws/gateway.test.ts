import { describe, expect, it } from 'vitest';
import { failPresenceWrites } from '../helpers/db-faults.ts';
import { startServer, tempDbFile } from '../helpers/server.ts';
import { ISO_MS, login } from '../helpers/http.ts';
import { uniqueName, unknownId } from '../helpers/names.ts';
import { forgeToken } from '../helpers/tokens.ts';
import { chatWithUsers, sendMessage } from '../helpers/fixtures.ts';
import { joinChat, openChatSocket, openPersonalSocket, openSocket } from '../helpers/socket.ts';

describe('the connected frame', () => {
  it('describes a chat socket with the default limits', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const before = Date.now();
    const sock = openChatSocket(server, users[1]!.access_token, chat.id);
    const data = await sock.connected();
    expect(data).toMatchObject({
      socket: 'chat',
      user_id: users[1]!.user.id,
      chat_id: chat.id,
      last_seq: 0,
      server_time: expect.stringMatching(ISO_MS),
      heartbeat_ms: 25000,
      limits: {
        max_content_bytes: 16384,
        max_frame_bytes: 65536,
        rate_limit: { burst: 30, refill_per_second: 10 },
      },
    });
    const skew = Date.parse(data.server_time) - before;
    expect(skew).toBeGreaterThanOrEqual(-1000);
    expect(skew).toBeLessThan(5000);
    expect(sock.frames[0]!.type).toBe('connected');
  });

  it('reports the chat’s newest seq at connect time', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 2);
    const ana = await joinChat(server, users[0]!, chat.id);
    await sendMessage(ana, 'one');
    await sendMessage(ana, 'two');
    const later = openChatSocket(server, users[1]!.access_token, chat.id);
    expect((await later.connected()).last_seq).toBe(2);
  });

  it('describes a personal socket', async () => {
    const server = await startServer();
    const ana = await login(server, uniqueName());
    const sock = openPersonalSocket(server, ana.access_token, ana.user.id);
    expect(await sock.connected()).toMatchObject({
      socket: 'personal',
      user_id: ana.user.id,
      chat_id: null,
      last_seq: null,
      server_time: expect.stringMatching(ISO_MS),
      heartbeat_ms: 25000,
    });
  });

  it('reports configured limits', async () => {
    const server = await startServer({
      maxContentBytes: 1000,
      maxPayload: 4096,
      heartbeatMs: 12345,
      rateLimit: { burst: 7, refillPerSecond: 3 },
    });
    const { users, chat } = await chatWithUsers(server, 1);
    const sock = openChatSocket(server, users[0]!.access_token, chat.id);
    expect(await sock.connected()).toMatchObject({
      heartbeat_ms: 12345,
      limits: { max_content_bytes: 1000, max_frame_bytes: 4096, rate_limit: { burst: 7, refill_per_second: 3 } },
    });
  });

  it('comes first even when the client sends before it arrives, and frames are processed in order', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const sock = openChatSocket(server, users[0]!.access_token, chat.id);
    expect(await sock.opened).toBe(true);
    sock.send({ type: 'ping', data: { ts: 1 } });
    sock.send({ type: 'send_message', data: { content: 'early', client_id: 'early-1' } });
    sock.send({ type: 'ping', data: { ts: 2 } });
    await sock.next('pong', { where: (d) => d.ts === 2 });
    expect(sock.frames.map((f) => f.type)).toEqual(['connected', 'pong', 'new_message', 'pong']);
    expect(sock.frames[2]!.data).toMatchObject({ content: 'early', client_id: 'early-1', seq: 1 });
  });
});

describe('socket authentication (close 4001)', () => {
  const secret = 'test-secret-gateway-0123456789abcdef';

  it('accepts a forged token with the right key and a future expiry (control for the cases below)', async () => {
    const server = await startServer({ jwtSecret: secret });
    const { users, chat } = await chatWithUsers(server, 1);
    const token = await forgeToken(secret, { sub: users[0]!.user.id, typ: 'access', expiresInSeconds: 600 });
    const sock = openChatSocket(server, token, chat.id);
    expect((await sock.connected()).user_id).toBe(users[0]!.user.id);
  });

  it.each([
    ['a missing token', async () => undefined],
    ['an empty token', async () => ''],
    ['a garbage token', async () => 'not.a.jwt'],
    ['an expired token', async (sub: string) => forgeToken(secret, { sub, typ: 'access', expiresInSeconds: -60 })],
    ['a token signed with another key', async (sub: string) => forgeToken('some-other-key-0123456789', { sub })],
    ['a token from another issuer', async (sub: string) => forgeToken(secret, { sub, iss: 'not-natter' })],
    ['a refresh token', async (sub: string) => forgeToken(secret, { sub, typ: 'refresh' })],
    ['a token for a user that does not exist', async () => forgeToken(secret, { sub: unknownId() })],
  ])('closes 4001 for %s, after accepting the upgrade', async (_label, makeToken) => {
    const server = await startServer({ jwtSecret: secret });
    const { users, chat } = await chatWithUsers(server, 1);
    const token = await makeToken(users[0]!.user.id);
    const sock = openChatSocket(server, token, chat.id);
    expect(await sock.opened).toBe(true);
    expect((await sock.closed).code).toBe(4001);
    expect(sock.all('connected')).toEqual([]);
  });

  it('closes 4001 for a real refresh token on both sockets', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const ana = users[0]!;
    const chatSock = openChatSocket(server, ana.refresh_token, chat.id);
    const personal = openPersonalSocket(server, ana.refresh_token, ana.user.id);
    expect((await chatSock.closed).code).toBe(4001);
    expect((await personal.closed).code).toBe(4001);
  });

  it('checks the token before the chat (bad token on an unknown chat → 4001)', async () => {
    const server = await startServer();
    const sock = openChatSocket(server, 'garbage', unknownId());
    expect((await sock.closed).code).toBe(4001);
  });
});

describe('socket authorization', () => {
  it('closes 4003 when the user is not a member of the chat', async () => {
    const server = await startServer();
    const { chat } = await chatWithUsers(server, 2);
    const outsider = await login(server, uniqueName());
    const sock = openChatSocket(server, outsider.access_token, chat.id);
    expect(await sock.opened).toBe(true);
    expect((await sock.closed).code).toBe(4003);
    expect(sock.all('connected')).toEqual([]);
  });

  it('closes 4004 for a chat that does not exist', async () => {
    const server = await startServer();
    const ana = await login(server, uniqueName());
    const sock = openChatSocket(server, ana.access_token, unknownId());
    expect(await sock.opened).toBe(true);
    expect((await sock.closed).code).toBe(4004);
  });

  it('closes 4003 for a personal socket of someone else', async () => {
    const server = await startServer();
    const ana = await login(server, uniqueName());
    const ben = await login(server, uniqueName());
    const sock = openPersonalSocket(server, ana.access_token, ben.user.id);
    expect(await sock.opened).toBe(true);
    expect((await sock.closed).code).toBe(4003);
    expect(sock.all('connected')).toEqual([]);
  });
});

describe('handshake rejections (plain HTTP)', () => {
  it.each(['/nope', '/api/v1/ws', '/api/v1/ws/chat/CHAT/extra', '/api/v1/wsx/USER', '/api/v1/ws/USER/extra'])(
    'answers HTTP 404 for the path %s',
    async (template) => {
      const server = await startServer();
      const { users, chat } = await chatWithUsers(server, 1);
      const path = template.replace('CHAT', chat.id).replace('USER', users[0]!.user.id);
      const sock = openSocket(server, path, users[0]!.access_token);
      expect(await sock.rejectedWith).toBe(404);
      expect(await sock.opened).toBe(false);
    },
  );

  it('answers HTTP 403 for an Origin not on the default allowlist', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    for (const origin of ['http://evil.example', 'https://localhost.evil.example', 'null']) {
      const sock = openChatSocket(server, users[0]!.access_token, chat.id, { origin });
      expect(await sock.rejectedWith, origin).toBe(403);
    }
  });

  it('accepts localhost origins on any port, and no Origin at all', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const token = users[0]!.access_token;
    for (const origin of [
      'http://localhost:5173',
      'https://localhost',
      'http://127.0.0.1:3000',
      'http://[::1]:8080',
      undefined,
    ]) {
      const sock = openChatSocket(server, token, chat.id, origin === undefined ? {} : { origin });
      expect((await sock.connected()).socket, String(origin)).toBe('chat');
      await sock.close();
    }
  });

  it('uses a configured allowlist instead of the default, and "*" allows any origin', async () => {
    const server = await startServer({ allowedOrigins: ['https://app.example'] });
    const { users, chat } = await chatWithUsers(server, 1);
    const token = users[0]!.access_token;
    const ok = openChatSocket(server, token, chat.id, { origin: 'https://app.example' });
    expect((await ok.connected()).socket).toBe('chat');
    const other = openChatSocket(server, token, chat.id, { origin: 'https://other.example' });
    expect(await other.rejectedWith).toBe(403);

    const open = await startServer({ allowedOrigins: '*' });
    const s2 = await chatWithUsers(open, 1);
    const any = openChatSocket(open, s2.users[0]!.access_token, s2.chat.id, { origin: 'http://evil.example' });
    expect((await any.connected()).socket).toBe('chat');
  });
});

describe('compression', () => {
  it('negotiates permessage-deflate without context takeover when offered', async () => {
    const server = await startServer();
    const { users, chat } = await chatWithUsers(server, 1);
    const sock = openChatSocket(server, users[0]!.access_token, chat.id);
    await sock.connected();
    const ext = String(sock.upgradeHeaders?.['sec-websocket-extensions'] ?? '');
    expect(ext).toContain('permessage-deflate');
    expect(ext).toContain('server_no_context_takeover');
    expect(ext).toContain('client_no_context_takeover');
    // a large message still arrives intact through compression
    const big = 'compressible '.repeat(1000);
    expect((await sendMessage(sock, big)).content).toBe(big);
  });

  it('does not negotiate it with compression: false', async () => {
    const server = await startServer({ compression: false });
    const { users, chat } = await chatWithUsers(server, 1);
    const sock = openChatSocket(server, users[0]!.access_token, chat.id);
    await sock.connected();
    expect(sock.upgradeHeaders?.['sec-websocket-extensions']).toBeUndefined();
  });
});

describe('a database failure while a socket opens', () => {
  it('closes that socket with 1011 and keeps the server up', async () => {
    const db = tempDbFile();
    const server = await startServer({ db });
    const { users, chat } = await chatWithUsers(server, 1);
    const heal = failPresenceWrites(db);
    const sock = openChatSocket(server, users[0]!.access_token, chat.id);
    expect((await sock.closed).code).toBe(1011);
    heal();
    const again = await joinChat(server, users[0]!, chat.id);
    expect((await sendMessage(again, 'still serving')).content).toBe('still serving');
  });
});
