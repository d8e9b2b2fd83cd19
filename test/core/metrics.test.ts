import { describe, expect, it } from 'vitest';
import { flushMicrotasks } from 'natter/testing';
import { connected, message, user } from './fixtures';
import { setup } from './helpers/client-harness';
import { clientMetrics } from 'natter/features';

describe('clientMetrics(client)', () => {
  it('counts frames in and out, invalid frames, reconnects and errors by code', async () => {
    const { clock, client, open } = setup();
    clientMetrics(client); // counting from the start
    const { socket } = await open();
    client.sendMessage('c1', 'hi');
    socket.receive({ type: 'new_message', data: message(1) });
    socket.receiveRaw('not json');
    socket.receive({ type: 'error', data: { code: 'forbidden', message: 'no', frame_type: 'read_receipt', client_id: null } });
    socket.drop(1006);
    clock.advance(100);
    expect(clientMetrics(client).getSnapshot()).toEqual({
      framesIn: 3,
      framesOut: 1,
      invalidFrames: 1,
      reconnects: 1,
      errors: { protocol_error: 1, forbidden: 1 },
      roundTripP50: null,
      roundTripP95: null,
      framesInPerSecond: 0.3,
      framesOutPerSecond: 0.1,
      outboxDepth: 1,
      sockets: { c1: 'reconnecting' },
    });
  });

  it('keeps the snapshot identity until something in it changes', async () => {
    const { fake, client } = setup();
    clientMetrics(client); // counting from the start
    const first = clientMetrics(client).getSnapshot();
    expect(clientMetrics(client).getSnapshot()).toBe(first);
    client.joinChat('c1');
    await flushMicrotasks();
    const joining = clientMetrics(client).getSnapshot();
    expect(joining).not.toBe(first);
    expect(joining.sockets).toEqual({ c1: 'connecting' });
    expect(clientMetrics(client).getSnapshot()).toBe(joining);
    fake.last().accept().receive(connected());
    const open = clientMetrics(client).getSnapshot();
    expect(open).not.toBe(joining);
    expect(open).toMatchObject({ framesIn: 1, sockets: { c1: 'open' } });
    expect(clientMetrics(client).getSnapshot()).toBe(open);
  });

  it('notifies subscribers at most every 250 ms, however many frames arrive', async () => {
    const { fake, clock, client } = setup();
    clientMetrics(client); // counting from the start
    let calls = 0;
    clientMetrics(client).subscribe(() => (calls += 1));
    client.joinChat('c1');
    await flushMicrotasks();
    const socket = fake.last().accept().receive(connected());
    for (let seq = 1; seq <= 50; seq += 1) socket.receive({ type: 'new_message', data: message(seq) });
    expect(calls).toBe(0);
    clock.advance(250);
    expect(calls).toBe(1);
    expect(clientMetrics(client).getSnapshot().framesIn).toBe(51);
  });
});

describe('client.metrics: rates and outbox depth', () => {
  it('reports frames per second over the last 10 s and the messages awaiting acknowledgement', async () => {
    const { clock, client, open } = setup();
    clientMetrics(client); // counting from the start
    const { socket } = await open();
    const first = client.sendMessage('c1', 'one');
    client.sendMessage('c1', 'two');
    for (let seq = 1; seq <= 19; seq += 1) socket.receive({ type: 'new_message', data: message(seq + 10) });
    expect(clientMetrics(client).getSnapshot()).toMatchObject({ framesInPerSecond: 2, framesOutPerSecond: 0.2, outboxDepth: 2 });
    socket.receive({ type: 'new_message', data: message(1, { sender: user('ana'), client_id: first, content: 'one' }) });
    expect(clientMetrics(client).getSnapshot().outboxDepth).toBe(1);
    clock.advance(11_000);
    socket.receive({ type: 'pong', data: { ts: null, server_time: '' } });
    expect(clientMetrics(client).getSnapshot().framesInPerSecond).toBeCloseTo(0.1);
  });
});

describe('client.disconnect', () => {
  it('closes and stays closed - sends wait in the outbox - until reconnect()', async () => {
    const { fake, clock, client } = setup();
    clientMetrics(client); // counting from the start
    client.joinChat('c1');
    await flushMicrotasks();
    fake.last().accept().receive(connected());
    client.disconnect();
    expect(client.getConnection('c1')?.status).toBe('closed');
    client.sendMessage('c1', 'later');
    clock.advance(600_000);
    await flushMicrotasks();
    expect(fake.sockets).toHaveLength(1);
    expect(clientMetrics(client).getSnapshot().outboxDepth).toBe(1);
    client.reconnect();
    await flushMicrotasks();
    const next = fake.last().accept().receive(connected());
    expect(next.sentOfType('send_message').map((f) => f.data.content)).toEqual(['later']);
  });
});
