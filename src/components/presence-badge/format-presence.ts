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
  // Date.parse('') is NaN, as is any time it cannot read.
  const seen = Date.parse(lastSeenAt ?? '');
  if (Number.isNaN(seen)) return 'Offline';
  const minutes = Math.max(0, Math.floor((now - seen) / 60_000));
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  const when =
    minutes < 1
      ? 'just now'
      : minutes < 60
        ? `${minutes} min ago`
        : hours < 24
          ? `${hours} h ago`
          : days < 7
            ? `${plural(days, 'day')} ago`
            : new Date(seen).toLocaleDateString();
  return `Last seen ${when}`;
}
