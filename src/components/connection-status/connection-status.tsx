import type { HTMLAttributes } from 'react';
import type { ConnectionStatus as Status } from '../../core/connection';
import { useConnection } from '../../react/use-connection';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';

/** Props of `ConnectionStatus`. */
export interface ConnectionStatusProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  /** One socket (a chat id or `'personal'`); default: all of them. */
  socketKey?: string;
  /** The text per status; default English, nothing while open. */
  labels?: Partial<Record<Status, string>>;
}

// Nothing while idle or open.
const LABELS: Partial<Record<Status, string>> = {
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  closed: 'Disconnected.',
  unauthorized: 'Your session has expired. Please sign in again.',
  failed: 'Could not reconnect.',
};

/**
 * The connection's state for people: a polite status line with `data-status`, and a "Reconnect" button when the
 * client has given up. Empty while connected.
 *
 * @example
 * <ConnectionStatus socketKey={chatId} />
 */
export const ConnectionStatus = definePart<HTMLElement, ConnectionStatusProps>('connection-status', 'div', function ConnectionStatus({ socketKey, labels, ...props }) {
  const { status, reconnect } = useConnection({ key: socketKey });
  return [
    { 'data-status': status, role: 'status', 'aria-live': 'polite' },
    props,
    labels?.[status] ?? LABELS[status],
    // After an expired session the app may have a new token by now: trying again is the one useful action.
    (status === 'failed' || status === 'closed' || status === 'unauthorized') && (
      <button type="button" data-natter="connection-reconnect" onClick={reconnect}>
        Reconnect
      </button>
    ),
  ];
});
