import { describe, expect, it, vi } from 'vitest';
import { flushMicrotasks } from 'natter/testing';
import { connected, message } from '../fixtures';
import { BO, ME, newMessage, RECONNECT_MS, setup, waitFor } from '../helpers/client-harness';

describe('createChatClient: incoming messages and gaps', () => {
  it('out-of-order and duplicated frames land once each, in seq order', async () => {
    const t = setup();
    t.history.add(message(1), message(2), message(3), message(4));
    const { socket } = await t.open();
    for (const seq of [2, 1, 2, 4, 3, 1, 4]) socket.receive(newMessage(message(seq)));
    await waitFor(() => expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]));
    expect(t.slice().messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(t.slice().lastSeq).toBe(4);
  });

  it('keeps every field of an incoming message', async () => {
    const t = setup();
    const { socket } = await t.open();
    const incoming = message(1, { sender: BO, parent_message_id: 'm0', content: '<b>plain</b>' });
    socket.receive(newMessage(incoming));
    expect(t.slice().messages[0]).toEqual({ ...incoming, key: 'm1', status: 'sent', error: null, change: null, uploadProgress: null });
  });

  it('a seq jump (have 3, receive 6) fetches ?after=3 and merges 4 and 5', async () => {
    const t = setup();
    t.history.add(...[1, 2, 3, 4, 5, 6].map((seq) => message(seq)));
    const { socket } = await t.open();
    for (const seq of [1, 2, 3]) socket.receive(newMessage(message(seq)));
    await flushMicrotasks();
    expect(t.history.requests).toHaveLength(0);
    socket.receive(newMessage(message(6)));
    await waitFor(() => expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]));
    expect(t.history.historyQueries()).toEqual([{ after: '3', limit: '200' }]);
    expect(t.history.requests[0]!.authorization).toBe('Bearer tok');
    expect(t.history.requests[0]!.url.origin).toBe('http://chat.test');
  });

  it('a gap fill pages until has_more is false', async () => {
    const t = setup();
    const all = Array.from({ length: 450 }, (_, i) => message(i + 1));
    t.history.add(...all);
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    socket.receive(newMessage(message(450)));
    await waitFor(() => expect(t.slice().messages).toHaveLength(450));
    expect(t.slice().messages.map((m) => m.seq)).toEqual(all.map((m) => m.seq));
    expect(t.history.historyQueries().map((q) => q.after)).toEqual(['1', '201', '401']);
  });

  it('a connected frame with last_seq above what the store holds (history loaded) fills the gap', async () => {
    const t = setup();
    t.history.add(message(1), message(2), message(3));
    const { socket } = await t.open('c1', { last_seq: 3 });
    await t.client.loadHistory('c1');
    expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    t.history.add(message(4), message(5));

    const next = await t.drop(socket);
    next.accept().receive(connected({ last_seq: 5 }));
    await waitFor(() => expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]));
    expect(t.history.historyQueries().at(-1)).toEqual({ after: '3', limit: '200' });
  });

  it('a connected frame with last_seq equal to what the store holds fetches nothing', async () => {
    const t = setup();
    t.history.add(message(1), message(2));
    const { socket } = await t.open('c1', { last_seq: 2 });
    await t.client.loadHistory('c1');
    const requests = t.history.requests.length;
    const next = await t.drop(socket);
    next.accept().receive(connected({ last_seq: 2 }));
    await flushMicrotasks();
    expect(t.history.requests).toHaveLength(requests);
  });

  it('a failed gap fill marks the chat discontinuous and tells the app; the next connect fills the hole', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    t.history.fail(new TypeError('fetch failed'));
    socket.receive(newMessage(message(3)));
    await waitFor(() => expect(t.errors.map((e) => e.code)).toEqual(['gap_unfilled']));
    expect(t.errors[0]!.details.cause).toBeDefined();
    expect(t.slice()).toMatchObject({ discontinuous: true });
    expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 3]);
    socket.receive(newMessage(message(4)));
    expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 3, 4]);
    t.history.fail(null);
    t.history.add(message(1), message(2), message(3), message(4));
    const next = await t.drop(socket);
    next.accept().receive(connected({ chat_id: 'c1', last_seq: 4 }));
    await waitFor(() => expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]));
    expect(t.slice().discontinuous).toBe(false);
  });

  it('a failed fill is retried while the socket stays up, without waiting for a reconnect', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    t.history.fail(new TypeError('fetch failed'));
    socket.receive(newMessage(message(3)));
    await waitFor(() => expect(t.slice().discontinuous).toBe(true));
    t.history.fail(null);
    t.history.add(message(1), message(2), message(3));
    t.clock.advance(RECONNECT_MS);
    await waitFor(() => expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3]));
    expect(t.slice().discontinuous).toBe(false);
    expect(t.fake.sockets).toHaveLength(1);
  });

  it('a fill whose request hangs (a dead keep-alive connection) is aborted after 20 s and fails like a failed fill', async () => {
    let hang = true;
    const aborted: unknown[] = [];
    let history: ReturnType<typeof setup>['history'] | null = null;
    // As the platform's fetch does: a request that never answers still rejects once its signal aborts.
    const fetch = (input: RequestInfo | URL, init: RequestInit = {}) =>
      hang
        ? new Promise<Response>((_, reject) =>
            init.signal?.addEventListener('abort', () => {
              aborted.push(init.signal!.reason);
              reject(init.signal!.reason);
            }),
          )
        : history!.fetch(input, init);
    const t = setup({ fetch });
    history = t.history;
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    socket.receive(newMessage(message(3)));
    await flushMicrotasks();
    // A later hole waits behind the hung fill.
    socket.receive(newMessage(message(5)));
    t.clock.advance(19_999);
    await flushMicrotasks();
    expect(aborted).toHaveLength(0);
    expect(t.slice().discontinuous).toBe(false);
    hang = false;
    t.history.add(...[1, 2, 3, 4, 5].map((seq) => message(seq)));
    t.clock.advance(1);
    await waitFor(() => expect(t.errors.map((e) => e.code)).toEqual(['gap_unfilled']));
    expect(aborted).toHaveLength(1);
    expect(t.errors[0]!.details.cause).toMatchObject({ code: 'network_error' });
    // The fill queued behind it runs at once, and fills both holes.
    await waitFor(() => expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]));
    expect(t.slice().discontinuous).toBe(false);
  });

  it('a later jump fills from the first hole, not from above it', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    t.history.fail(new TypeError('fetch failed'));
    socket.receive(newMessage(message(3)));
    await waitFor(() => expect(t.slice().discontinuous).toBe(true));
    t.history.fail(null);
    t.history.add(message(1), message(2), message(3), message(4), message(5));
    socket.receive(newMessage(message(5)));
    await waitFor(() => expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]));
    expect(t.slice().discontinuous).toBe(false);
  });

  it('a hole the server cannot fill either stays marked discontinuous', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    t.history.add(message(1), message(3));
    socket.receive(newMessage(message(3)));
    await waitFor(() => expect(t.errors.map((e) => e.code)).toEqual(['gap_unfilled']));
    expect(t.slice()).toMatchObject({ discontinuous: true });
  });

  it('loadHistory and loadOlder page older messages in, with their receipts', async () => {
    const t = setup();
    t.history.add(...[1, 2, 3, 4, 5, 6, 7].map((seq) => message(seq, seq === 6 ? { sender: ME } : {})));
    t.history.read('m6', 'bo');
    const page = await t.client.loadHistory('c1', { limit: 3 });
    expect(page.messages.map((m) => m.seq)).toEqual([5, 6, 7]);
    expect(t.slice().messages.map((m) => m.seq)).toEqual([5, 6, 7]);
    expect(t.slice().hasOlder).toBe(true);
    expect(t.slice().readBy).toEqual({ m6: ['bo'] });
    expect(t.slice().messages.find((m) => m.id === 'm6')!.status).toBe('read');

    await t.client.loadOlder('c1', 3);
    expect(t.history.historyQueries().at(-1)).toEqual({ before: '5', limit: '3' });
    expect(t.slice().messages.map((m) => m.seq)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(t.slice().hasOlder).toBe(true);
    await t.client.loadOlder('c1', 3);
    expect(t.slice().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(t.slice().hasOlder).toBe(false);
  });

  it('a frame that changes nothing leaves the store state identical and notifies no one', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    socket.receive(newMessage(message(2)));
    const before = t.client.store.getState();
    const listener = vi.fn();
    t.client.store.subscribe(listener);
    socket.receive(newMessage(message(2)));
    socket.receive(newMessage(message(1)));
    socket.receive({ type: 'typing_indicator', data: { user_id: 'bo', is_typing: false, chat_id: 'c1', username: 'bo' } });
    socket.receive({ type: 'pong', data: { ts: 1, server_time: 'now' } });
    socket.receive({ type: 'presence', data: { user_id: 'bo' } });
    expect(t.client.store.getState()).toBe(before);
    expect(listener).not.toHaveBeenCalled();
  });

  it('a changing frame replaces only the chat it touches', async () => {
    const t = setup();
    const c1 = await t.open('c1');
    const c2 = await t.open('c2');
    c1.socket.receive(newMessage(message(1)));
    c2.socket.receive(newMessage(message(1, { chat_id: 'c2' })));
    const before = t.client.store.getState();
    c1.socket.receive(newMessage(message(2)));
    const after = t.client.store.getState();
    expect(after).not.toBe(before);
    expect(after.chats.c2).toBe(before.chats.c2);
    expect(after.connections).toBe(before.connections);
  });
});
