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
  readonly #send: (ts: number) => boolean;
  readonly #onDead: () => void;
  readonly #timers: Timers;
  readonly #onRoundTrip: (ms: number) => void;
  readonly #intervalMs: number;
  readonly #timeoutMs: number;
  #intervalTimer: unknown = null;
  #timeoutTimer: unknown = null;
  #outstanding: number | null = null;

  constructor(
    send: (ts: number) => boolean,
    onDead: () => void,
    timers: Timers,
    options: HeartbeatOptions = {},
    onRoundTrip: (ms: number) => void = () => undefined,
  ) {
    this.#send = send;
    this.#onDead = onDead;
    this.#timers = timers;
    this.#onRoundTrip = onRoundTrip;
    this.#intervalMs = options.intervalMs ?? 25_000;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Starts the schedule (the socket is established). */
  start(): void {
    this.stop();
    this.#schedule();
  }

  /** Stops everything (the socket closed). */
  stop(): void {
    this.#intervalTimer = clearTimer(this.#timers, this.#intervalTimer);
    this.#timeoutTimer = clearTimer(this.#timers, this.#timeoutTimer);
    this.#outstanding = null;
  }

  /** Pings now, unless a ping is already waiting for its pong: after a tab wakes, or the network returns. */
  pingNow(): void {
    if (this.#outstanding !== null) return;
    const ts = this.#timers.now();
    if (!this.#send(ts)) return;
    this.#outstanding = ts;
    this.#timeoutTimer = this.#timers.setTimeout(() => {
      this.stop();
      this.#onDead();
    }, this.#timeoutMs);
  }

  /** A `pong` arrived; `ts` is the one our ping carried. */
  pong(ts: number | null): void {
    if (this.#outstanding === null || ts !== this.#outstanding) return;
    this.#timeoutTimer = clearTimer(this.#timers, this.#timeoutTimer);
    this.#outstanding = null;
    this.#onRoundTrip(Math.max(0, this.#timers.now() - ts));
  }

  #schedule(): void {
    this.#intervalTimer = this.#timers.setTimeout(() => {
      this.pingNow();
      this.#schedule();
    }, this.#intervalMs);
  }
}
