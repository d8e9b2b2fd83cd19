import { describe, expect, it } from 'vitest';
import { chatPath, connect, installMockServer, openRaw, personalPath, rest } from '../msw';

const { startMock } = installMockServer();

describe('sockets: handshake', () => {
  it('sends `connected` first on a chat socket, with last_seq and limits', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: 3 }] });
    const general = mock.chat('general');
    const raw = await connect(mock, chatPath(general.id), 'ana');
    expect(raw.opened).toBe(true);
    expect(raw.frames[0]).toMatchObject({
      type: 'connected',
      data: { socket: 'chat', user_id: mock.user('ana').id, chat_id: general.id, last_seq: 3, heartbeat_ms: 25000, limits: { max_content_bytes: 16384, max_frame_bytes: 65536 } },
    });
    expect(Date.parse(raw.frames[0]!.data.server_time)).not.toBeNaN();
    expect(mock.openSockets({ chatId: 'general' })).toHaveLength(1);
  });

  it('sends `connected` on a personal socket with null chat_id and last_seq', async () => {
    const mock = startMock();
    const ana = mock.user('ana');
    const raw = await connect(mock, personalPath(ana.id), 'ana');
    expect(raw.frames[0]).toMatchObject({ type: 'connected', data: { socket: 'personal', user_id: ana.id, chat_id: null, last_seq: null } });
  });

  it.each([
    ['no token', (m: any) => [chatPath(m.chat('general').id), null], 4001],
    ['an unknown token', (m: any) => [chatPath(m.chat('general').id), 'nope'], 4001],
    ['a refresh token', (m: any) => [chatPath(m.chat('general').id), m.sessionFor('ana').refresh_token], 4001],
    ['a chat the user is not in', (m: any) => [chatPath(m.chat('private').id), m.sessionFor('ana').access_token], 4003],
    ['a chat that does not exist', (m: any) => [chatPath('00000000-0000-4000-8000-0000000fffff'), m.sessionFor('ana').access_token], 4004],
    ["another user's personal socket", (m: any) => [personalPath(m.user('ben').id), m.sessionFor('ana').access_token], 4003],
  ])('opens, then closes with the code for %s', async (_name, args, code) => {
    const mock = startMock();
    const [path, token] = args(mock) as [string, string | null];
    const raw = openRaw(path, token);
    expect(await raw.waitClosed()).toMatchObject({ code });
    // Like the real server: the upgrade is accepted first, so the browser saw `open` and a precise code.
    expect(raw.opened).toBe(true);
    expect(raw.frames).toEqual([]);
    expect(mock.connections.at(-1)).toMatchObject({ accepted: false, closed: { code, by: 'server' } });
  });

  it('closes an unknown socket path with 1006 and no `open`, like a 404 handshake', async () => {
    const mock = startMock();
    const raw = openRaw('/api/v1/ws/chat/x/y', mock.sessionFor('ana').access_token);
    expect(await raw.waitClosed()).toMatchObject({ code: 1006 });
    expect(raw.opened).toBe(false);
  });

  it('refuses the next connections with a chosen code, then accepts again', async () => {
    const mock = startMock();
    mock.refuseNextConnections(4001, 2);
    const token = mock.sessionFor('ana').access_token;
    const path = chatPath(mock.chat('general').id);
    expect((await openRaw(path, token).waitClosed()).code).toBe(4001);
    expect((await openRaw(path, token).waitClosed()).code).toBe(4001);
    const third = openRaw(path, token);
    await third.next('connected');
    expect(third.closed).toBeNull();
  });

  it('refuses no connection for a count of 0 (a computed count may be 0)', async () => {
    const mock = startMock();
    mock.refuseNextConnections(4001, 0);
    const raw = openRaw(chatPath(mock.chat('general').id), mock.sessionFor('ana').access_token);
    await raw.next('connected');
    expect(raw.closed).toBeNull();
  });

  it('refuses revoked tokens on sockets and REST', async () => {
    const mock = startMock();
    const token = mock.sessionFor('ana').access_token;
    mock.revokeTokens('ana');
    expect((await openRaw(chatPath(mock.chat('general').id), token).waitClosed()).code).toBe(4001);
    expect((await rest('/api/v1/users/me', { token })).status).toBe(401);
  });
});
