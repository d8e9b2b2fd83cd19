import { describe, expect, it } from 'vitest';
import type { ServerFrame } from 'natter';
import { flushMicrotasks, type FakeSocket } from 'natter/testing';
import { connected } from './fixtures';
import { ME } from './helpers/client-harness';
import { personalConnected, setupRoot } from './helpers/root-harness';

const statuses = (socket: FakeSocket) => socket.sentOfType('set_presence').map((frame) => frame.data.status);

describe('presence reporting (set_presence follows the page’s visibility)', () => {
  it('hidden: away on every open socket; visible again: online on each', async () => {
    const t = setupRoot();
    const { socket: chat } = await t.open('c1');
    const { socket: personal } = await t.openPersonal();
    expect(statuses(chat)).toEqual([]);
    t.hide();
    expect(statuses(chat)).toEqual(['away']);
    expect(statuses(personal)).toEqual(['away']);
    t.show();
    expect(statuses(chat)).toEqual(['away', 'online']);
    expect(statuses(personal)).toEqual(['away', 'online']);
  });

  it('repeated hidden or visible signals send nothing more, and a visible page sends nothing at all', async () => {
    const t = setupRoot();
    const { socket } = await t.open('c1');
    t.show();
    expect(statuses(socket)).toEqual([]);
    t.hide();
    t.hide();
    t.show();
    t.show();
    expect(statuses(socket)).toEqual(['away', 'online']);
  });

  it('a socket that connects while the page is hidden says away right after connected (after the outbox)', async () => {
    const t = setupRoot();
    t.hide();
    const clientId = t.client.sendMessage('c1', 'queued');
    t.client.joinChat('c1');
    await flushMicrotasks();
    const socket = t.fake.last().accept();
    expect(statuses(socket)).toEqual([]);
    socket.receive(connected());
    expect(socket.sent.map((frame) => frame.type)).toEqual(['send_message', 'set_presence']);
    expect(socket.sentOfType('send_message')[0]!.data.client_id).toBe(clientId);
    expect(statuses(socket)).toEqual(['away']);
  });

  it('a socket that reconnects while hidden says away again (the server forgot); one that reconnects visible says nothing', async () => {
    const t = setupRoot();
    const { socket } = await t.open('c1');
    t.hide();
    const second = await t.drop(socket);
    second.accept().receive(connected());
    expect(statuses(second)).toEqual(['away']);
    t.show();
    expect(statuses(second)).toEqual(['away', 'online']);
    const third = await t.drop(second);
    third.accept().receive(connected());
    expect(statuses(third)).toEqual([]);
  });

  it('a socket that dropped while hidden and comes back after the page is visible says nothing', async () => {
    const t = setupRoot();
    const release = t.client.connectPersonal();
    await flushMicrotasks();
    const socket = t.fake.find(`/api/v1/ws/${ME.id}`)!.accept().receive(personalConnected());
    t.hide();
    socket.drop(1006);
    t.show();
    t.clock.advance(1000);
    await flushMicrotasks();
    const next = t.fake.last();
    expect(next).not.toBe(socket);
    next.accept().receive(personalConnected());
    expect(statuses(next)).toEqual([]);
    release();
  });

  it('presence is never queued: nothing is sent while the socket is down, nothing is resent later', async () => {
    const t = setupRoot();
    const { socket } = await t.open('c1');
    socket.drop(1006);
    t.hide();
    t.show();
    t.clock.advance(100);
    await flushMicrotasks();
    const next = t.fake.last();
    next.accept().receive(connected());
    expect(statuses(socket)).toEqual([]);
    expect(statuses(next)).toEqual([]);
  });

  it('a change the rate limit holds back goes out once a token is due', async () => {
    const t = setupRoot();
    const { socket } = await t.open('c1', { limits: { max_content_bytes: 16384, max_frame_bytes: 65536, rate_limit: { burst: 1, refill_per_second: 1 } } });
    expect(t.client.setTyping('c1', true)).toBe(true);
    t.hide();
    expect(statuses(socket)).toEqual([]);
    t.clock.advance(1000);
    expect(statuses(socket)).toEqual(['away']);
  });

  it('a change the server refuses (rate_limited) is sent again after retry_after_ms, not sooner', async () => {
    const t = setupRoot();
    const { socket } = await t.open('c1');
    t.hide();
    socket.receive(refused(250));
    t.clock.advance(249);
    expect(statuses(socket)).toEqual(['away']);
    t.clock.advance(1);
    expect(statuses(socket)).toEqual(['away', 'away']);
    // Accepted this time: nothing more, and showing the page says online once.
    t.clock.advance(5000);
    t.show();
    expect(statuses(socket)).toEqual(['away', 'away', 'online']);
  });

  it('a refused change the page took back meanwhile is not resent; any other refusal is made good at the next change', async () => {
    const t = setupRoot();
    const { socket } = await t.open('c1');
    t.hide();
    socket.receive(refused(250));
    t.show();
    t.clock.advance(250);
    // The server never took `away`, so `online` is what it has: the retry sends nothing, nor does the show.
    expect(statuses(socket)).toEqual(['away']);
    t.hide();
    socket.receive(refused());
    t.clock.advance(5000);
    expect(statuses(socket)).toEqual(['away', 'away']);
    t.show();
    t.hide();
    expect(statuses(socket)).toEqual(['away', 'away', 'away']);
  });
});

/** The server's answer to a `set_presence` it did not process: rate limited, or (without a wait) refused. */
function refused(retryAfterMs?: number): ServerFrame {
  const code = retryAfterMs === undefined ? 'internal_error' : 'rate_limited';
  return { type: 'error', data: { code, message: 'no', frame_type: 'set_presence', client_id: null, ...(retryAfterMs === undefined ? {} : { retry_after_ms: retryAfterMs }) } };
}
