import type { Channel } from './channel';
import type { ClientInternals } from './client-internals';
import { clearTimer } from './timers';

/** How long to wait before trying again when the rate limit held a presence change back. */
const RETRY_MS = 1000;

/**
 * Reports the user's presence on every socket of a client, from its first use on (natter/features' `reportPresence`,
 * the inbox, `usePresence`): the page's visibility as presence (docs/protocol.md, section 9.6), `set_presence` `away`
 * on every open socket when the page is hidden, `online` when it is visible again. A socket starts `online` on the
 * server, so one that connects while the page is hidden says `away` right after its `connected` frame. Presence is
 * ephemeral, like typing: it never waits in the outbox; a change a rate limit holds back (this client's, or the
 * server's `rate_limited`, after its `retry_after_ms`) is tried again shortly.
 *
 * @example
 * attach(internals, createPresenceReporting);
 */
export function createPresenceReporting({ ctx, hooks, channels }: ClientInternals): void {
  const { timers, isVisible } = ctx;
  // The state lives in closures: a local minifies to one letter, a member to `this.#e` on every use.
  // Channels whose current socket was told `away`; a new socket starts `online`.
  const away = new Set<Channel>();
  const watched = new Set<Channel>();
  const retries = new Map<Channel, unknown>();
  const cancelRetry = (channel: Channel) => {
    clearTimer(timers, retries.get(channel));
    retries.delete(channel);
  };
  const retry = (channel: Channel, ms: number) => {
    cancelRetry(channel);
    retries.set(
      channel,
      timers.setTimeout(() => {
        retries.delete(channel);
        sync(channel);
      }, ms),
    );
  };
  const sync = (channel: Channel) => {
    const status = isVisible() ? 'online' : 'away';
    if ((status == 'away') == away.has(channel) || !channel.connection.isOpen) return;
    if (channel.sendNow({ type: 'set_presence', data: { status } })) {
      if (status == 'away') away.add(channel);
      else away.delete(channel);
      cancelRetry(channel);
    } else if (!retries.has(channel)) retry(channel, RETRY_MS);
  };
  const syncAll = () => watched.forEach(sync);
  const watch = (channel: Channel) => {
    if (watched.has(channel)) return;
    watched.add(channel);
    channel.connection.on('frame', (frame) => {
      if (frame.type == 'connected') sync(channel);
      else if (frame.type == 'error' && frame.data.frame_type == 'set_presence') {
        // Not processed: the server holds what it had before the last change sent (frames are answered in order; at
        // worst this sends one change more than needed). Rate limited, it is tried again when the server allows;
        // otherwise at the next change.
        if (!away.delete(channel)) away.add(channel);
        const ms = frame.data.retry_after_ms;
        if (ms != null) retry(channel, ms);
      }
    });
    channel.connection.on('close', () => {
      away.delete(channel);
      cancelRetry(channel);
    });
  };
  for (const channel of channels()) watch(channel);
  // Sockets already open when it starts heard no `connected` since: a hidden page says away now, not at its next change.
  syncAll();
  hooks.on('channel', watch);
  hooks.on('visible', syncAll);
  hooks.on('destroy', () => retries.forEach((timer) => clearTimer(timers, timer)));
}
