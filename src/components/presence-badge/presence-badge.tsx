import type { HTMLAttributes } from 'react';
import type { PresenceStatus } from '../../core/protocol/types';
import { usePresence } from '../../react/use-presence';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';
import { formatPresence } from './format-presence';

/** Props of `PresenceBadge`. */
export interface PresenceBadgeProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  userId: string;
  /** The label for a status; default `formatPresence` ("Online", "Away", "Last seen 5 min ago"). */
  format?: (status: PresenceStatus, lastSeenAt: string | null) => string;
}

/**
 * A dot for someone's presence, `data-presence="online|away|offline"`, named for assistive technology ("Online",
 * "Away", "Last seen 5 min ago") with the same text as its tooltip.
 *
 * @example
 * <PresenceBadge userId={member.id} />
 */
export const PresenceBadge = definePart<HTMLElement, PresenceBadgeProps>('presence-badge', 'span', function PresenceBadge({ userId, format = formatPresence, ...props }) {
  const { status, lastSeenAt } = usePresence(userId);
  const label = format(status, lastSeenAt);
  return [{ 'data-presence': status, role: 'img', 'aria-label': label, title: label }, props];
});
