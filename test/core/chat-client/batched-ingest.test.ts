import { describe, expect, it } from 'vitest';
import { createManualFrames } from 'natter/testing';
import { message } from '../fixtures';
import { ME, mine, newMessage, setup, waitFor } from '../helpers/client-harness';
import { clientMetrics } from 'natter/features';

function batched(options: Parameters<typeof setup>[0] = {}) {
  const frames = createManualFrames();
  const t = setup({ scheduleFrame: frames.schedule, ...options });
  let updates = 0;
  t.client.store.subscribe(() => (updates += 1));
  return { ...t, frames, updates: () => updates };
}

describe('createChatClient: new messages reach the store in batches', () => {
  it('a burst of 1,000 messages makes two store updates: the first message at once, the rest at the next frame', async () => {
    const t = batched();
    const { socket } = await t.open('c1', { last_seq: 0 });
    // A chat whose history has answered (hasOlder known), so the live messages are checked for gaps.
    await t.client.loadHistory('c1');
    const before = t.updates();
    for (let seq = 1; seq <= 1000; seq += 1) socket.receive(newMessage(message(seq)));
    expect(t.slice().messages.map((m) => m.seq)).toEqual([1]);
    t.frames.pass();
    expect(t.slice().messages).toHaveLength(1000);
    expect(t.slice().lastSeq).toBe(1000);
    expect(t.updates() - before).toBe(2);
    // No gap was suspected inside the batch: no fill was fetched.
    expect(t.history.historyQueries().filter((query) => 'after' in query)).toEqual([]);
  });

  it('any other frame applies after the messages that arrived before it: a receipt and an edit of a queued message', async () => {
    const t = batched();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'hello');
    socket.receive(newMessage(message(1)));
    socket.receive(newMessage(mine(2, clientId, 'hello')));
    socket.receive(newMessage(message(3)));
    // m2 is still queued; the receipt is about it, the edit about m3.
    socket.receive({ type: 'read_receipt', data: { message_id: 'm2', user_id: 'bo', chat_id: 'c1', read_at: '2026-11-24T09:31:00.000Z' } });
    const edited = { ...message(3), content: 'edited', edited_at: '2026-11-24T09:31:00.000Z', rev: 10 };
    socket.receive({ type: 'message_updated', data: { message: edited, client_id: null, user_id: 'bo', change: 'edit' } });
    expect(t.slice().messages.map((m) => [m.seq, m.status, m.content])).toEqual([
      [1, 'sent', 'message 1'],
      [2, 'read', 'hello'],
      [3, 'sent', 'edited'],
    ]);
    // The echo acknowledged the send: it is out of the outbox.
    expect(clientMetrics(t.client).getSnapshot().outboxDepth).toBe(0);
  });

  it('a gap inside a batch is found from the seq held before it', async () => {
    const t = batched();
    t.history.add(...[1, 2, 3, 4, 5, 6].map((seq) => message(seq)));
    const { socket } = await t.open();
    await t.client.loadHistory('c1', { limit: 2 });
    expect(t.slice().messages.map((m) => m.seq)).toEqual([5, 6]);
    t.history.add(...[7, 8, 9, 10].map((seq) => message(seq)));
    socket.receive(newMessage(message(7)));
    socket.receive(newMessage(message(10)));
    socket.receive(newMessage(message(8)));
    t.frames.pass();
    await waitFor(() => expect(t.slice().messages.map((m) => m.seq)).toEqual([5, 6, 7, 8, 9, 10]));
    expect(t.history.historyQueries().filter((query) => 'after' in query)).toEqual([{ after: '8', limit: '200' }]);
  });

  it('nothing queued is lost when the client is destroyed', async () => {
    const t = batched();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    socket.receive(newMessage(message(2)));
    t.client.destroy();
    expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2]);
  });
});

describe('createChatClient: the in-memory window (maxMessagesInMemory)', () => {
  it('keeps the newest N at the live end, trimming in chunks, and fetches what it dropped again when asked', async () => {
    const t = setup({ maxMessagesInMemory: 100 });
    t.history.add(...Array.from({ length: 400 }, (_, i) => message(i + 1)));
    const { socket } = await t.open('c1', { last_seq: 400 });
    await t.client.loadHistory('c1', { limit: 50 });
    for (let seq = 401; seq <= 550; seq += 1) {
      t.history.add(message(seq));
      socket.receive(newMessage(message(seq)));
    }
    // Trimmed once it held 100 + 50 more: back to the newest 100.
    const seqs = () => t.slice().messages.map((m) => m.seq!);
    expect(seqs().length).toBeLessThanOrEqual(150);
    expect(seqs().at(-1)).toBe(550);
    expect(t.slice().hasOlder).toBe(true);
    const oldest = seqs()[0]!;
    await t.client.loadOlder('c1', 50);
    expect(seqs()[0]).toBe(oldest - 50);
    expect(seqs()).toEqual(Array.from({ length: seqs().length }, (_, i) => oldest - 50 + i));
  });

  it('never drops what is on screen (setViewport), and trims once the reader is back at the live end', async () => {
    const t = setup({ maxMessagesInMemory: 100 });
    t.history.add(...Array.from({ length: 200 }, (_, i) => message(i + 1)));
    const { socket } = await t.open('c1', { last_seq: 200 });
    await t.client.loadHistory('c1', { limit: 200 });
    expect(t.slice().messages).toHaveLength(200);
    t.client.setViewport('c1', { firstSeq: 20 });
    for (let seq = 201; seq <= 260; seq += 1) socket.receive(newMessage(message(seq)));
    expect(t.slice().messages[0]!.seq).toBe(20);
    t.client.setViewport('c1', { firstSeq: null });
    expect(t.slice().messages.map((m) => m.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 161 + i));
  });

  it('keeps the current user’s unsent messages whatever the window', async () => {
    const t = setup({ maxMessagesInMemory: 10 });
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'still mine');
    for (let seq = 1; seq <= 100; seq += 1) socket.receive(newMessage(message(seq)));
    const last = t.slice().messages.at(-1)!;
    expect([last.client_id, last.status, last.sender_id]).toEqual([clientId, 'pending', ME.id]);
    expect(t.slice().messages.filter((m) => m.seq !== null).length).toBeLessThanOrEqual(60);
  });
});

