import { describe, expect, it } from 'vitest';
import { message } from './fixtures';
import { BO, mine, newMessage } from './helpers/client-harness';
import { direct, listedChat, setupRoot } from './helpers/root-harness';
import { clearNotifications, dismissNotification, isChatViewed, loadChats, markChatRead } from 'natter/features';

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

  it('sends a receipt for the newest message of someone else held, and the list reads the chat at once', async () => {
    const { t, socket } = await withChat();
    socket.receive(newMessage(message(1))).receive(newMessage(message(2))).receive(newMessage(mine(3, 'k3', 'mine')));
    markChatRead(t.client, 'c1');
    expect(receipts(socket)).toEqual(['m2']);
    // Held up to the list's last seq: nothing of others after m2.
    expect(listEntry(t)).toMatchObject({ last_read_seq: 2, unread_count: 0 });
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

  it('sending a message reads the chat in the list at once', async () => {
    const { t } = await withChat();
    t.client.sendMessage('c1', 'hello');
    expect(listEntry(t)).toMatchObject({ last_read_seq: 3, unread_count: 0 });
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
});
