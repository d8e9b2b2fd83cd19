import { describe, expect, it } from 'vitest';
import type { Message } from 'natter';
import { connected, message } from './fixtures';
import { BO, ME, mine, newMessage, waitFor } from './helpers/client-harness';
import { activity, direct, listedChat, personalConnected, setupRoot } from './helpers/root-harness';
import { clearNotifications, dismissNotification, isChatViewed, loadChats, markChatRead, sendFiles } from 'natter/features';

const listEntry = (t: ReturnType<typeof setupRoot>, chatId = 'c1') => t.client.store.getState().chatList?.[chatId];
const receipts = (socket: { sentOfType(type: 'read_receipt'): { data: { message_id: string } }[] }) =>
  socket.sentOfType('read_receipt').map((frame) => frame.data.message_id);

describe('loadChats', () => {
  it('fills state.chatList (null before) and resolves with the chats', async () => {
    const t = setupRoot();
    t.chats.push(listedChat('c1', { unread_count: 2, last_seq: 5 }), listedChat('c2'));
    expect(t.client.store.getState().chatList).toBeNull();
    const chats = await loadChats(t.client);
    expect(chats.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(listEntry(t)).toEqual(listedChat('c1', { unread_count: 2, last_seq: 5 }));
    expect(t.history.requests).toHaveLength(0);
  });

  it('rejects with the NatterError of the request, leaving the list as it was', async () => {
    const t = setupRoot();
    t.failList(new TypeError('offline'));
    await expect(loadChats(t.client)).rejects.toMatchObject({ code: 'network_error' });
    expect(t.client.store.getState().chatList).toBeNull();
  });
});

describe('markChatRead and local unread counts', () => {
  async function withChat(listed = listedChat('c1', { last_seq: 3, unread_count: 2, last_read_seq: 1 })) {
    const t = setupRoot();
    t.chats.push(listed);
    await loadChats(t.client);
    const { socket } = await t.open('c1');
    return { t, socket };
  }

  it('sends a receipt for the newest message of someone else held; the list reads up to the user’s own newer one', async () => {
    const { t, socket } = await withChat();
    socket.receive(newMessage(message(1))).receive(newMessage(message(2))).receive(newMessage(mine(3, 'k3', 'mine')));
    markChatRead(t.client, 'c1');
    expect(receipts(socket)).toEqual(['m2']);
    // The server has m3, the user's own: it read the chat up to it, so nothing of others is unread after it.
    expect(listEntry(t)).toMatchObject({ last_read_seq: 3, unread_count: 0 });
  });

  it('sends nothing while the page is hidden, for a chat without messages of others, or twice for the same message', async () => {
    const { t, socket } = await withChat();
    markChatRead(t.client, 'c1');
    socket.receive(newMessage(mine(1, 'k1', 'only mine')));
    markChatRead(t.client, 'c1');
    socket.receive(newMessage(message(2)));
    t.setVisible(false);
    markChatRead(t.client, 'c1');
    expect(receipts(socket)).toEqual([]);
    expect(listEntry(t)).toMatchObject({ last_read_seq: 1, unread_count: 2 });
    t.setVisible(true);
    markChatRead(t.client, 'c1');
    markChatRead(t.client, 'c1');
    expect(receipts(socket)).toEqual(['m2']);
  });

  it('client.markRead of an earlier message counts what is still unread after it, when the chat holds everything', async () => {
    const { t, socket } = await withChat(listedChat('c1', { last_seq: 4, unread_count: 4, last_read_seq: 0 }));
    for (const seq of [1, 2, 3, 4]) socket.receive(newMessage(message(seq)));
    t.client.markRead('c1', 'm2');
    expect(listEntry(t)).toMatchObject({ last_read_seq: 2, unread_count: 2 });
  });

  it('when the chat does not hold everything up to the list’s last message, the count waits for the server', async () => {
    const { t, socket } = await withChat(listedChat('c1', { last_seq: 9, unread_count: 5, last_read_seq: 4 }));
    socket.receive(newMessage(message(5)));
    t.client.markRead('c1', 'm5');
    expect(listEntry(t)).toMatchObject({ last_read_seq: 5, unread_count: 5 });
  });

  it('sending a message reads the chat in the list once the server has it (its echo), not while it is queued', async () => {
    const { t, socket } = await withChat();
    socket.drop(1006);
    const clientId = t.client.sendMessage('c1', 'hello');
    expect(listEntry(t)).toMatchObject({ last_read_seq: 1, unread_count: 2 });
    const next = await t.drop(socket);
    next.accept().receive(connected({ chat_id: 'c1' }));
    expect(next.sentOfType('send_message')).toHaveLength(1);
    expect(listEntry(t)).toMatchObject({ last_read_seq: 1, unread_count: 2 });
    next.receive(newMessage(mine(4, clientId, 'hello')));
    expect(listEntry(t)).toMatchObject({ last_read_seq: 4, unread_count: 0 });
  });

  it('sendFiles reads nothing while it uploads, nor when the upload fails', async () => {
    const { t, socket } = await withChat();
    let fail = () => {};
    t.history.onUpload(() => new Promise((resolve) => (fail = () => resolve(new Response('{}', { status: 500 })))));
    sendFiles(t.client, 'c1', [new File(['abc'], 'a.txt', { type: 'text/plain' })]);
    expect(listEntry(t)).toMatchObject({ last_read_seq: 1, unread_count: 2 });
    await waitFor(() => expect(t.history.requests.some((r) => r.url.pathname.endsWith('/uploads'))).toBe(true));
    fail();
    await waitFor(() => expect(t.slice().messages[0]?.status).toBe('failed'));
    expect(socket.sentOfType('send_message')).toEqual([]);
    expect(listEntry(t)).toMatchObject({ last_read_seq: 1, unread_count: 2 });
  });
});

describe('notifications and the chats on screen', () => {
  async function withNotifications() {
    const t = setupRoot();
    const { socket } = await t.openPersonal();
    socket.receive(direct(message(1, { chat_id: 'dm1', sender: BO })));
    socket.receive(direct(message(2, { chat_id: 'dm2', sender: BO })));
    socket.receive(direct(message(3, { chat_id: 'dm1', sender: BO })));
    return { t, socket, ids: () => t.client.store.getState().notifications.map((n) => n.id) };
  }

  it('dismissNotification removes one; clearNotifications one chat’s, or all', async () => {
    const { t, ids } = await withNotifications();
    dismissNotification(t.client, 'm3');
    expect(ids()).toEqual(['m1', 'm2']);
    clearNotifications(t.client, 'dm2');
    expect(ids()).toEqual(['m1']);
    clearNotifications(t.client);
    expect(ids()).toEqual([]);
  });

  it('joining a chat while the page is visible clears its notifications', async () => {
    const { t, ids } = await withNotifications();
    t.client.joinChat('dm1');
    expect(ids()).toEqual(['m2']);
  });

  it('joining while hidden keeps them until the page becomes visible (only the joined chat’s go)', async () => {
    const { t, ids } = await withNotifications();
    t.hide();
    t.client.joinChat('dm1');
    expect(ids()).toEqual(['m1', 'm2', 'm3']);
    t.show();
    expect(ids()).toEqual(['m2']);
  });

  it('isChatViewed: joined and visible', () => {
    const t = setupRoot();
    expect(isChatViewed(t.client, 'c1')).toBe(false);
    const release = t.client.joinChat('c1');
    expect(isChatViewed(t.client, 'c1')).toBe(true);
    t.hide();
    expect(isChatViewed(t.client, 'c1')).toBe(false);
    t.show();
    release();
    expect(isChatViewed(t.client, 'c1')).toBe(false);
  });

  it('a chat held only by its outbox (a message sent without joining, or still queued after leaving) is not on screen', async () => {
    const t = setupRoot();
    const { socket } = await t.openPersonal();
    const ids = () => t.client.store.getState().notifications.map((n) => n.id);
    t.client.sendMessage('dm1', 'queued');
    expect(isChatViewed(t.client, 'dm1')).toBe(false);
    socket.receive(direct(message(1, { chat_id: 'dm1', sender: BO })));
    expect(ids()).toEqual(['m1']);
    // Showing the page again reads the chats on screen only.
    t.hide();
    t.show();
    expect(ids()).toEqual(['m1']);
    const release = t.client.joinChat('dm1');
    expect(isChatViewed(t.client, 'dm1')).toBe(true);
    release();
    expect(isChatViewed(t.client, 'dm1')).toBe(false);
  });
});

describe('notifications follow their message', () => {
  const mention = (seq: number, changes: Partial<Message> = {}) => message(seq, { mentions: [ME.id], ...changes });
  const deleted = (seq: number) => mention(seq, { rev: 9 + seq, content: '', mentions: [], deleted_at: '2026-01-01T00:09:00.000Z' });

  it('an edit (chat_activity of the newest message) shows the new text; an older copy arriving late changes nothing', async () => {
    const t = setupRoot();
    const { socket } = await t.openPersonal();
    socket.receive(activity(mention(1))).receive(activity(mention(2)));
    socket.receive(activity(mention(2, { rev: 5, content: 'edited', edited_at: '2026-01-01T00:05:00.000Z' })));
    socket.receive(activity(mention(2, { rev: 4, content: 'first edit', edited_at: '2026-01-01T00:04:00.000Z' })));
    expect(t.client.store.getState().notifications.map((n) => [n.id, n.message.content])).toEqual([
      ['m1', 'message 1'],
      ['m2', 'edited'],
    ]);
  });

  it('a deletion drops its notification, from the chat socket (an older message) or chat_activity (the newest)', async () => {
    const t = setupRoot();
    const { socket } = await t.openPersonal();
    socket.receive(activity(mention(1))).receive(activity(mention(2))).receive(activity(mention(3, { chat_id: 'c2' })));
    // Joined while hidden: the notifications stay, and the chat socket brings the deletion of an older message.
    t.hide();
    const { socket: chat } = await t.open('c1');
    chat.receive({ type: 'message_deleted', data: { message: deleted(1), client_id: null, user_id: BO.id, change: 'delete' } });
    expect(t.client.store.getState().notifications.map((n) => n.id)).toEqual(['m2', 'm3']);
    socket.receive(activity(deleted(2)));
    expect(t.client.store.getState().notifications.map((n) => n.id)).toEqual(['m3']);
  });
});

/** The next `GET /api/v1/chats` is read at once and its answer held back until the returned function is called. */
function holdNextList(t: ReturnType<typeof setupRoot>): () => void {
  const { rest } = t.client;
  const listChats = rest.listChats;
  let answer = () => {};
  rest.listChats = () => {
    rest.listChats = listChats;
    return listChats().then((list) => new Promise((resolve) => (answer = () => resolve(list))));
  };
  return () => answer();
}

describe('the chat list refetch', () => {
  it('activity in an unknown chat while a refetch is in flight fetches again after it: the answer may predate it', async () => {
    const t = setupRoot();
    const first = await t.openPersonal();
    await loadChats(t.client);
    // The reconnect's refetch is read without the chat made meanwhile, and comes back after that chat's activity.
    const answer = holdNextList(t);
    const next = await t.drop(first.socket);
    next.accept().receive(personalConnected());
    await waitFor(() => expect(t.listRequests()).toBe(2));
    t.chats.push(listedChat('new', { last_seq: 1, unread_count: 1 }));
    next.receive(activity(message(1, { chat_id: 'new' })));
    answer();
    await waitFor(() => expect(listEntry(t, 'new')).toMatchObject({ unread_count: 1 }));
    expect(t.listRequests()).toBe(3);
  });
});

describe('overlapping chat list loads: the last asked wins', () => {
  it('an older answer landing after a newer one neither drops a chat only the newer had nor restores a stale preview', async () => {
    const t = setupRoot();
    t.chats.push(listedChat('c1', { last_seq: 2, unread_count: 2, last_message: message(2) }));
    const answerOld = holdNextList(t);
    const old = loadChats(t.client);
    await waitFor(() => expect(t.listRequests()).toBe(1));
    // Meanwhile the last message was edited, an earlier one deleted, and c2 made.
    const edited = message(2, { rev: 3, content: 'edited', edited_at: '2026-01-01T00:05:00.000Z' });
    t.chats[0] = listedChat('c1', { last_seq: 2, unread_count: 1, last_message: edited });
    t.chats.push(listedChat('c2', { last_seq: 1, unread_count: 1, last_message: message(1, { chat_id: 'c2' }) }));
    await loadChats(t.client);
    answerOld();
    expect((await old).map((c) => c.id)).toEqual(['c1']);
    expect(listEntry(t)).toMatchObject({ unread_count: 1, last_message: { content: 'edited' } });
    expect(listEntry(t, 'c2')).toMatchObject({ last_seq: 1, unread_count: 1 });
  });

  it('an older answer still lands when the newer request fails', async () => {
    const t = setupRoot();
    t.chats.push(listedChat('c1'));
    const answerOld = holdNextList(t);
    const old = loadChats(t.client);
    await waitFor(() => expect(t.listRequests()).toBe(1));
    t.failList(new TypeError('offline'));
    await expect(loadChats(t.client)).rejects.toMatchObject({ code: 'network_error' });
    answerOld();
    await old;
    expect(listEntry(t)).toEqual(listedChat('c1'));
  });
});

describe('the first chat list and live activity', () => {
  /** Starts loadChats, read while c1 is empty; c1 then gets a message. The answer comes back when asked. */
  async function loadingMeanwhile(t: ReturnType<typeof setupRoot>) {
    t.chats.push(listedChat('c1'));
    const answer = holdNextList(t);
    const loading = loadChats(t.client);
    await waitFor(() => expect(t.listRequests()).toBe(1));
    t.chats[0] = listedChat('c1', { last_seq: 1, unread_count: 1, last_message: message(1) });
    return () => (answer(), loading);
  }

  it('activity while the first list is on its way is not lost: the answer may predate it', async () => {
    const t = setupRoot();
    const { socket } = await t.openPersonal();
    const answer = await loadingMeanwhile(t);
    socket.receive(activity(message(1)));
    await answer();
    await waitFor(() => expect(listEntry(t)).toMatchObject({ last_seq: 1, unread_count: 1 }));
    expect(t.listRequests()).toBe(2);
  });

  it('the personal socket connecting while the first list is on its way reads it again: what came between is in neither', async () => {
    const t = setupRoot();
    const answer = await loadingMeanwhile(t);
    await t.openPersonal();
    await answer();
    await waitFor(() => expect(listEntry(t)).toMatchObject({ last_seq: 1, unread_count: 1 }));
    expect(t.listRequests()).toBe(2);
  });
});
