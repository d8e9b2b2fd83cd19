import { useEffect } from 'react';
import type { PresenceStatus } from '../core/protocol/types';
import { reportPresence } from '../features/presence';
import { useChatContext } from './context';
import { useChatStore } from './use-chat-store';

/** Options of `usePresence`. */
export interface UsePresenceOptions {
  /**
   * Hold the personal socket open while mounted, so the status stays live with no chat open. Default false:
   * presence also arrives on every chat socket (for that chat's members) and on a personal socket opened by
   * `useChatList`, `useNotifications` or `useDirectMessages`.
   */
  connect?: boolean;
}

/** What `usePresence` returns. */
export interface UsePresenceResult {
  /** `offline` until the server has said otherwise. */
  status: PresenceStatus;
  /** When the user was last online or away (ISO time); null if never seen or not known yet. */
  lastSeenAt: string | null;
}

/**
 * Someone's presence (docs/protocol.md, section 9.6): `online`, `away` or `offline`, and when they were last seen.
 *
 * @example
 * const { status, lastSeenAt } = usePresence(member.id);
 */
export function usePresence(userId: string, options: UsePresenceOptions = {}): UsePresenceResult {
  const { client } = useChatContext();
  // Whoever shows presence takes part in it (a singleton per client: attaching twice is a no-op).
  reportPresence(client);
  const connect = options.connect ?? false;
  useEffect(() => (connect ? client.connectPersonal() : undefined), [client, connect]);
  // Two primitive selections: no new object per store change, so nothing re-renders for someone else's presence.
  const status = useChatStore((state) => state.presence[userId]?.status ?? 'offline');
  const lastSeenAt = useChatStore((state) => state.presence[userId]?.last_seen_at ?? null);
  return { status, lastSeenAt };
}
