import { describe, expect, it } from 'vitest';
import type { Presence } from 'natter';
import { flushMicrotasks } from 'natter/testing';
import { message, user } from './fixtures';
import { BO, ME, waitFor } from './helpers/client-harness';
import { activity, direct, listedChat, personalConnected, setupRoot } from './helpers/root-harness';
import { dismissNotification, loadChats } from 'natter/features';

const online = (userId: string): Presence => ({ user_id: userId, status: 'online', last_seen_at: '2026-11-24T09:30:00.000Z' });
const away = (userId: string): Presence => ({ user_id: userId, status: 'away', last_seen_at: '2026-11-24T09:31:00.000Z' });

describe('personal socket: presence', () => {
  it('connected.presence fills state.presence; presence frames update it', async () => {
    const t = setupRoot();
    const { socket } = await t.openPersonal([online(ME.id), online(BO.id)]);
    expect(t.client.store.getState().presence).toEqual({ [ME.id]: online(ME.id), [BO.id]: online(BO.id) });
    socket.receive({ type: 'presence', data: away(BO.id) });
    expect(t.client.store.getState().presence[BO.id]).toEqual(away(BO.id));
    expect(t.client.store.getState().presence[ME.id]).toEqual(online(ME.id));
  });

  it('a reconnect with the same snapshot does not touch the store’s presence', async () => {
    const t = setupRoot();
    const { socket } = await t.openPersonal([online(BO.id)]);
    const before = t.client.store.getState().presence;
    const next = await t.drop(socket);
    next.accept().receive(personalConnected([online(BO.id)]));
    expect(t.client.store.getState().presence).toBe(before);
  });

  it('an invalid presence frame is reported, not applied', async () => {
    const t = setupRoot();
    const { socket } = await t.openPersonal();
    socket.receive({ type: 'presence', data: { user_id: BO.id, status: 'asleep', last_seen_at: null } });
    expect(t.client.store.getState().presence).toEqual({});
    expect(t.errors.map((e) => e.code)).toEqual(['protocol_error']);
  });
});

describe('personal socket: the chat list', () => {
  it('chat_activity and chat_read keep a loaded list live', async () => {
    const t = setupRoot();
    t.chats.push(listedChat('c1', { last_seq: 2, last_read_seq: 2 }));
    await loadChats(t.client);
    const { socket } = await t.openPersonal();
    socket.receive(activity(message(3))).receive(activity(message(4)));
    expect(t.client.store.getState().chatList!.c1).toMatchObject({ last_seq: 4, unread_count: 2, last_message: expect.objectContaining({ id: 'm4' }) });
    socket.receive({ type: 'chat_read', data: { chat_id: 'c1', last_read_seq: 3, unread_count: 1 } });
    expect(t.client.store.getState().chatList!.c1).toMatchObject({ last_read_seq: 3, unread_count: 1 });
  });

  it('activity in a chat the list does not have refetches the list: a burst once, and once more after it', async () => {
    const t = setupRoot();
    const { socket } = await t.openPersonal();
    await loadChats(t.client);
    t.chats.push(listedChat('new', { last_seq: 1, unread_count: 1 }));
    for (const seq of [1, 2, 3]) socket.receive(activity(message(seq, { chat_id: 'new' })));
    await waitFor(() => expect(t.listRequests()).toBe(3));
    await waitFor(() => expect(t.client.store.getState().chatList!.new).toMatchObject({ unread_count: 1 }));
  });

  it('a (re)connect of the personal socket reads a loaded list again: activity missed while it was down', async () => {
    const t = setupRoot();
    const first = await t.openPersonal();
    await loadChats(t.client);
    expect(t.listRequests()).toBe(1);
    // Down; meanwhile a message lands in c1, whose chat_activity this socket never gets.
    t.chats.push(listedChat('c1', { last_seq: 1, unread_count: 1 }));
    const next = await t.drop(first.socket);
    next.accept().receive(personalConnected());
    await waitFor(() => expect(t.client.store.getState().chatList!.c1).toMatchObject({ unread_count: 1 }));
    expect(t.listRequests()).toBe(2);
  });

  it('before the list is loaded, activity fetches nothing and the list stays null', async () => {
    const t = setupRoot();
    const { socket } = await t.openPersonal();
    socket.receive(activity(message(1)));
    await flushMicrotasks();
    expect(t.listRequests()).toBe(0);
    expect(t.client.store.getState().chatList).toBeNull();
  });

  it('a failed refetch is reported on client.on("error")', async () => {
    const t = setupRoot();
    const { socket } = await t.openPersonal();
    await loadChats(t.client);
    t.failList(new TypeError('offline'));
    socket.receive(activity(message(1, { chat_id: 'new' })));
    await waitFor(() => expect(t.errors.map((e) => e.code)).toEqual(['network_error']));
    expect(t.listRequests()).toBe(2);
  });
});

describe('personal socket: notifications', () => {
  it('someone else’s direct message in a chat not joined raises one notification, whichever frame comes first', async () => {
    const t = setupRoot();
    const { socket } = await t.openPersonal();
    const dm = message(1, { chat_id: 'dm', sender: BO });
    socket.receive(direct(dm)).receive(activity(dm));
    expect(t.client.store.getState().notifications).toEqual([
      { id: 'm1', kind: 'direct_message', chat_id: 'dm', message: expect.objectContaining(dm), created_at: dm.created_at },
    ]);
  });

  it('my own messages raise none', async () => {
    const t = setupRoot();
    const { socket } = await t.openPersonal();
    socket.receive(direct(message(1, { chat_id: 'dm', sender: ME, mentions: [ME.id] })));
    socket.receive(activity(message(2, { chat_id: 'dm', sender: ME, mentions: [ME.id] })));
    expect(t.client.store.getState().notifications).toEqual([]);
  });

  it('in a group chat only a mention of me raises one; in a listed direct chat any message does', async () => {
    const t = setupRoot();
    t.chats.push(listedChat('group'), listedChat('dm', { is_direct: true }));
    await loadChats(t.client);
    const { socket } = await t.openPersonal();
    socket.receive(activity(message(1, { chat_id: 'group' })));
    socket.receive(activity(message(2, { chat_id: 'group', mentions: ['cy'] })));
    socket.receive(activity(message(3, { chat_id: 'group', mentions: [ME.id] })));
    socket.receive(activity(message(4, { chat_id: 'dm' })));
    expect(t.client.store.getState().notifications.map((n) => [n.id, n.kind])).toEqual([
      ['m3', 'mention'],
      ['m4', 'direct_message'],
    ]);
  });

  it('a chat_activity for an edited mention (the last message refreshed) raises none, even once dismissed', async () => {
    const t = setupRoot();
    const { socket } = await t.openPersonal();
    const mention = message(1, { chat_id: 'group', mentions: [ME.id] });
    socket.receive(activity(mention));
    dismissNotification(t.client, 'm1');
    socket.receive(activity({ ...mention, rev: 5, content: 'edited', edited_at: '2026-01-01T00:05:00.000Z' }));
    socket.receive(activity({ ...mention, rev: 6, content: '', deleted_at: '2026-01-01T00:06:00.000Z' }));
    expect(t.client.store.getState().notifications).toEqual([]);
  });

  it('none for a chat on screen; one when the chat is joined but the page is hidden', async () => {
    const t = setupRoot();
    const { socket } = await t.openPersonal();
    t.client.joinChat('dm');
    socket.receive(direct(message(1, { chat_id: 'dm', sender: BO })));
    expect(t.client.store.getState().notifications).toEqual([]);
    t.hide();
    socket.receive(direct(message(2, { chat_id: 'dm', sender: BO })));
    expect(t.client.store.getState().notifications.map((n) => n.id)).toEqual(['m2']);
  });

  it('a chat left (released) raises them again', async () => {
    const t = setupRoot();
    const { socket } = await t.openPersonal();
    const release = t.client.joinChat('dm');
    release();
    socket.receive(direct(message(1, { chat_id: 'dm', sender: user('bo') })));
    expect(t.client.store.getState().notifications.map((n) => n.id)).toEqual(['m1']);
  });

  it('chat_read (another device read the chat) drops the notifications it covers', async () => {
    const t = setupRoot();
    const { socket } = await t.openPersonal();
    for (const seq of [1, 2, 3]) socket.receive(direct(message(seq, { chat_id: 'dm', sender: BO })));
    socket.receive(direct(message(1, { id: 'other', chat_id: 'dm2', sender: BO })));
    socket.receive({ type: 'chat_read', data: { chat_id: 'dm', last_read_seq: 2, unread_count: 1 } });
    expect(t.client.store.getState().notifications.map((n) => n.id)).toEqual(['m3', 'other']);
  });
});

describe('personal socket: chat_read and held chats', () => {
  it('moves the chat’s own lastReadSeq forward, never back', async () => {
    const t = setupRoot();
    await t.open('c1');
    const { socket } = await t.openPersonal();
    socket.receive({ type: 'chat_read', data: { chat_id: 'c1', last_read_seq: 4, unread_count: 0 } });
    expect(t.slice('c1').lastReadSeq).toBe(4);
    socket.receive({ type: 'chat_read', data: { chat_id: 'c1', last_read_seq: 2, unread_count: 0 } });
    expect(t.slice('c1').lastReadSeq).toBe(4);
    socket.receive({ type: 'chat_read', data: { chat_id: 'elsewhere', last_read_seq: 2, unread_count: 0 } });
    expect(t.slice('elsewhere').lastReadSeq).toBe(2);
  });
});
