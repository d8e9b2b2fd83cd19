import type { Presence, PresenceStatus } from '../../core/protocol/types';

/**
 * The connection id of `mock.setPresence`: a scripted user counts as one more connection of theirs.
 *
 * @example
 * presence.set(userId, SCRIPTED_CONNECTION, 'away');
 */
export const SCRIPTED_CONNECTION = 'scripted';

/**
 * Presence as docs/protocol.md 9.6 defines it: each connection is `online` or `away`; a user is `online` when any
 * connection is, `away` when all are, `offline` with none. `last_seen_at` moves whenever the user is online or away
 * and their status is looked at through a change (connect, set_presence, disconnect).
 *
 * @example
 * const presence = new MockPresence(() => new Date().toISOString());
 * const changed = presence.set('user-1', 'socket-1', 'online'); // { user_id: 'user-1', status: 'online', … }
 */
export class MockPresence {
  private readonly connections = new Map<string, Map<string, 'online' | 'away'>>();
  private readonly lastSeen = new Map<string, string>();

  constructor(private readonly iso: () => string) {}

  of(userId: string): Presence {
    return { user_id: userId, status: this.statusOf(userId), last_seen_at: this.lastSeen.get(userId) ?? null };
  }

  private statusOf(userId: string): PresenceStatus {
    const states = [...(this.connections.get(userId)?.values() ?? [])];
    if (states.length === 0) return 'offline';
    return states.includes('online') ? 'online' : 'away';
  }

  /**
   * Sets one connection's status (adding the connection), or removes it with `offline`. Returns the user's new
   * presence when their status changed, else null.
   */
  set(userId: string, connectionId: string, status: PresenceStatus): Presence | null {
    const before = this.statusOf(userId);
    let mine = this.connections.get(userId);
    if (status === 'offline') {
      mine?.delete(connectionId);
    } else {
      if (!mine) this.connections.set(userId, (mine = new Map()));
      mine.set(connectionId, status);
    }
    const after = this.statusOf(userId);
    // Leaving (to offline) is the last moment they were seen; coming or staying online/away is "now".
    if (before !== 'offline' || after !== 'offline') this.lastSeen.set(userId, this.iso());
    return before === after ? null : this.of(userId);
  }
}
