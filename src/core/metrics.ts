import type { ConnectionStatus } from './connection';
import type { ClientInternals } from './client-internals';
import type { Timers } from './timers';

/** Counters of one client since it was created, and recent round trips. A new object only when one changed. */
export interface ClientMetricsSnapshot {
  /** Valid frames received, every socket. */
  framesIn: number;
  /** Frames sent, every socket. */
  framesOut: number;
  /** Frames received that were not valid JSON or had the wrong shape (also reported as `protocol_error`). */
  invalidFrames: number;
  /** Reconnect attempts scheduled after a socket dropped. */
  reconnects: number;
  /** Every error the client reported, by `NatterError` code. */
  errors: Readonly<Record<string, number>>;
  /** Ping round trips over the last 100 pongs, in ms; null before the first. */
  roundTripP50: number | null;
  roundTripP95: number | null;
  /** Frames per second over the 10 s before the snapshot was taken (it is retaken on every change). */
  framesInPerSecond: number;
  framesOutPerSecond: number;
  /** Messages waiting for the server's acknowledgement, every socket. */
  outboxDepth: number;
  /** Each socket's status, by key (`'personal'` or a chat id). */
  sockets: Readonly<Record<string, ConnectionStatus>>;
}

const RATE_WINDOW_S = 10;

/** Counts per whole second, for the last RATE_WINDOW_S seconds. */
class RateWindow {
  readonly #counts = new Map<number, number>();

  add(nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    this.#counts.set(second, (this.#counts.get(second) ?? 0) + 1);
    for (const key of this.#counts.keys()) if (key <= second - RATE_WINDOW_S) this.#counts.delete(key);
  }

  perSecond(nowMs: number): number {
    const from = Math.floor(nowMs / 1000) - RATE_WINDOW_S;
    let total = 0;
    for (const [second, count] of this.#counts) if (second > from) total += count;
    return total / RATE_WINDOW_S;
  }
}

const ROUND_TRIPS_KEPT = 100;

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Listeners hear about changes at most this often: the frame path is hot, a dashboard is not. */
const NOTIFY_EVERY_MS = 250;

/**
 * A client's counters, with `subscribe` and a snapshot whose identity changes only when a counter does. Counting
 * is a field increment; snapshots are built lazily and listeners are notified at most every 250 ms.
 *
 * @example
 * const off = client.metrics.subscribe(() => render(client.metrics.getSnapshot()));
 */
export class ClientMetrics {
  #framesIn = 0;
  #framesOut = 0;
  #invalidFrames = 0;
  #reconnects = 0;
  readonly #errors: Record<string, number> = {};
  readonly #roundTrips: number[] = [];
  readonly #inRate = new RateWindow();
  readonly #outRate = new RateWindow();
  readonly #outboxes = new Map<string, number>();
  readonly #sockets = new Map<string, ConnectionStatus>();
  #snapshot: ClientMetricsSnapshot;
  #dirty = false;
  #notifyTimer: unknown = null;
  readonly #listeners = new Set<() => void>();

  readonly #timers: Timers;

  constructor(timers: Timers) {
    this.#timers = timers;
    this.#snapshot = this.#build();
  }

  frameIn(): void {
    this.#framesIn += 1;
    this.#inRate.add(this.#timers.now());
    this.#changed();
  }

  frameOut(): void {
    this.#framesOut += 1;
    this.#outRate.add(this.#timers.now());
    this.#changed();
  }

  reconnect(): void {
    this.#reconnects += 1;
    this.#changed();
  }

  /** A socket's status changed (undefined: the socket is gone). */
  socket(key: string, status: ConnectionStatus | undefined): void {
    if (this.#sockets.get(key) === status) return;
    if (status === undefined) this.#sockets.delete(key);
    else this.#sockets.set(key, status);
    this.#changed();
  }

  /** One socket's outbox now holds `size` messages. */
  outbox(key: string, size: number): void {
    if ((this.#outboxes.get(key) ?? 0) === size) return;
    this.#outboxes.set(key, size);
    this.#changed();
  }

  roundTrip(ms: number): void {
    this.#roundTrips.push(ms);
    if (this.#roundTrips.length > ROUND_TRIPS_KEPT) this.#roundTrips.shift();
    this.#changed();
  }

  error(code: string): void {
    this.#errors[code] = (this.#errors[code] ?? 0) + 1;
    if (code === 'protocol_error') this.#invalidFrames += 1;
    this.#changed();
  }

  getSnapshot = (): ClientMetricsSnapshot => {
    if (this.#dirty) {
      this.#snapshot = this.#build();
      this.#dirty = false;
    }
    return this.#snapshot;
  };

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  /** Stops pending notifications (the client is being destroyed). */
  dispose(): void {
    if (this.#notifyTimer !== null) this.#timers.clearTimeout(this.#notifyTimer);
    this.#notifyTimer = null;
    this.#listeners.clear();
  }

  #changed(): void {
    this.#dirty = true;
    if (this.#notifyTimer !== null || this.#listeners.size === 0) return;
    this.#notifyTimer = this.#timers.setTimeout(() => {
      this.#notifyTimer = null;
      for (const listener of [...this.#listeners]) listener();
    }, NOTIFY_EVERY_MS);
  }

  #build(): ClientMetricsSnapshot {
    const sorted = [...this.#roundTrips].sort((a, b) => a - b);
    return Object.freeze({
      roundTripP50: percentile(sorted, 50),
      roundTripP95: percentile(sorted, 95),
      framesInPerSecond: this.#inRate.perSecond(this.#timers.now()),
      framesOutPerSecond: this.#outRate.perSecond(this.#timers.now()),
      outboxDepth: [...this.#outboxes.values()].reduce((sum, size) => sum + size, 0),
      sockets: Object.freeze(Object.fromEntries(this.#sockets)),
      framesIn: this.#framesIn,
      framesOut: this.#framesOut,
      invalidFrames: this.#invalidFrames,
      reconnects: this.#reconnects,
      errors: Object.freeze({ ...this.#errors }),
    });
  }
}

/**
 * A client's metrics, counted from the first time they are asked for (natter/features' `clientMetrics`): the sockets'
 * states and outbox depths as they are then, totals and rates from then on.
 *
 * @example
 * const metrics = featureOf(client, createMetrics);
 */
export function createMetrics({ ctx, hooks, channels }: ClientInternals): ClientMetrics {
  const metrics = (ctx.metrics = new ClientMetrics(ctx.timers));
  for (const channel of channels()) {
    metrics.socket(channel.key, channel.connection.getSnapshot().status);
    metrics.outbox(channel.key, channel.outboxSize);
  }
  // Every problem the client reports is counted, whoever reported it.
  ctx.events.on('error', (error) => metrics.error(error.code));
  hooks.on('destroy', () => metrics.dispose());
  return metrics;
}
