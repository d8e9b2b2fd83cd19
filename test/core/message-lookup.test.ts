import { describe, expect, it } from 'vitest';
import type { ServerFrame } from 'natter';
import { connected, message } from './fixtures';
import { BO, ME, mine, newMessage, setup, waitFor } from './helpers/client-harness';
import { editMessage, getMessage, jumpTo, loadThread } from 'natter/features';

/** Threads, getMessage, jumpTo and rev catch-up (docs/protocol.md, sections 9.4, 9.7, 9.10). */

const reply = (seq: number, parent: string, overrides = {}) => message(seq, { sender: BO, parent_message_id: parent, ...overrides });

describe('threads', () => {
  it('loadThread fills threads[parent] from ?parent_id=, pages older with before, and live replies join it', async () => {
    const t = setup();
    const { socket } = await t.open();
    t.history.add(message(1), reply(2, 'm1'), message(3), reply(4, 'm1'), reply(5, 'm1'));
    const page = await loadThread(t.client, 'c1', 'm1', { limit: 2 });
    expect(page.messages.map((m) => m.seq)).toEqual([4, 5]);
    expect(t.history.historyQueries().at(-1)).toEqual({ parent_id: 'm1', limit: '2' });
    expect(t.slice().threads.m1).toMatchObject({ hasOlder: true });
    expect(t.slice().threads.m1!.replies.map((m) => m.seq)).toEqual([4, 5]);
    await loadThread(t.client, 'c1', 'm1', { before: 4, limit: 2 });
    expect(t.slice().threads.m1!.replies.map((m) => m.seq)).toEqual([2, 4, 5]);
    expect(t.slice().threads.m1!.hasOlder).toBe(false);

    socket.receive(newMessage(reply(6, 'm1', { content: 'live' })));
    socket.receive(newMessage(reply(7, 'm3', { content: 'other thread' })));
    expect(t.slice().threads.m1!.replies.map((m) => m.seq)).toEqual([2, 4, 5, 6]);
    expect(t.slice().threads.m3).toBeUndefined();
  });

  it('a parent held nowhere is fetched with the first page and kept live in the thread (edits, reply counts)', async () => {
    const t = setup();
    const { socket } = await t.open();
    t.history.add(message(1, { reply_count: 1, rev: 2 }), reply(2, 'm1'));
    await loadThread(t.client, 'c1', 'm1');
    expect(t.slice().messages).toEqual([]);
    expect(t.slice().threads.m1!.parent).toMatchObject({ id: 'm1', reply_count: 1 });
    const change = (data: object, type: 'message_updated' | 'message_deleted' = 'message_updated'): ServerFrame =>
      ({ type, data: { client_id: null, user_id: BO.id, change: 'edit', ...data } }) as ServerFrame;
    socket.receive(change({ message: message(1, { content: 'edited parent', edited_at: '2026-01-01T00:09:00.000Z', reply_count: 1, rev: 5 }) }));
    expect(t.slice().threads.m1!.parent).toMatchObject({ content: 'edited parent', reply_count: 1 });
    socket.receive(newMessage(reply(3, 'm1')));
    socket.receive(change({ message: message(1, { content: 'edited parent', reply_count: 2, rev: 7 }), change: 'reply' }));
    expect(t.slice().threads.m1!.parent).toMatchObject({ reply_count: 2 });
    // An older copy changes nothing; a later page does not fetch the parent again.
    socket.receive(change({ message: message(1, { content: 'stale', rev: 4 }) }));
    expect(t.slice().threads.m1!.parent!.content).toBe('edited parent');
    const fetches = t.history.requests.length;
    await loadThread(t.client, 'c1', 'm1', { before: 2 });
    expect(t.history.requests.length).toBe(fetches + 1);
  });

  it('my reply is pending in the chat and in its thread, then confirmed in both with the same key', async () => {
    const t = setup();
    const { socket } = await t.open();
    socket.receive(newMessage(message(1)));
    const clientId = t.client.sendMessage('c1', 'my reply', { parentMessageId: 'm1' });
    expect(t.slice().threads.m1!.replies).toEqual([expect.objectContaining({ key: clientId, status: 'pending' })]);
    expect(t.slice().messages.at(-1)).toBe(t.slice().threads.m1!.replies[0]);
    socket.receive(newMessage({ ...mine(2, clientId, 'my reply'), parent_message_id: 'm1' }));
    expect(t.slice().threads.m1!.replies).toEqual([expect.objectContaining({ key: clientId, status: 'sent', seq: 2 })]);
    expect(t.slice().messages.map((m) => m.key)).toEqual(['m1', clientId]);
    expect(t.slice().lastReadSeq).toBe(2);

    // An edit shows in both places, and the server's copy too.
    const opId = editMessage(t.client, 'c1', 'm2', 'edited reply');
    expect(t.slice().threads.m1!.replies[0]!.content).toBe('edited reply');
    expect(t.slice().messages[1]!.content).toBe('edited reply');
    const frame: ServerFrame = {
      type: 'message_updated',
      data: { message: { ...mine(2, clientId, 'edited reply'), parent_message_id: 'm1', rev: 9 }, client_id: opId, user_id: ME.id, change: 'edit' },
    };
    socket.receive(frame);
    expect(t.slice().threads.m1!.replies[0]).toMatchObject({ rev: 9, change: null });
    expect(t.slice().messages[1]).toMatchObject({ rev: 9, change: null });
  });
});

describe('getMessage and jumpTo', () => {
  it('getMessage fetches one message by id', async () => {
    const t = setup();
    t.history.add(message(1, { content: 'hello' }));
    await expect(getMessage(t.client, 'c1', 'm1')).resolves.toMatchObject({ id: 'm1', content: 'hello', read_by: [] });
    await expect(getMessage(t.client, 'c1', 'm9')).rejects.toMatchObject({ code: 'http_error', details: { status: 404 } });
  });

  it('jumpTo a message within one page below the held ones pages back (contiguous, no window)', async () => {
    const t = setup();
    await t.open();
    for (let seq = 1; seq <= 450; seq += 1) t.history.add(message(seq));
    await t.client.loadHistory('c1', { limit: 50 });
    const found = await jumpTo(t.client, 'c1', 'm250');
    expect(found).toMatchObject({ id: 'm250', seq: 250 });
    expect(found).toBe(t.slice().messages.find((m) => m.id === 'm250'));
    // 401..450 held; 250 is within 200 below 401: before=401 brings 201..400.
    expect(t.history.historyQueries().slice(1)).toEqual([{ before: '401', limit: '200' }]);
    expect(t.slice().messages.map((m) => m.seq)).toEqual(Array.from({ length: 250 }, (_, i) => i + 201));
    expect(t.slice().window).toBeNull();
  });

  it('jumpTo a message not in the chat resolves null and opens no window', async () => {
    const t = setup();
    await t.open();
    for (let seq = 1; seq <= 450; seq += 1) t.history.add(message(seq));
    await t.client.loadHistory('c1', { limit: 50 });
    await expect(jumpTo(t.client, 'c1', 'nope')).resolves.toBeNull();
    expect(t.slice().window).toBeNull();
    expect(t.history.historyQueries()).toHaveLength(1);
  });

  it('jumpTo gives up paging back after maxPages', async () => {
    const t = setup();
    await t.open();
    for (let seq = 1; seq <= 1000; seq += 1) t.history.add(message(seq));
    // Nothing held: the first page is the newest 200 (801..1000). m700 is within a page below it, but the cap of one
    // page is spent: the window shows it instead of more paging.
    await expect(jumpTo(t.client, 'c1', 'm700', { maxPages: 1 })).resolves.toMatchObject({ id: 'm700' });
    expect(t.history.historyQueries().map((q) => q.before ?? q.around)).toEqual([undefined, '700']);
    expect(t.slice().messages[0]!.seq).toBe(801);
    expect(t.slice().window!.messages.map((m) => m.seq)).toContain(700);
  });
});

describe('rev catch-up', () => {
  it('a reconnect whose last_rev is above the watermark fetches ?changed_after= and applies newer copies to held messages', async () => {
    const t = setup();
    t.history.withRevs();
    t.history.add(message(1), message(2), message(3));
    const { socket } = await t.open('c1', { last_seq: 3, last_rev: 3 });
    await t.client.loadHistory('c1');
    expect(t.slice().rev).toBe(3);
    const next = await t.drop(socket);
    // While away: m2 edited (rev 4), m1 reacted to (rev 5), m9 of another window changed too.
    t.history.update({ ...message(2), content: 'edited', edited_at: '2026-02-01T00:00:00.000Z', rev: 4 });
    t.history.update({ ...message(1), reactions: [{ emoji: '👍', count: 1, user_ids: ['bo'] }], rev: 5 });
    next.accept().receive(connected({ last_seq: 3, last_rev: 5 }));
    await waitFor(() => expect(t.slice().rev).toBe(5));
    expect(t.history.historyQueries().at(-1)).toEqual({ changed_after: '3', limit: '200' });
    expect(t.slice().messages.map((m) => [m.seq, m.content, m.reactions?.length])).toEqual([
      [1, 'message 1', 1],
      [2, 'edited', 0],
      [3, 'message 3', 0],
    ]);
  });

  it('a history page read below the watermark fetches the changes after the page’s last_rev', async () => {
    const t = setup();
    t.history.withRevs();
    t.history.add(message(1), message(2));
    const { socket } = await t.open('c1', { last_seq: 2, last_rev: 2 });
    // The page is read at rev 2; m1 changes (rev 3) before it arrives, as a frame for a message not held yet.
    t.history.hold();
    const asked = t.history.historyQueries().length;
    const loading = t.client.loadHistory('c1');
    // The page is read when the request is made: wait for it, however many turns getting a token takes.
    await waitFor(() => expect(t.history.historyQueries()).toHaveLength(asked + 1));
    const changed = { ...message(1), content: 'changed', rev: 3 };
    t.history.update(changed);
    socket.receive({ type: 'message_updated', data: { message: changed, client_id: null, user_id: 'bo', change: 'edit' } });
    expect(t.slice().rev).toBe(3);
    t.history.release();
    await loading;
    await waitFor(() => expect(t.slice().messages[0]!.content).toBe('changed'));
    expect(t.history.historyQueries().at(-1)).toEqual({ changed_after: '2', limit: '200' });
  });

  it('connected.last_read_seq sets lastReadSeq; a receipt sent moves it', async () => {
    const t = setup();
    const { socket } = await t.open('c1', { last_read_seq: 1 });
    expect(t.slice().lastReadSeq).toBe(1);
    socket.receive(newMessage(message(2, { sender: BO })));
    t.client.markRead('c1', 'm2');
    expect(t.slice().lastReadSeq).toBe(2);
  });
});
