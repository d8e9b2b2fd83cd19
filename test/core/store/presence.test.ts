import { describe, expect, it } from 'vitest';
import { createChatStore, type Presence } from 'natter';
import { applyPresence, selectPresence } from '../../../src/core/store/presence';

const at = (minute: number) => `2026-11-24T09:${String(minute).padStart(2, '0')}:00.000Z`;
const entry = (user_id: string, status: Presence['status'], last_seen_at: string | null = at(0)): Presence => ({ user_id, status, last_seen_at });

describe('applyPresence', () => {
  it('records entries by user id, the last one for a user winning', () => {
    const store = createChatStore();
    applyPresence(store, [entry('bo', 'online'), entry('cy', 'offline', null), entry('bo', 'away', at(1))]);
    expect(store.getState().presence).toEqual({ bo: entry('bo', 'away', at(1)), cy: entry('cy', 'offline', null) });
  });

  it('keeps the identity of unchanged entries and replaces changed ones', () => {
    const store = createChatStore();
    applyPresence(store, [entry('bo', 'online'), entry('cy', 'online')]);
    const bo = store.getState().presence.bo;
    applyPresence(store, [entry('bo', 'online'), entry('cy', 'away', at(2))]);
    expect(store.getState().presence.bo).toBe(bo);
    expect(store.getState().presence.cy).toEqual(entry('cy', 'away', at(2)));
  });

  it('does not update the store when nothing changed (a reconnect with the same snapshot)', () => {
    const store = createChatStore();
    applyPresence(store, [entry('bo', 'online'), entry('cy', 'away')]);
    const before = store.getState();
    let updates = 0;
    store.subscribe(() => (updates += 1));
    applyPresence(store, [entry('cy', 'away'), entry('bo', 'online')]);
    applyPresence(store, []);
    expect(updates).toBe(0);
    expect(store.getState()).toBe(before);
  });

  it('a change of last_seen_at alone is a change', () => {
    const store = createChatStore();
    applyPresence(store, [entry('bo', 'offline', at(1))]);
    applyPresence(store, [entry('bo', 'offline', at(5))]);
    expect(store.getState().presence.bo?.last_seen_at).toBe(at(5));
  });

  it('copies the entry instead of keeping the caller’s object (extra wire fields stay out)', () => {
    const store = createChatStore();
    const wire = { ...entry('bo', 'online'), extra: 1 } as Presence;
    applyPresence(store, [wire]);
    expect(store.getState().presence.bo).toEqual(entry('bo', 'online'));
    expect(store.getState().presence.bo).not.toBe(wire);
  });
});

describe('selectPresence', () => {
  it('is the recorded entry, or one stable offline entry for a user never heard of', () => {
    const store = createChatStore();
    applyPresence(store, [entry('bo', 'away')]);
    expect(selectPresence(store.getState(), 'bo')).toBe(store.getState().presence.bo);
    const unknown = selectPresence(store.getState(), 'zed');
    expect(unknown).toEqual({ user_id: 'zed', status: 'offline', last_seen_at: null });
    expect(selectPresence(store.getState(), 'zed')).toBe(unknown);
  });
});
