import { describe, expect, it } from 'vitest';
import { memoryOutboxStorage, NatterError, type Message, type MessageChange, type OutboxStorage, type ServerFrame } from 'natter';
import { flushMicrotasks } from 'natter/testing';
import { connected, message } from './fixtures';
import { BO, ME, contents, mine, newMessage, setup } from './helpers/client-harness';
import { addReaction, deleteMessage, editMessage, toggleReaction } from 'natter/features';

/** Edits, deletions and reactions through the client: optimistic, acknowledged by client id, rolled back exactly. */

const updated = (data: Partial<MessageChange> & { message: Message }): ServerFrame => ({
  type: 'message_updated',
  data: { client_id: null, user_id: BO.id, change: 'edit', ...data },
});
const deleted = (data: Partial<MessageChange> & { message: Message }): ServerFrame => ({
  type: 'message_deleted',
  data: { client_id: null, user_id: ME.id, change: 'delete', ...data },
});
const refuse = (clientId: string, code: string, frameType: string, extra: Record<string, unknown> = {}): ServerFrame =>
  ({ type: 'error', data: { code, message: `refused: ${code}`, frame_type: frameType, client_id: clientId, ...extra } }) as ServerFrame;

/** An outbox storage that keeps copies, as IndexedDB does: a frame changed in memory is not changed in it. */
function copyingStorage(): OutboxStorage {
  const inner = memoryOutboxStorage();
  return { ...inner, put: (entry) => inner.put(structuredClone(entry)) };
}

/** A chat holding my message m1 (seq 1, rev 1) and Bo's m2 (seq 2, rev 2). */
async function withMessages() {
  const t = setup();
  const { socket } = await t.open();
  socket.receive(newMessage(mine(1, 'c-1', 'original')));
  socket.receive(newMessage(message(2, { sender: BO, content: 'from bo' })));
  const held = (id: string) => t.slice().messages.find((m) => m.id === id)!;
  return { t, socket, held };
}

describe('editMessage', () => {
  it('shows the edit at once, sends edit_message with a client id, and the echo confirms it', async () => {
    const { t, socket, held } = await withMessages();
    const opId = editMessage(t.client, 'c1', 'm1', 'fixed');
    expect(held('m1')).toMatchObject({ content: 'fixed', change: 'edit', edited_at: expect.any(String), key: 'c-1' });
    expect(socket.sent.at(-1)).toEqual({ type: 'edit_message', data: { message_id: 'm1', content: 'fixed', client_id: opId } });

    const server = mine(1, 'c-1', 'fixed (server)');
    socket.receive(updated({ message: { ...server, edited_at: '2026-02-01T00:00:00.000Z', rev: 3 }, client_id: opId, user_id: ME.id }));
    expect(held('m1')).toMatchObject({ content: 'fixed (server)', change: null, edited_at: '2026-02-01T00:00:00.000Z', rev: 3, status: 'sent' });
    expect(t.slice().rev).toBe(3);
    // Acknowledged: a reconnect does not send it again.
    const next = await t.drop(socket);
    next.accept().receive(connected());
    expect(next.sentOfType('edit_message')).toEqual([]);
    expect(t.errors).toEqual([]);
  });

  it('an error frame naming the op rolls the message back exactly and reports the error', async () => {
    const { t, socket, held } = await withMessages();
    const before = held('m1');
    const opId = editMessage(t.client, 'c1', 'm1', 'nope');
    socket.receive(refuse(opId, 'forbidden', 'edit_message'));
    expect(held('m1')).toEqual(before);
    expect(t.slice().optimistic).toEqual({});
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toMatchObject({ code: 'forbidden', details: { clientId: opId, chatId: 'c1' } });
  });

  it('no answer within sendTimeoutMs rolls it back with a timeout error', async () => {
    const { t, socket, held } = await withMessages();
    const before = held('m1');
    editMessage(t.client, 'c1', 'm1', 'slow');
    t.clock.advance(25_000);
    // The socket is live (its ping is answered): only the server is slow.
    socket.receive({ type: 'pong', data: { ts: socket.sentOfType('ping')[0]!.data.ts, server_time: '' } });
    t.clock.advance(15_000);
    expect(held('m1')).toEqual(before);
    expect(t.errors.map((e) => e.code)).toEqual(['timeout']);
  });

  it('rate_limited keeps it optimistic and resends the frame after retry_after_ms', async () => {
    const { t, socket, held } = await withMessages();
    const opId = editMessage(t.client, 'c1', 'm1', 'again');
    socket.receive(refuse(opId, 'rate_limited', 'edit_message', { retry_after_ms: 50 }));
    expect(held('m1')).toMatchObject({ content: 'again', change: 'edit' });
    t.clock.advance(50);
    expect(socket.sentOfType('edit_message').map((f) => f.data.client_id)).toEqual([opId, opId]);
  });

  it('an edit made while offline goes out on connect, after the messages queued before it', async () => {
    const { t, socket, held } = await withMessages();
    socket.drop(1006);
    t.client.sendMessage('c1', 'queued');
    const opId = editMessage(t.client, 'c1', 'm1', 'offline edit');
    expect(held('m1').content).toBe('offline edit');
    t.clock.advance(100);
    await Promise.resolve();
    const next = t.fake.last();
    next.accept().receive(connected({ last_seq: 2 }));
    expect(next.sent.map((f) => f.type)).toEqual(['send_message', 'edit_message']);
    expect(next.sentOfType('edit_message')[0]!.data.client_id).toBe(opId);
  });

  it('refuses bad input with invalid_argument and changes nothing', async () => {
    const { t, socket } = await withMessages();
    const sent = socket.sent.length;
    const cases: Array<[string, string]> = [
      ['m1', ''],
      ['m1', '   '],
      ['m1', 'x'.repeat(16 * 1024 + 1)],
      ['m2', 'not mine'],
      ['m9', 'unknown'],
    ];
    for (const [id, content] of cases) {
      expect(() => editMessage(t.client, 'c1', id, content)).toThrow(NatterError);
      try {
        editMessage(t.client, 'c1', id, content);
      } catch (error) {
        expect((error as NatterError).code).toBe('invalid_argument');
      }
    }
    deleteMessage(t.client, 'c1', 'm1');
    expect(() => editMessage(t.client, 'c1', 'm1', 'after delete')).toThrow(/deleted/);
    expect(socket.sent.length).toBe(sent + 1);
  });

  it('editing my still-pending message rewrites the queued send instead', async () => {
    const t = setup();
    const release = t.client.joinChat('c1');
    const clientId = t.client.sendMessage('c1', 'tpyo');
    expect(editMessage(t.client, 'c1', clientId, 'typo')).toBe(clientId);
    expect(t.slice().messages[0]).toMatchObject({ content: 'typo', status: 'pending', key: clientId });
    await Promise.resolve();
    const socket = t.fake.last().accept().receive(connected());
    expect(contents(socket)).toEqual(['typo']);
    expect(socket.sentOfType('edit_message')).toEqual([]);
    release();
  });

  it('a pending message edited after it went out is edited once the server has it', async () => {
    const { t, socket } = await withMessages();
    const clientId = t.client.sendMessage('c1', 'first words');
    editMessage(t.client, 'c1', clientId, 'better words');
    // The server stored what had gone out.
    socket.receive(newMessage(mine(3, clientId, 'first words')));
    expect(socket.sentOfType('edit_message').map((f) => f.data)).toEqual([
      { message_id: 'm3', content: 'better words', client_id: expect.any(String) },
    ]);
    expect(t.slice().messages.find((m) => m.id === 'm3')).toMatchObject({ content: 'better words', change: 'edit' });
  });
  it('editing my failed message changes what retry sends, and what a reload would send', async () => {
    const storage = copyingStorage();
    const t = setup({ outboxStorage: storage });
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', 'tpyo');
    socket.receive(refuse(clientId, 'internal_error', 'send_message'));
    editMessage(t.client, 'c1', clientId, 'typo');
    expect(t.slice().messages[0]).toMatchObject({ content: 'typo', status: 'failed' });
    await flushMicrotasks();
    expect((await storage.load(ME.id)).map((e) => e.frame.data.content)).toEqual(['typo']);
    expect(t.client.retry('c1', clientId)).toBe(true);
    expect(contents(socket)).toEqual(['tpyo', 'typo']);
  });

  it('editing a queued message keeps its saved place and files', async () => {
    const storage = copyingStorage();
    const t = setup({ outboxStorage: storage });
    const photo = { id: 'a1', file_name: 'cat.png', content_type: 'image/png', size: 10, width: 4, height: 3, url: 'https://files.test/a1' };
    const first = t.client.sendMessage('c1', 'frist', { attachments: [photo] });
    t.clock.advance(10);
    const second = t.client.sendMessage('c1', 'second');
    t.clock.advance(10);
    editMessage(t.client, 'c1', first, 'first');
    await flushMicrotasks();
    const saved = (await storage.load(ME.id)).sort((a, b) => a.createdAt - b.createdAt);
    expect(saved.map((e) => [e.clientId, e.frame.data.content, e.attachments])).toEqual([
      [first, 'first', [photo]],
      [second, 'second', []],
    ]);
  });
});

describe('discarding a change', () => {
  it('client.discard on an edit or a reaction rolls it back, and it is never sent', async () => {
    const { t, socket, held } = await withMessages();
    const before = [held('m1'), held('m2')];
    const next = await t.drop(socket);
    const edit = editMessage(t.client, 'c1', 'm1', 'second thoughts');
    const reaction = addReaction(t.client, 'c1', 'm2', '👍');
    expect(t.client.discard('c1', edit)).toBe(true);
    expect(t.client.discard('c1', reaction)).toBe(true);
    expect([held('m1'), held('m2')]).toEqual(before);
    expect(t.slice().optimistic).toEqual({});
    next.accept().receive(connected({ last_seq: 2 }));
    expect(next.sent.map((f) => f.type)).toEqual([]);
    expect(t.errors).toEqual([]);
  });
});

describe('deleteMessage', () => {
  it('makes a tombstone in place at once; message_deleted confirms it; replies stay', async () => {
    const { t, socket, held } = await withMessages();
    socket.receive(newMessage(message(3, { sender: BO, parent_message_id: 'm1', content: 'reply' })));
    const opId = deleteMessage(t.client, 'c1', 'm1');
    expect(t.slice().messages.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    expect(held('m1')).toMatchObject({ content: '', deleted_at: expect.any(String), change: 'delete', reactions: [] });
    expect(socket.sent.at(-1)).toEqual({ type: 'delete_message', data: { message_id: 'm1', client_id: opId } });
    const tombstone = { ...mine(1, 'c-1', ''), deleted_at: '2026-02-01T00:00:00.000Z', rev: 4 };
    socket.receive(deleted({ message: tombstone, client_id: opId }));
    expect(held('m1')).toMatchObject({ content: '', deleted_at: '2026-02-01T00:00:00.000Z', change: null, rev: 4 });
    expect(held('m3').parent_message_id).toBe('m1');
  });

  it('deleting a pending message discards it', async () => {
    const t = setup();
    const clientId = t.client.sendMessage('c1', 'never mind');
    expect(deleteMessage(t.client, 'c1', clientId)).toBe(clientId);
    expect(t.slice().messages).toEqual([]);
  });

  it('a refused delete restores content, reactions and attachments', async () => {
    const { t, socket, held } = await withMessages();
    socket.receive(updated({ message: mine(1, 'c-1', 'original'), change: 'reaction' })); // same rev: ignored
    socket.receive(updated({ message: { ...mine(1, 'c-1', 'original'), reactions: [{ emoji: '👍', count: 1, user_ids: [BO.id] }], rev: 5 }, change: 'reaction' }));
    const before = held('m1');
    const opId = deleteMessage(t.client, 'c1', 'm1');
    socket.receive(refuse(opId, 'internal_error', 'delete_message'));
    expect(held('m1')).toEqual(before);
  });
});

describe('reactions', () => {
  it('toggleReaction adds, then removes, the current user’s reaction optimistically', async () => {
    const { t, socket, held } = await withMessages();
    const add = toggleReaction(t.client, 'c1', 'm2', '🎉');
    expect(held('m2')).toMatchObject({ reactions: [{ emoji: '🎉', count: 1, user_ids: [ME.id] }], change: 'reaction' });
    expect(socket.sent.at(-1)).toEqual({ type: 'add_reaction', data: { message_id: 'm2', emoji: '🎉', client_id: add } });
    const remove = toggleReaction(t.client, 'c1', 'm2', '🎉');
    expect(held('m2').reactions).toEqual([]);
    expect(socket.sent.at(-1)).toEqual({ type: 'remove_reaction', data: { message_id: 'm2', emoji: '🎉', client_id: remove } });
  });

  it('another user’s change arriving meanwhile stays under mine; rolling mine back leaves theirs', async () => {
    const { t, socket, held } = await withMessages();
    const opId = addReaction(t.client, 'c1', 'm2', '👍');
    const theirs = { ...message(2, { sender: BO, content: 'from bo' }), reactions: [{ emoji: '❤️', count: 1, user_ids: ['cy'] }], rev: 6 };
    socket.receive(updated({ message: theirs, change: 'reaction', user_id: 'cy' }));
    expect(held('m2').reactions).toEqual([
      { emoji: '❤️', count: 1, user_ids: ['cy'] },
      { emoji: '👍', count: 1, user_ids: [ME.id] },
    ]);
    expect(held('m2').change).toBe('reaction');
    socket.receive(refuse(opId, 'limit_reached', 'add_reaction'));
    expect(held('m2').reactions).toEqual(theirs.reactions);
    expect(held('m2').change).toBeNull();
  });

  it('a copy with a rev not higher than the one held is ignored', async () => {
    const { t, socket, held } = await withMessages();
    socket.receive(updated({ message: { ...message(2, { sender: BO }), content: 'newer', rev: 8 } }));
    const slice = t.slice();
    socket.receive(updated({ message: { ...message(2, { sender: BO }), content: 'older', rev: 7 } }));
    expect(held('m2').content).toBe('newer');
    expect(t.slice()).toBe(slice);
  });

  it('refuses a bad emoji, a deleted message and a message not sent yet', async () => {
    const { t } = await withMessages();
    const pending = t.client.sendMessage('c1', 'wait');
    for (const emoji of ['', 'a b', 'x'.repeat(65), '\n']) {
      expect(() => addReaction(t.client, 'c1', 'm2', emoji)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    }
    expect(() => addReaction(t.client, 'c1', pending, '👍')).toThrow(/not sent yet/);
    deleteMessage(t.client, 'c1', 'm1');
    expect(() => addReaction(t.client, 'c1', 'm1', '👍')).toThrow(/deleted/);
  });
});
