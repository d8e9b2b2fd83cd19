import type { Timers } from './timers';

/** Application-level keepalive. Browsers cannot send WebSocket pings, so the client sends `ping` frames. */
export interface HeartbeatOptions {
  /** How often to ping an idle-or-not open socket. Default 25000 ms (the server's own interval). */
  intervalMs?: number;
  /** How long to wait for the `pong` before the socket counts as dead. Default 10000 ms. */
  timeoutMs?: number;
}

/**
 * Pings on a schedule and on demand, measures the round trip from each `pong`, and calls `onDead` when a pong
 * does not come back in time: a socket can stay "open" for minutes after the network under it has gone.
 *
 * @example
 * const heartbeat = new Heartbeat((ts) => connection.send({ type: 'ping', data: { ts } }), () => replaceSocket(), timers, {}, (rtt) => record(rtt));
 * heartbeat.start();
 */
export class Heartbeat {
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private intervalTimer: unknown = null;
  private timeoutTimer: unknown = null;
  private outstanding: number | null = null;

  constructor(
    private readonly send: (ts: number) => boolean,
    private readonly onDead: () => void,
    private readonly timers: Timers,
    options: HeartbeatOptions = {},
    private readonly onRoundTrip: (ms: number) => void = () => undefined,
  ) {
    this.intervalMs = options.intervalMs ?? 25_000;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Starts the schedule (the socket is established). */
  start(): void {
    this.stop();
    this.schedule();
  }

  /** Stops everything (the socket closed). */
  stop(): void {
    if (this.intervalTimer !== null) this.timers.clearTimeout(this.intervalTimer);
    if (this.timeoutTimer !== null) this.timers.clearTimeout(this.timeoutTimer);
    this.intervalTimer = this.timeoutTimer = null;
    this.outstanding = null;
  }

  /** Pings now, unless a ping is already waiting for its pong: after a tab wakes, or the network returns. */
  pingNow(): void {
    if (this.outstanding !== null) return;
    const ts = this.timers.now();
    if (!this.send(ts)) return;
    this.outstanding = ts;
    this.timeoutTimer = this.timers.setTimeout(() => {
      this.timeoutTimer = null;
      this.stop();
      this.onDead();
    }, this.timeoutMs);
  }

  /** A `pong` arrived; `ts` is the one our ping carried. */
  pong(ts: number | null): void {
    if (this.outstanding === null || ts !== this.outstanding) return;
    if (this.timeoutTimer !== null) this.timers.clearTimeout(this.timeoutTimer);
    this.timeoutTimer = null;
    this.outstanding = null;
    this.onRoundTrip(Math.max(0, this.timers.now() - ts));
  }

  private schedule(): void {
    this.intervalTimer = this.timers.setTimeout(() => {
      this.pingNow();
      this.schedule();
    }, this.intervalMs);
  }
}
