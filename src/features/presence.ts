import type { ChatClient } from '../core/chat-client';
import { featureOf } from '../core/client-internals';
import { createPresenceReporting } from '../core/presence-reporter';

/**
 * Starts reporting the user's presence: `away` on every open socket while the page is hidden, `online` again when it
 * is visible (the server says `online` on connect by itself). Idempotent; the inbox and `usePresence` start it too.
 *
 * @example
 * reportPresence(client);
 */
export function reportPresence(client: ChatClient): void {
  featureOf(client, createPresenceReporting);
}
