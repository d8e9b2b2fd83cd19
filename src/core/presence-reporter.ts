import type { Channel } from './channel';
import type { Timers } from './timers';

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
  /** Channels whose current socket was told `away`; a new socket starts `online`. */
  private readonly away = new Set<Channel>();
  private readonly watched = new Map<Channel, () => void>();
  private readonly retries = new Map<Channel, unknown>();

  constructor(private readonly options: PresenceReporterOptions) {}

  /** Follows a channel's sockets; returns the stop. */
  watch(channel: Channel): () => void {
    if (this.watched.has(channel)) return this.watched.get(channel)!;
    const stops = [
      channel.connection.on('frame', (frame) => {
        if (frame.type === 'connected') this.syncChannel(channel);
      }),
      channel.connection.on('close', () => {
        this.away.delete(channel);
        this.cancelRetry(channel);
      }),
    ];
    const stop = () => {
      stops.forEach((unsubscribe) => unsubscribe());
      this.watched.delete(channel);
      this.away.delete(channel);
      this.cancelRetry(channel);
    };
    this.watched.set(channel, stop);
    return stop;
  }

  /** Brings every open socket in line with the page's visibility (call it when the page is hidden or shown). */
  sync(): void {
    for (const channel of this.watched.keys()) this.syncChannel(channel);
  }

  /** Stops following every channel. */
  dispose(): void {
    for (const stop of [...this.watched.values()]) stop();
  }

  private syncChannel(channel: Channel): void {
    const status = this.options.isVisible() ? 'online' : 'away';
    if ((status === 'away') === this.away.has(channel) || !channel.connection.isOpen) return;
    if (channel.sendNow({ type: 'set_presence', data: { status } })) {
      if (status === 'away') this.away.add(channel);
      else this.away.delete(channel);
      this.cancelRetry(channel);
    } else if (!this.retries.has(channel)) {
      this.retries.set(
        channel,
        this.options.timers.setTimeout(() => {
          this.retries.delete(channel);
          this.syncChannel(channel);
        }, RETRY_MS),
      );
    }
  }

  private cancelRetry(channel: Channel): void {
    const timer = this.retries.get(channel);
    if (timer !== undefined) this.options.timers.clearTimeout(timer);
    this.retries.delete(channel);
  }
}
