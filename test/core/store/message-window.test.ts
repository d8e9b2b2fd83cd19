import { describe, expect, it } from 'vitest';
import type { ServerFrame } from 'natter';
import { EMPTY_SLICE } from 'natter';
import { connected, historyMessage, message } from '../fixtures';
import { mergeMessages } from '../../../src/core/store/chat-slice';
import { findHeld } from '../../../src/core/store/message-changes';
import { closeWindow, openWindow } from '../../../src/core/store/message-window';
import { mergeThreadPage } from '../../../src/core/store/threads';
import { BO, ME, newMessage, setup, waitFor } from '../helpers/client-harness';
import { expectSliceInvariants } from '../helpers/slice-invariants';
import { editMessage, jumpTo, leaveWindow, loadWindowNewer, loadWindowOlder, toggleReaction } from 'natter/features';

/** The detached window of a far jump (`client.jumpTo` with `?around=`), its paging, merging and changes inside it. */

const seqs = (list: readonly { seq: number | null }[] | undefined) => (list ?? []).map((m) => m.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A chat with `total` messages on the server, the newest `held` loaded, and the socket open. */
async function chatOf(total: number, held: number, mineAt: number[] = []) {
  const t = setup();
  t.history.withRevs();
  for (let seq = 1; seq <= total; seq += 1) {
    t.history.add(mineAt.includes(seq) ? message(seq, { sender: ME, client_id: `c-${seq}`, rev: seq }) : message(seq, { rev: seq }));
  }
  const { socket } = await t.open('c1', { last_seq: total, last_rev: total });
  await t.client.loadHistory('c1', { limit: held });
  return { t, socket, win: () => t.slice().window };
}

describe('far jumps open a window', () => {
  it('jumpTo far back loads the page around the message into `window`, leaving `messages` live', async () => {
    const { t, socket, win } = await chatOf(1000, 50);
    const live = t.slice().messages;
    const found = await jumpTo(t.client, 'c1', 'm100');
    expect(t.history.historyQueries().slice(1)).toEqual([{ around: '100', limit: '50' }]);
    expect(seqs(win()?.messages)).toEqual(range(76, 125));
    expect(win()).toMatchObject({ hasOlder: true, hasNewer: true });
    expect(found).toBe(win()!.messages.find((m) => m.id === 'm100'));
    expect(t.slice().messages).toBe(live);

    // New live messages go to `messages` only.
    socket.receive(newMessage(message(1001, { rev: 1001 })));
    expect(seqs(t.slice().messages).at(-1)).toBe(1001);
    expect(seqs(win()?.messages)).toEqual(range(76, 125));
    expectSliceInvariants(t.slice(), ME.id);

    // Jumping to a message already in the window does not fetch again.
    await expect(jumpTo(t.client, 'c1', 'm80')).resolves.toBe(win()!.messages[4]);
    expect(t.history.historyQueries()).toHaveLength(2);
  });

  it('jumpTo a message held in `messages` closes the window', async () => {
    const { t, win } = await chatOf(1000, 50);
    await jumpTo(t.client, 'c1', 'm100');
    expect(win()).not.toBeNull();
    const found = await jumpTo(t.client, 'c1', 'm990');
    expect(found).toBe(t.slice().messages.find((m) => m.id === 'm990'));
    expect(win()).toBeNull();
  });

  it('an unknown message resolves null and opens no window', async () => {
    const { t, win } = await chatOf(1000, 50);
    await expect(jumpTo(t.client, 'c1', 'm5000')).resolves.toBeNull();
    expect(win()).toBeNull();
  });
});

describe('paging the window', () => {
  it('loadWindowOlder pages before its oldest until none is older; loadWindowNewer pages after its newest', async () => {
    const { t, win } = await chatOf(1000, 50);
    await jumpTo(t.client, 'c1', 'm100');
    await loadWindowOlder(t.client, 'c1');
    expect(t.history.historyQueries().at(-1)).toEqual({ before: '76', limit: '50' });
    expect(seqs(win()?.messages)).toEqual(range(26, 125));
    expect(win()!.hasOlder).toBe(true);
    await loadWindowOlder(t.client, 'c1');
    expect(seqs(win()?.messages)).toEqual(range(1, 125));
    expect(win()!.hasOlder).toBe(false);
    const asked = t.history.historyQueries().length;
    await expect(loadWindowOlder(t.client, 'c1')).resolves.toBeNull();
    expect(t.history.historyQueries()).toHaveLength(asked);

    await loadWindowNewer(t.client, 'c1');
    expect(t.history.historyQueries().at(-1)).toEqual({ after: '125', limit: '50' });
    expect(seqs(win()?.messages)).toEqual(range(1, 175));
    expect(win()!.hasNewer).toBe(true);
    expect(seqs(t.slice().messages)).toEqual(range(951, 1000));
  });

  it('calls while a page loads share it', async () => {
    const { t } = await chatOf(1000, 50);
    await jumpTo(t.client, 'c1', 'm100');
    const first = loadWindowOlder(t.client, 'c1');
    const second = loadWindowOlder(t.client, 'c1');
    expect(second).toBe(first);
    await first;
    expect(t.history.historyQueries().filter((q) => q.before === '76')).toHaveLength(1);
  });

  it('a newer page that reaches the live messages merges the window into them and closes it', async () => {
    const { t, win } = await chatOf(400, 50);
    await jumpTo(t.client, 'c1', 'm100');
    expect(seqs(win()?.messages)).toEqual(range(76, 125));
    // 126..175, 176..225, 226..275, 276..325: still apart from 351.
    for (let page = 0; page < 4; page += 1) await loadWindowNewer(t.client, 'c1');
    expect(seqs(win()?.messages)).toEqual(range(76, 325));
    expect(seqs(t.slice().messages)).toEqual(range(351, 400));
    // 326..375 touches 351: one contiguous range, no window, older ones still to load.
    await loadWindowNewer(t.client, 'c1');
    expect(win()).toBeNull();
    expect(seqs(t.slice().messages)).toEqual(range(76, 400));
    expect(t.slice().hasOlder).toBe(true);
    expect(t.slice().discontinuous).toBe(false);
    expectSliceInvariants(t.slice(), ME.id);
    // The live list pages on from the window's oldest.
    await t.client.loadOlder('c1');
    expect(t.history.historyQueries().at(-1)).toEqual({ before: '76', limit: '50' });
    expect(seqs(t.slice().messages)[0]).toBe(26);
  });
});

describe('leaving the window', () => {
  it('leaveWindow closes it, and a page still loading into it is dropped', async () => {
    const { t, win } = await chatOf(1000, 50);
    await jumpTo(t.client, 'c1', 'm100');
    t.history.hold();
    const loading = loadWindowOlder(t.client, 'c1');
    leaveWindow(t.client, 'c1');
    expect(win()).toBeNull();
    t.history.release();
    await loading;
    expect(win()).toBeNull();
    expect(seqs(t.slice().messages)).toEqual(range(951, 1000));
  });
});

describe('changes inside the window', () => {
  it('message_updated and message_deleted frames apply to window rows', async () => {
    const { t, socket, win } = await chatOf(1000, 50);
    await jumpTo(t.client, 'c1', 'm100');
    const edited = { ...message(100), content: 'edited far back', edited_at: '2026-02-01T00:00:00.000Z', rev: 2000 };
    socket.receive({ type: 'message_updated', data: { message: edited, client_id: null, user_id: BO.id, change: 'edit' } });
    expect(win()!.messages.find((m) => m.id === 'm100')).toMatchObject({ content: 'edited far back', rev: 2000 });
    const gone = { ...message(101), content: '', deleted_at: '2026-02-01T00:00:00.000Z', rev: 2001 };
    socket.receive({ type: 'message_deleted', data: { message: gone, client_id: null, user_id: BO.id, change: 'delete' } });
    expect(win()!.messages.find((m) => m.id === 'm101')).toMatchObject({ deleted_at: gone.deleted_at, content: '' });
    expect(t.slice().rev).toBe(2001);
  });

  it('my optimistic edit and reaction show in the window and roll back when refused', async () => {
    const { t, socket, win } = await chatOf(1000, 50, [100]);
    await jumpTo(t.client, 'c1', 'm100');
    const row = () => win()!.messages.find((m) => m.id === 'm100')!;
    const before = row();
    expect(before).toMatchObject({ key: 'c-100', sender_id: ME.id });
    const opId = editMessage(t.client, 'c1', 'm100', 'fixed');
    expect(row()).toMatchObject({ content: 'fixed', change: 'edit' });
    expect(socket.sent.at(-1)).toEqual({ type: 'edit_message', data: { message_id: 'm100', content: 'fixed', client_id: opId } });
    const refused: ServerFrame = { type: 'error', data: { code: 'forbidden', message: 'no', frame_type: 'edit_message', client_id: opId } } as ServerFrame;
    socket.receive(refused);
    expect(row()).toEqual(before);

    toggleReaction(t.client, 'c1', 'm99', '👍');
    expect(win()!.messages.find((m) => m.id === 'm99')).toMatchObject({ change: 'reaction', reactions: [{ emoji: '👍', count: 1, user_ids: [ME.id] }] });
  });

  it('read receipts on my window messages turn them read', async () => {
    const { t, socket, win } = await chatOf(1000, 50, [100]);
    await jumpTo(t.client, 'c1', 'm100');
    socket.receive({ type: 'read_receipt', data: { message_id: 'm100', user_id: BO.id, read_at: '2026-02-01T00:00:00.000Z' } } as ServerFrame);
    expect(t.slice().readBy.m100).toEqual([BO.id]);
    expect(win()!.messages.find((m) => m.id === 'm100')!.status).toBe('read');
  });

  it('rev catch-up after a reconnect applies to window rows', async () => {
    const { t, socket, win } = await chatOf(1000, 50);
    await jumpTo(t.client, 'c1', 'm100');
    const next = await t.drop(socket);
    t.history.update({ ...message(100), content: 'changed while away', rev: 1001 });
    next.accept().receive(connected({ last_seq: 1000, last_rev: 1001 }));
    await waitFor(() => expect(win()!.messages.find((m) => m.id === 'm100')!.content).toBe('changed while away'));
    expect(t.history.historyQueries().at(-1)).toEqual({ changed_after: '1000', limit: '200' });
  });
});

describe('threads of window rows', () => {
  it('closing the window, or a new far jump replacing it, keeps the parent of a thread open on one of its rows', () => {
    const page = (from: number) => ({ messages: [historyMessage(from), historyMessage(from + 1)], has_more: true, has_newer: true });
    let slice = mergeMessages(EMPTY_SLICE, [message(100), message(101)], ME.id);
    slice = openWindow(slice, page(10), ME.id);
    slice = mergeThreadPage(slice, 'm10', { messages: [historyMessage(12, [], { parent_message_id: 'm10' })], has_more: false }, ME.id);
    const parent = slice.window!.messages[0];
    const closed = closeWindow(slice);
    expect(closed.window).toBeNull();
    expect(findHeld(closed, 'm10')).toBe(parent);
    const jumped = openWindow(slice, page(40), ME.id);
    expect(seqs(jumped.window?.messages)).toEqual([40, 41]);
    expect(findHeld(jumped, 'm10')).toBe(parent);
    // A window with no thread open on its rows closes as before.
    expect(closeWindow(jumped).threads).toBe(jumped.threads);
  });
});
