import { describe, expect, it, vi } from 'vitest';
import { chatPath, connect, installMockServer, personalPath, settle, type RawSocket } from '../msw';

const { startMock } = installMockServer();

const presenceFrames = (raw: RawSocket) => raw.frames.filter((f) => f.type === 'presence').map((f) => [f.data.user_id, f.data.status]);

describe('presence (docs/protocol.md 9.6)', () => {
  it('gives connected.presence: a chat socket its members, a personal socket everyone sharing a chat (self included)', async () => {
    const mock = startMock();
    const [ana, ben, cy] = ['ana', 'ben', 'cy'].map((name) => mock.user(name).id);
    const benPersonal = await connect(mock, personalPath(ben!), 'ben');
    const benConnected = benPersonal.frames[0]!.data;
    expect(benConnected).toMatchObject({ socket: 'personal', last_rev: null, last_read_seq: null });
    // Ben shares general with ana and private with cy; he is online through this very socket.
    expect(Object.fromEntries(benConnected.presence.map((p: any) => [p.user_id, p.status]))).toEqual({ [ana!]: 'offline', [ben!]: 'online', [cy!]: 'offline' });
    const anaChat = await connect(mock, chatPath(mock.chat('general').id), 'ana');
    const { presence } = anaChat.frames[0]!.data;
    expect(presence.map((p: any) => [p.user_id, p.status])).toEqual([[ana, 'online'], [ben, 'online']]);
    expect(presence[0].last_seen_at).toEqual(expect.any(String));
  });

  it('sends presence on status changes only: connect, set_presence away/online, and the last socket closing', async () => {
    const mock = startMock();
    const ben = mock.user('ben').id;
    const ana = await connect(mock, chatPath(mock.chat('general').id), 'ana');
    const cyPersonal = await connect(mock, personalPath(mock.user('cy').id), 'cy');
    const benChat = await connect(mock, chatPath(mock.chat('general').id), 'ben');
    const benTab = await connect(mock, personalPath(ben), 'ben');
    await vi.waitFor(() => expect(presenceFrames(ana)).toEqual([[ben, 'online']]));
    // One away connection of two: still online, nothing sent.
    benChat.send({ type: 'set_presence', data: { status: 'away' } });
    await settle();
    expect(presenceFrames(ana)).toEqual([[ben, 'online']]);
    benTab.send({ type: 'set_presence', data: { status: 'away' } });
    await vi.waitFor(() => expect(presenceFrames(ana)).toEqual([[ben, 'online'], [ben, 'away']]));
    // Cy shares `private` with Ben: her personal socket hears it; so does Ben's own personal socket.
    expect(presenceFrames(cyPersonal)).toEqual([[ben, 'online'], [ben, 'away']]);
    expect(presenceFrames(benTab)).toEqual([[ben, 'away']]);
    benChat.send({ type: 'set_presence', data: { status: 'online' } });
    await vi.waitFor(() => expect(presenceFrames(ana).at(-1)).toEqual([ben, 'online']));
    // Closing the online socket leaves the away one: away again.
    benChat.socket.close();
    await vi.waitFor(() => expect(presenceFrames(ana).at(-1)).toEqual([ben, 'away']));
    benTab.socket.close();
    await vi.waitFor(() => expect(presenceFrames(ana).at(-1)).toEqual([ben, 'offline']));
    expect(ana.frames.at(-1)!.data.last_seen_at).toEqual(expect.any(String));
    expect(mock.presence('ben')).toMatchObject({ status: 'offline' });
  });

  it('refuses a bad set_presence with invalid_frame', async () => {
    const mock = startMock();
    const raw = await connect(mock, chatPath(mock.chat('general').id), 'ana');
    raw.send({ type: 'set_presence', data: { status: 'offline' } });
    expect((await raw.next('error')).data).toMatchObject({ code: 'invalid_frame', frame_type: 'set_presence' });
  });

  it('scripts presence: setPresence counts as one more connection and publishes changes', async () => {
    const mock = startMock({ now: () => Date.parse('2026-11-24T09:30:00.000Z') });
    const ana = await connect(mock, chatPath(mock.chat('general').id), 'ana');
    const ben = mock.user('ben').id;
    expect(mock.setPresence('ben', 'away')).toEqual({ user_id: ben, status: 'away', last_seen_at: '2026-11-24T09:30:00.000Z' });
    mock.setPresence('ben', 'away');
    mock.setPresence('ben', 'online');
    mock.setPresence('ben', 'offline');
    await vi.waitFor(() => expect(presenceFrames(ana)).toEqual([[ben, 'away'], [ben, 'online'], [ben, 'offline']]));
    expect(() => mock.setPresence('zed', 'online')).toThrow(/no user "zed"/);
  });
});
