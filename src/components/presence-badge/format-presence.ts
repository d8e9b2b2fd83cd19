import type { PresenceStatus } from '../../core/protocol/types';
import { plural } from '../shared/plural';

/**
 * The English label of a presence: "Online", "Away", "Last seen 5 min ago", "Offline" (never seen).
 *
 * @example
 * formatPresence('offline', '2026-11-24T09:30:00Z', Date.now()); // "Last seen 3 h ago"
 */
export function formatPresence(status: PresenceStatus, lastSeenAt: string | null, now: number = Date.now()): string {
  if (status === 'online') return 'Online';
  if (status === 'away') return 'Away';
  const seen = lastSeenAt === null ? Number.NaN : Date.parse(lastSeenAt);
  if (Number.isNaN(seen)) return 'Offline';
  const minutes = Math.max(0, Math.floor((now - seen) / 60_000));
  if (minutes < 1) return 'Last seen just now';
  if (minutes < 60) return `Last seen ${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `Last seen ${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 7) return `Last seen ${plural(days, 'day')} ago`;
  return `Last seen ${new Date(seen).toLocaleDateString()}`;
}
