import { clearTimer, type Timers } from './timers';

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
  /** Starts the schedule (the socket is established). */
  readonly start: () => void;
  /** Stops everything (the socket closed). */
  readonly stop: () => void;
  /** Pings now, unless a ping is already waiting for its pong: after a tab wakes, or the network changes. */
  readonly pingNow: () => void;
  /** A `pong` arrived; `ts` is the one our ping carried. */
  readonly pong: (ts: number | null) => void;

  constructor(
    send: (ts: number) => boolean,
    onDead: () => void,
    timers: Timers,
    options: HeartbeatOptions = {},
    onRoundTrip: (ms: number) => void = () => undefined,
  ) {
    // The state lives in closures: a local minifies to one letter, a member to `this.#e` on every use.
    let intervalTimer: unknown = null;
    let timeoutTimer: unknown = null;
    let outstanding: number | null = null;
    const schedule = () => {
      intervalTimer = timers.setTimeout(() => {
        this.pingNow();
        schedule();
      }, options.intervalMs ?? 25_000);
    };
    this.stop = () => {
      intervalTimer = clearTimer(timers, intervalTimer);
      timeoutTimer = clearTimer(timers, timeoutTimer);
      outstanding = null;
    };
    this.start = () => {
      this.stop();
      schedule();
    };
    this.pingNow = () => {
      if (outstanding !== null) return;
      const ts = timers.now();
      if (!send(ts)) return;
      outstanding = ts;
      timeoutTimer = timers.setTimeout(() => {
        this.stop();
        onDead();
      }, options.timeoutMs ?? 10_000);
    };
    this.pong = (ts) => {
      if (ts === null || ts !== outstanding) return;
      timeoutTimer = clearTimer(timers, timeoutTimer);
      outstanding = null;
      onRoundTrip(Math.max(0, timers.now() - ts));
    };
  }
}
