import { forwardRef, type HTMLAttributes } from 'react';
import type { PresenceStatus } from '../../core/protocol/types';
import { usePresence } from '../../react/use-presence';
import { renderPart, type AsChildProps } from '../slot/render-part';
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
export const PresenceBadge = forwardRef<HTMLElement, PresenceBadgeProps>(function PresenceBadge(
  { userId, format = formatPresence, asChild, ...props },
  ref,
) {
  const { status, lastSeenAt } = usePresence(userId);
  const label = format(status, lastSeenAt);
  return renderPart(
    'span',
    asChild,
    { 'data-natter': 'presence-badge', 'data-presence': status, role: 'img', 'aria-label': label, title: label },
    props,
    ref,
  );
});
