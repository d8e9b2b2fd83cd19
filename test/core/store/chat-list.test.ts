import { describe, expect, it } from 'vitest';
import { createChatStore, type Chat } from 'natter';
import { applyChatActivity, applyChatRead, applyLastMessageChange, markChatReadLocally, setChatList } from '../../../src/core/store/chat-list';
import { message, user } from '../fixtures';

const ME = 'ana';

function chat(id: string, overrides: Partial<Chat> = {}): Chat {
  return {
    id,
    name: id,
    is_direct: false,
    created_by: ME,
    created_at: '2026-01-01T00:00:00.000Z',
    members: [user(ME), user('bo')],
    last_seq: 0,
    last_message: null,
    last_read_seq: 0,
    unread_count: 0,
    ...overrides,
  };
}

function listed(chats: Chat[]) {
  const store = createChatStore();
  setChatList(store, chats);
  return { store, get: (id = 'c1') => store.getState().chatList![id]! };
}

describe('setChatList', () => {
  it('fills chatList by id, replacing the previous list (a chat left disappears)', () => {
    const store = createChatStore();
    expect(store.getState().chatList).toBeNull();
    setChatList(store, [chat('c1'), chat('c2')]);
    expect(Object.keys(store.getState().chatList!)).toEqual(['c1', 'c2']);
    setChatList(store, [chat('c2')]);
    expect(store.getState().chatList).toEqual({ c2: chat('c2') });
  });

  it('a chat whose live state got ahead of the answer keeps its newer last message, unread count and read seq', () => {
    const { store, get } = listed([chat('c1', { last_seq: 4, unread_count: 1 })]);
    applyChatActivity(store, message(5), ME);
    setChatList(store, [chat('c1', { name: 'Renamed', last_seq: 4, unread_count: 1, last_read_seq: 3 })]);
    expect(get()).toMatchObject({ name: 'Renamed', last_seq: 5, last_message: message(5), unread_count: 2, last_read_seq: 3 });
  });
});

describe('setChatList after a local read', () => {
  it('an answer read before the user read the chat does not bring its unread count back', () => {
    const stale = chat('c1', { last_seq: 10, last_read_seq: 4, unread_count: 6 });
    const { store, get } = listed([stale]);
    markChatReadLocally(store, 'c1', 10, 0);
    applyChatRead(store, { chat_id: 'c1', last_read_seq: 10, unread_count: 0 });
    setChatList(store, [stale]);
    expect(get()).toMatchObject({ last_read_seq: 10, unread_count: 0 });
  });

  it('messages the answer knows beyond the live state may be unread; a newer read in the answer wins', () => {
    const { store, get } = listed([chat('c1', { last_seq: 10, last_read_seq: 4, unread_count: 6 })]);
    markChatReadLocally(store, 'c1', 8, 2);
    setChatList(store, [chat('c1', { last_seq: 12, last_read_seq: 4, unread_count: 8 })]);
    expect(get()).toMatchObject({ last_seq: 12, last_read_seq: 8, unread_count: 4 });
    setChatList(store, [chat('c1', { last_seq: 12, last_read_seq: 12, unread_count: 0 })]);
    expect(get()).toMatchObject({ last_read_seq: 12, unread_count: 0 });
  });
});

describe('applyChatActivity', () => {
  it('makes someone else’s message the last message and counts it unread beyond last_read_seq', () => {
    const { store, get } = listed([chat('c1', { last_seq: 2, last_read_seq: 2 })]);
    expect(applyChatActivity(store, message(3), ME)).toBe(true);
    expect(applyChatActivity(store, message(4), ME)).toBe(true);
    expect(get()).toMatchObject({ last_seq: 4, last_message: message(4), unread_count: 2, last_read_seq: 2 });
  });

  it('a message already counted (seq not beyond last_seq) changes nothing', () => {
    const { store } = listed([chat('c1', { last_seq: 4, unread_count: 1 })]);
    const before = store.getState();
    applyChatActivity(store, message(4), ME);
    applyChatActivity(store, message(2), ME);
    expect(store.getState()).toBe(before);
  });

  it('moves the chat first in the list, so chats active within the same millisecond keep their arrival order', () => {
    const { store } = listed([chat('c1'), chat('c2'), chat('c3')]);
    applyChatActivity(store, message(1, { chat_id: 'c3' }), ME);
    applyChatActivity(store, message(1, { chat_id: 'c2' }), ME);
    expect(Object.keys(store.getState().chatList!)).toEqual(['c2', 'c3', 'c1']);
    // A preview refresh (not new activity) stays where it is.
    applyChatActivity(store, { ...message(1, { chat_id: 'c3' }), rev: 2 }, ME);
    expect(Object.keys(store.getState().chatList!)).toEqual(['c2', 'c3', 'c1']);
  });

  it('the current user’s own message reads the chat up to it', () => {
    const { store, get } = listed([chat('c1', { last_seq: 3, unread_count: 3 })]);
    applyChatActivity(store, message(4, { sender: user(ME) }), ME);
    expect(get()).toMatchObject({ last_seq: 4, last_read_seq: 4, unread_count: 0 });
  });

  it('says false, and changes nothing, for a chat not in the list or before the list is loaded', () => {
    const empty = createChatStore();
    expect(applyChatActivity(empty, message(1), ME)).toBe(false);
    expect(empty.getState().chatList).toBeNull();
    const { store } = listed([chat('c1')]);
    const before = store.getState();
    expect(applyChatActivity(store, message(1, { chat_id: 'new' }), ME)).toBe(false);
    expect(store.getState()).toBe(before);
  });

  it('leaves other chats’ entries as they were (identity)', () => {
    const { store, get } = listed([chat('c1'), chat('c2')]);
    const c2 = get('c2');
    applyChatActivity(store, message(1), ME);
    expect(get('c2')).toBe(c2);
  });
});

describe('applyChatRead', () => {
  it('sets last_read_seq and unread_count from the server', () => {
    const { store, get } = listed([chat('c1', { last_seq: 9, unread_count: 5, last_read_seq: 4 })]);
    applyChatRead(store, { chat_id: 'c1', last_read_seq: 7, unread_count: 2 });
    expect(get()).toMatchObject({ last_read_seq: 7, unread_count: 2 });
    applyChatRead(store, { chat_id: 'c1', last_read_seq: 7, unread_count: 1 });
    expect(get()).toMatchObject({ last_read_seq: 7, unread_count: 1 });
  });

  it('ignores an answer older than what this client recorded, an identical one, and unknown chats', () => {
    const { store, get } = listed([chat('c1', { last_seq: 9, unread_count: 0, last_read_seq: 9 })]);
    const before = store.getState();
    applyChatRead(store, { chat_id: 'c1', last_read_seq: 5, unread_count: 4 });
    applyChatRead(store, { chat_id: 'c1', last_read_seq: 9, unread_count: 0 });
    applyChatRead(store, { chat_id: 'other', last_read_seq: 5, unread_count: 4 });
    expect(store.getState()).toBe(before);
    expect(get().unread_count).toBe(0);
  });
});

describe('local reads and sends', () => {
  it('reading up to the last message clears the count; an earlier one takes the known count, or waits for the server', () => {
    const { store, get } = listed([chat('c1', { last_seq: 10, unread_count: 6, last_read_seq: 4 })]);
    markChatReadLocally(store, 'c1', 6);
    expect(get()).toMatchObject({ last_read_seq: 6, unread_count: 6 });
    markChatReadLocally(store, 'c1', 8, 2);
    expect(get()).toMatchObject({ last_read_seq: 8, unread_count: 2 });
    markChatReadLocally(store, 'c1', 10);
    expect(get()).toMatchObject({ last_read_seq: 10, unread_count: 0 });
  });

  it('never moves last_read_seq back', () => {
    const { store } = listed([chat('c1', { last_seq: 10, unread_count: 0, last_read_seq: 10 })]);
    const before = store.getState();
    markChatReadLocally(store, 'c1', 3, 0);
    expect(store.getState()).toBe(before);
  });
});

describe('applyLastMessageChange', () => {
  it('a newer copy of the last message replaces it (edited, deleted); older copies and other messages change nothing', () => {
    const last = message(3, { rev: 3 });
    const { store, get } = listed([chat('c1', { last_seq: 3, last_message: last })]);
    const before = store.getState();
    applyLastMessageChange(store, message(2, { rev: 9, content: 'not the last one' }));
    applyLastMessageChange(store, { ...last, rev: 2, content: 'stale' });
    expect(store.getState()).toBe(before);
    applyLastMessageChange(store, { ...last, rev: 5, content: '', deleted_at: '2026-01-01T00:01:00.000Z' });
    expect(get().last_message).toMatchObject({ id: last.id, content: '', deleted_at: '2026-01-01T00:01:00.000Z' });
    expect(get()).toMatchObject({ last_seq: 3, unread_count: 0 });
  });
});

describe('applyChatActivity for a message already counted', () => {
  it('a newer copy of the last message (edited) refreshes the preview without counting it again', () => {
    const last = message(2, { rev: 2 });
    const { store, get } = listed([chat('c1', { last_seq: 2, last_message: last, unread_count: 1, last_read_seq: 1 })]);
    expect(applyChatActivity(store, { ...last, rev: 4, content: 'edited', edited_at: '2026-01-01T00:02:00.000Z' }, ME)).toBe(true);
    expect(get()).toMatchObject({ last_seq: 2, unread_count: 1, last_message: { content: 'edited' } });
    const before = store.getState();
    applyChatActivity(store, { ...last, rev: 4, content: 'edited' }, ME);
    applyChatActivity(store, message(1, { rev: 9 }), ME);
    expect(store.getState()).toBe(before);
  });
});
