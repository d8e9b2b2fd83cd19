import { describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server.ts';
import { chatWithUsers, sendMessage } from '../helpers/fixtures.ts';
import { joinChat, joinPersonal, sleep } from '../helpers/socket.ts';

const HEARTBEAT_MS = 100;

describe('heartbeat', () => {
  it('announces heartbeat_ms and sends protocol pings at that interval', async () => {
    const server = await startServer({ heartbeatMs: HEARTBEAT_MS });
    const { users, chat } = await chatWithUsers(server, 1);
    const sock = await joinChat(server, users[0]!, chat.id);
    expect(sock.frames[0]!.data.heartbeat_ms).toBe(HEARTBEAT_MS);
    await sock.until(() => sock.pings >= 2, 'two protocol pings', 6 * HEARTBEAT_MS);
  });

  it('terminates a peer that answers no pings and sends nothing (no close frame: 1006)', async () => {
    const server = await startServer({ heartbeatMs: HEARTBEAT_MS });
    const { users, chat } = await chatWithUsers(server, 1);
    const silent = await joinChat(server, users[0]!, chat.id, { autoPong: false });
    const silentPersonal = await joinPersonal(server, users[0]!, { autoPong: false });
    const result = await Promise.race([
      silent.closed,
      sleep(8 * HEARTBEAT_MS).then(() => ({ code: -1, reason: 'still open after 8 intervals' })),
    ]);
    expect(result.code).toBe(1006);
    expect((await silentPersonal.closed).code).toBe(1006);
  });

  it('keeps a peer that answers protocol pings open across several intervals', async () => {
    const server = await startServer({ heartbeatMs: HEARTBEAT_MS });
    const { users, chat } = await chatWithUsers(server, 1);
    const sock = await joinChat(server, users[0]!, chat.id);
    await sleep(7 * HEARTBEAT_MS);
    expect(sock.isOpen).toBe(true);
    expect(sock.pings).toBeGreaterThanOrEqual(3);
    expect((await sendMessage(sock, 'alive')).content).toBe('alive');
  });

  it('counts application frames as activity for a peer that does not answer pings', async () => {
    const server = await startServer({ heartbeatMs: HEARTBEAT_MS });
    const { users, chat } = await chatWithUsers(server, 1);
    const sock = await joinChat(server, users[0]!, chat.id, { autoPong: false });
    for (let i = 0; i < 14; i += 1) {
      sock.send({ type: 'ping', data: { ts: i } });
      await sleep(HEARTBEAT_MS / 2);
    }
    expect(sock.isOpen).toBe(true);
    expect(sock.all('pong')).toHaveLength(14);
  });
});
