import type { Channel } from './channel';
import type { ClientInternals } from './client-internals';
import { clearTimer, type Timers } from './timers';

/** What a presence reporter needs from its client. */
export interface PresenceReporterOptions {
  isVisible: () => boolean;
  timers: Timers;
}

/** How long to wait before trying again when the rate limit held a presence change back. */
const RETRY_MS = 1000;

/**
 * Tells the server the page's visibility as presence (docs/protocol.md, section 9.6): `set_presence` `away` on every
 * open socket when the page is hidden, `online` when it is visible again. A socket starts `online` on the server, so
 * one that connects while the page is hidden says `away` right after its `connected` frame. Presence is ephemeral,
 * like typing: it never waits in the outbox; a change the rate limit holds back is tried again shortly.
 *
 * @example
 * const reporter = new PresenceReporter({ isVisible, timers });
 * reporter.watch(channel);
 * environment.subscribe({ hidden: () => reporter.sync(), visible: () => reporter.sync(), ... });
 */
export class PresenceReporter {
  readonly #options: PresenceReporterOptions;
  /** Channels whose current socket was told `away`; a new socket starts `online`. */
  readonly #away = new Set<Channel>();
  readonly #watched = new Map<Channel, () => void>();
  readonly #retries = new Map<Channel, unknown>();

  constructor(options: PresenceReporterOptions) {
    this.#options = options;
  }

  /** Follows a channel's sockets; returns the stop. */
  watch(channel: Channel): () => void {
    let stop = this.#watched.get(channel);
    if (stop) return stop;
    const forget = () => {
      this.#away.delete(channel);
      this.#cancelRetry(channel);
    };
    const stops = [
      channel.connection.on('frame', (frame) => {
        if (frame.type === 'connected') this.#sync(channel);
      }),
      channel.connection.on('close', forget),
    ];
    stop = () => {
      stops.forEach((unsubscribe) => unsubscribe());
      this.#watched.delete(channel);
      forget();
    };
    this.#watched.set(channel, stop);
    return stop;
  }

  /** Brings every open socket in line with the page's visibility (call it when the page is hidden or shown). */
  sync(): void {
    for (const channel of this.#watched.keys()) this.#sync(channel);
  }

  /** Stops following every channel. */
  dispose(): void {
    for (const stop of [...this.#watched.values()]) stop();
  }

  #sync(channel: Channel): void {
    const status = this.#options.isVisible() ? 'online' : 'away';
    if ((status === 'away') === this.#away.has(channel) || !channel.connection.isOpen) return;
    if (channel.sendNow({ type: 'set_presence', data: { status } })) {
      if (status === 'away') this.#away.add(channel);
      else this.#away.delete(channel);
      this.#cancelRetry(channel);
    } else if (!this.#retries.has(channel)) {
      this.#retries.set(
        channel,
        this.#options.timers.setTimeout(() => {
          this.#retries.delete(channel);
          this.#sync(channel);
        }, RETRY_MS),
      );
    }
  }

  #cancelRetry(channel: Channel): void {
    clearTimer(this.#options.timers, this.#retries.get(channel));
    this.#retries.delete(channel);
  }
}

/**
 * Reports the user's presence on every socket of a client, from its first use on (natter/features' `reportPresence`,
 * the inbox, `usePresence`).
 *
 * @example
 * attach(internals, createPresenceReporting);
 */
export function createPresenceReporting({ ctx, hooks, channels }: ClientInternals): PresenceReporter {
  const reporter = new PresenceReporter({ isVisible: ctx.isVisible, timers: ctx.timers });
  for (const channel of channels()) reporter.watch(channel);
  // Sockets already open when it starts heard no `connected` since: a hidden page says away now, not at its next change.
  reporter.sync();
  hooks.on('channel', (channel) => reporter.watch(channel));
  hooks.on('visible', () => reporter.sync());
  hooks.on('destroy', () => reporter.dispose());
  return reporter;
}
