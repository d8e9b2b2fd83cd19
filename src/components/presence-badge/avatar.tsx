import type { HTMLAttributes } from 'react';
import type { PresenceStatus } from '../../core/protocol/types';
import { usePresence } from '../../react/use-presence';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';
import { formatPresence } from './format-presence';

/** Props of `Avatar`. */
export interface AvatarProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  userId: string;
  /** Whose avatar: its initials are shown, and it names the avatar. */
  name: string;
  /** Show the presence badge (and say the presence in the name). Default true. */
  showPresence?: boolean;
  /** The presence label; default `formatPresence`. */
  format?: (status: PresenceStatus, lastSeenAt: string | null) => string;
}

/**
 * Up to two initials: the first letters of the first two words, else the first two letters.
 *
 * @example
 * initialsOf("ana maria"); // "AM"
 */
export function initialsOf(name: string): string {
  const words = name.trim().split(/[\s._-]+/u).filter(Boolean);
  const letters = words.length > 1 ? words.slice(0, 2).map((word) => [...word][0]) : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}

/** One of six tones (`data-tone`), the same for a user everywhere. */
const toneOf = (userId: string) => [...userId].reduce((hash, char) => (hash * 31 + char.codePointAt(0)!) >>> 0, 7) % 6;

/**
 * A user's initials on a colour of their own (`data-tone="0…5"`, themed by `--natter-avatar-N`), with a
 * `PresenceBadge`-style dot in the corner: `data-presence` on the avatar, its name "Ana (Online)".
 *
 * @example
 * <Avatar userId={user.id} name={user.username} />
 */
export const Avatar = definePart<HTMLElement, AvatarProps>('avatar', 'span', function Avatar({ userId, name, showPresence = true, format = formatPresence, ...props }) {
  const { status, lastSeenAt } = usePresence(userId);
  const label = showPresence ? `${name} (${format(status, lastSeenAt)})` : name;
  return [
    { 'data-tone': toneOf(userId), 'data-presence': showPresence ? status : undefined, role: 'img', 'aria-label': label, title: label },
    props,
    <span data-natter="avatar-initials" aria-hidden="true">
      {initialsOf(name)}
    </span>,
    showPresence && <span data-natter="presence-badge" data-presence={status} aria-hidden="true" />,
  ];
});
