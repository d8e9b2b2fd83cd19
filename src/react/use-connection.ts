import { useCallback, useMemo } from 'react';
import type { ConnectionSnapshot, ConnectionStatus } from '../core/connection';
import { useChatContext } from './context';
import { useChatStore } from './use-chat-store';

/** Options of `useConnection`. */
export interface UseConnectionOptions {
  /** One socket: a chat id or `'personal'`. Default: every socket, summarised. */
  key?: string;
}

/** What `useConnection` returns. */
export interface UseConnectionResult {
  /** The socket's status, or for all sockets the one that needs attention most. */
  status: ConnectionStatus;
  /** Every socket's snapshot, by key. */
  sockets: Record<string, ConnectionSnapshot>;
  /** Reconnect now (the socket, or all of them). */
  reconnect: () => void;
}

// Most urgent first: what a status banner should show when sockets disagree.
const URGENCY: ConnectionStatus[] = ['unauthorized', 'failed', 'reconnecting', 'connecting', 'open', 'closed', 'idle'];

/**
 * The connection state, for a banner or a retry button.
 *
 * @example
 * const { status, reconnect } = useConnection();
 * if (status === 'failed') return <button onClick={reconnect}>Reconnect</button>;
 */
export function useConnection(options: UseConnectionOptions = {}): UseConnectionResult {
  const { client } = useChatContext();
  const { key } = options;
  const sockets = useChatStore((state) => state.connections);
  const status = useMemo<ConnectionStatus>(() => {
    if (key !== undefined) return sockets[key]?.status ?? 'idle';
    const statuses = new Set(Object.values(sockets).map((s) => s.status));
    return URGENCY.find((candidate) => statuses.has(candidate)) ?? 'idle';
  }, [sockets, key]);
  const reconnect = useCallback(() => client.reconnect(key), [client, key]);
  return { status, sockets, reconnect };
}
