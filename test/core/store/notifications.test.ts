import { describe, expect, it } from 'vitest';
import { createChatStore } from 'natter';
import { addNotification, NOTIFICATIONS_KEPT, removeNotifications } from '../../../src/core/store/notifications';
import { message } from '../fixtures';

describe('notifications in the store', () => {
  it('adds one notification per message id, newest last, with the message’s chat and time', () => {
    const store = createChatStore();
    const first = message(1, { chat_id: 'dm' });
    addNotification(store, first, 'ana');
    addNotification(store, message(2, { chat_id: 'dm' }), 'ana');
    const before = store.getState();
    addNotification(store, first, 'ana');
    expect(store.getState()).toBe(before);
    expect(store.getState().notifications).toEqual([
      { id: 'm1', kind: 'direct_message', chat_id: 'dm', message: first, created_at: first.created_at },
      expect.objectContaining({ id: 'm2' }),
    ]);
  });

  it('is a mention when the message mentions the current user', () => {
    const store = createChatStore();
    addNotification(store, message(1, { mentions: ['ana'] }), 'ana');
    addNotification(store, message(2, { mentions: ['cy'] }), 'ana');
    expect(store.getState().notifications.map((n) => n.kind)).toEqual(['mention', 'direct_message']);
  });

  it(`keeps the newest ${NOTIFICATIONS_KEPT}`, () => {
    const store = createChatStore();
    for (let seq = 1; seq <= NOTIFICATIONS_KEPT + 5; seq += 1) addNotification(store, message(seq), 'ana');
    const ids = store.getState().notifications.map((n) => n.id);
    expect(ids).toHaveLength(NOTIFICATIONS_KEPT);
    expect(ids[0]).toBe('m6');
    expect(ids.at(-1)).toBe(`m${NOTIFICATIONS_KEPT + 5}`);
  });

  it('removeNotifications drops what `keep` rejects, and leaves the store alone when nothing goes', () => {
    const store = createChatStore();
    addNotification(store, message(1, { chat_id: 'a' }), 'ana');
    addNotification(store, message(2, { chat_id: 'b' }), 'ana');
    const before = store.getState();
    removeNotifications(store, () => true);
    expect(store.getState()).toBe(before);
    removeNotifications(store, (n) => n.chat_id !== 'a');
    expect(store.getState().notifications.map((n) => n.id)).toEqual(['m2']);
  });
});
