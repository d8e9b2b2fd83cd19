import type { Presence, PresenceStatus } from '../protocol/types.ts';
import type { SocketContext } from './frame-handlers.ts';
import type { Peer } from './hub.ts';

type ConnectionStatus = 'online' | 'away';

/**
 * Who is online (docs/protocol.md, 9.6). Each connection has its own status; a user is `online` when any of theirs
 * is, `away` when all are, `offline` without any. A `presence` frame goes out only when that aggregate changes,
 * and `last_seen_at` is written then, so it survives restarts.
 *
 * @example
 * ctx.presence.connect(ctx, peer);
 * ctx.presence.set(ctx, peer, 'away');
 */
export class PresenceTracker {
  private readonly byUser = new Map<string, Map<Peer, ConnectionStatus>>();

  status(userId: string): PresenceStatus {
    const connections = this.byUser.get(userId);
    if (!connections || connections.size === 0) return 'offline';
    for (const status of connections.values()) if (status === 'online') return 'online';
    return 'away';
  }

  /** A user's presence now: someone online or away is being seen at this moment. */
  of(ctx: SocketContext, userId: string): Presence {
    const status = this.status(userId);
    const lastSeenAt = status === 'offline' ? ctx.users.lastSeenAt(userId) : new Date().toISOString();
    return { user_id: userId, status, last_seen_at: lastSeenAt };
  }

  list(ctx: SocketContext, userIds: readonly string[]): Presence[] {
    return userIds.map((userId) => this.of(ctx, userId));
  }

  /** A socket opened: it counts as online from its `connected` frame. */
  connect(ctx: SocketContext, peer: Peer): void {
    // The new socket's `connected` frame already showed this user online: the frame is for everyone else.
    this.update(ctx, peer.userId, (connections) => connections.set(peer, 'online'), peer);
  }

  set(ctx: SocketContext, peer: Peer, status: ConnectionStatus): void {
    this.update(ctx, peer.userId, (connections) => {
      if (connections.has(peer)) connections.set(peer, status);
    });
  }

  disconnect(ctx: SocketContext, peer: Peer): void {
    this.update(ctx, peer.userId, (connections) => connections.delete(peer));
  }

  private update(
    ctx: SocketContext,
    userId: string,
    change: (connections: Map<Peer, ConnectionStatus>) => void,
    skip?: Peer,
  ): void {
    const before = this.status(userId);
    let connections = this.byUser.get(userId);
    if (!connections) this.byUser.set(userId, (connections = new Map()));
    change(connections);
    if (connections.size === 0) this.byUser.delete(userId);
    const after = this.status(userId);
    if (after !== before) this.announce(ctx, userId, after, skip);
  }

  private announce(ctx: SocketContext, userId: string, status: PresenceStatus, skip?: Peer): void {
    // Sockets still close during shutdown, after the database may be gone: nothing to tell or store then.
    if (!ctx.db.open) return;
    const at = new Date().toISOString();
    ctx.users.setLastSeenAt(userId, at);
    const frame = { type: 'presence', data: { user_id: userId, status, last_seen_at: at } satisfies Presence };
    const include = (peer: Peer) => peer !== skip;
    for (const chatId of ctx.chats.chatIdsFor(userId)) ctx.hub.toChat(chatId, frame, include);
    ctx.hub.toUsers(new Set([userId, ...ctx.chats.coMemberIds(userId)]), frame, include);
  }
}
