import { describe, expect, it, onTestFinished } from 'vitest';
import { createChatClient } from 'natter';
import { createFakeWebSocket, createManualTimers, flushMicrotasks } from 'natter/testing';
import { connected, message, user } from './fixtures';


function setup() {
  const fake = createFakeWebSocket();
  const clock = createManualTimers();
  const client = createChatClient({
    baseUrl: 'http://chat.test',
    getToken: () => 'tok',
    currentUser: user('ana'),
    WebSocket: fake.WebSocket,
    timers: clock.timers,
    backoff: { jitter: 'none', initialMs: 100 },
  });
  onTestFinished(() => client.destroy());
  return { fake, clock, client };
}

describe('client.metrics', () => {
  it('counts frames in and out, invalid frames, reconnects and errors by code', async () => {
    const { fake, clock, client } = setup();
    client.joinChat('c1');
    await flushMicrotasks();
    const socket = fake.last().accept().receive(connected());
    client.sendMessage('c1', 'hi');
    socket.receive({ type: 'new_message', data: message(1) });
    socket.receiveRaw('not json');
    socket.receive({ type: 'error', data: { code: 'forbidden', message: 'no', frame_type: 'read_receipt', client_id: null } });
    socket.drop(1006);
    clock.advance(100);
    expect(client.metrics.getSnapshot()).toEqual({
      framesIn: 3,
      framesOut: 1,
      invalidFrames: 1,
      reconnects: 1,
      errors: { protocol_error: 1, forbidden: 1 },
      roundTripP50: null,
      roundTripP95: null,
    });
  });

  it('keeps the snapshot identity until a counter changes', async () => {
    const { fake, client } = setup();
    const first = client.metrics.getSnapshot();
    expect(client.metrics.getSnapshot()).toBe(first);
    client.joinChat('c1');
    await flushMicrotasks();
    expect(client.metrics.getSnapshot()).toBe(first);
    fake.last().accept().receive(connected());
    const second = client.metrics.getSnapshot();
    expect(second).not.toBe(first);
    expect(client.metrics.getSnapshot()).toBe(second);
  });

  it('notifies subscribers at most every 250 ms, however many frames arrive', async () => {
    const { fake, clock, client } = setup();
    let calls = 0;
    client.metrics.subscribe(() => (calls += 1));
    client.joinChat('c1');
    await flushMicrotasks();
    const socket = fake.last().accept().receive(connected());
    for (let seq = 1; seq <= 50; seq += 1) socket.receive({ type: 'new_message', data: message(seq) });
    expect(calls).toBe(0);
    clock.advance(250);
    expect(calls).toBe(1);
    expect(client.metrics.getSnapshot().framesIn).toBe(51);
  });
});
