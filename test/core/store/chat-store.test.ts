import { describe, expect, it } from 'vitest';
import { createChatStore, EMPTY_SLICE, selectChat } from 'natter';
import { addDirectMessage, appendOnce, setConnection, updateChat } from '../../../src/core/store/chat-store';
import { message } from '../fixtures';

describe('chat store', () => {
  it('updateChat leaves the store alone when the update returns the slice unchanged', () => {
    const store = createChatStore();
    const before = store.getState();
    updateChat(store, 'c1', (slice) => slice);
    expect(store.getState()).toBe(before);
    expect(selectChat(before, 'c1')).toBe(EMPTY_SLICE);
    updateChat(store, 'c1', (slice) => ({ ...slice, lastSeq: 3 }));
    expect(selectChat(store.getState(), 'c1').lastSeq).toBe(3);
  });

  it('setConnection records and forgets a socket, and changes nothing for the same snapshot', () => {
    const store = createChatStore();
    const snapshot = { status: 'open' } as never;
    setConnection(store, 'personal', snapshot);
    const state = store.getState();
    setConnection(store, 'personal', snapshot);
    expect(store.getState()).toBe(state);
    setConnection(store, 'personal', undefined);
    expect(store.getState().connections).toEqual({});
  });

  it('addDirectMessage keeps each message once and only the newest 200', () => {
    const store = createChatStore();
    for (let seq = 1; seq <= 205; seq += 1) addDirectMessage(store, message(seq));
    const state = store.getState();
    addDirectMessage(store, message(205));
    expect(store.getState()).toBe(state);
    expect(state.directMessages.map((m) => m.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 6));
  });

  it('appendOnce appends to the list named, once by id, keeping the newest `kept`', () => {
    const store = createChatStore();
    const note = (seq: number) => ({ id: `m${seq}`, kind: 'mention' as const, chat_id: 'c1', message: message(seq), created_at: 't' });
    appendOnce(store, 'notifications', note(1), 2);
    appendOnce(store, 'notifications', note(1), 2);
    appendOnce(store, 'notifications', note(2), 2);
    appendOnce(store, 'notifications', note(3), 2);
    expect(store.getState().notifications.map((n) => n.id)).toEqual(['m2', 'm3']);
    expect(store.getState().directMessages).toEqual([]);
  });
});
