import type { Presence } from '../protocol/types';
import type { ChatStore } from './chat-store';

/**
 * Records presence entries (a `presence` frame, or a `connected` frame's `presence` list) by user id. Entries that
 * change nothing keep their identity, and when no entry changes the store does not change either, so a socket that
 * reconnects with the same snapshot re-renders nothing.
 *
 * @example
 * applyPresence(store, [{ user_id: 'bo', status: 'away', last_seen_at: '2026-11-24T09:30:00.000Z' }]);
 * store.getState().presence.bo?.status; // 'away'
 */
export function applyPresence(store: ChatStore, entries: readonly Presence[]): void {
  const { presence } = store.getState();
  let next: Record<string, Presence> | null = null;
  for (const { user_id, status, last_seen_at } of entries) {
    const held = (next ?? presence)[user_id];
    if (held?.status === status && held.last_seen_at === last_seen_at) continue;
    next ??= { ...presence };
    next[user_id] = { user_id, status, last_seen_at };
  }
  if (next) store.setState({ presence: next });
}

/**
 * Someone's presence, or `offline` (never seen) for a user the client has heard nothing about.
 *
 * @example
 * const { status } = selectPresence(store.getState(), userId);
 */
export function selectPresence(state: { presence: Record<string, Presence> }, userId: string): Presence {
  let entry = state.presence[userId] ?? unknown.get(userId);
  if (!entry) unknown.set(userId, (entry = Object.freeze({ user_id: userId, status: 'offline', last_seen_at: null }) as Presence));
  return entry;
}

// One shared object per unknown user id, so a selector over an unknown user returns a stable value.
const unknown = new Map<string, Presence>();
