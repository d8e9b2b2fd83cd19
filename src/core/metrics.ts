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
  private framesIn = 0;
  private framesOut = 0;
  private invalidFrames = 0;
  private reconnects = 0;
  private readonly errors: Record<string, number> = {};
  private readonly roundTrips: number[] = [];
  private snapshot: ClientMetricsSnapshot;
  private dirty = false;
  private notifyTimer: unknown = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly timers: Timers) {
    this.snapshot = this.build();
  }

  frameIn(): void {
    this.framesIn += 1;
    this.changed();
  }

  frameOut(): void {
    this.framesOut += 1;
    this.changed();
  }

  reconnect(): void {
    this.reconnects += 1;
    this.changed();
  }

  roundTrip(ms: number): void {
    this.roundTrips.push(ms);
    if (this.roundTrips.length > ROUND_TRIPS_KEPT) this.roundTrips.shift();
    this.changed();
  }

  error(code: string): void {
    this.errors[code] = (this.errors[code] ?? 0) + 1;
    if (code === 'protocol_error') this.invalidFrames += 1;
    this.changed();
  }

  getSnapshot = (): ClientMetricsSnapshot => {
    if (this.dirty) {
      this.snapshot = this.build();
      this.dirty = false;
    }
    return this.snapshot;
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Stops pending notifications (the client is being destroyed). */
  dispose(): void {
    if (this.notifyTimer !== null) this.timers.clearTimeout(this.notifyTimer);
    this.notifyTimer = null;
    this.listeners.clear();
  }

  private changed(): void {
    this.dirty = true;
    if (this.notifyTimer !== null || this.listeners.size === 0) return;
    this.notifyTimer = this.timers.setTimeout(() => {
      this.notifyTimer = null;
      for (const listener of [...this.listeners]) listener();
    }, NOTIFY_EVERY_MS);
  }

  private build(): ClientMetricsSnapshot {
    const sorted = [...this.roundTrips].sort((a, b) => a - b);
    return Object.freeze({
      roundTripP50: percentile(sorted, 50),
      roundTripP95: percentile(sorted, 95),
      framesIn: this.framesIn,
      framesOut: this.framesOut,
      invalidFrames: this.invalidFrames,
      reconnects: this.reconnects,
      errors: Object.freeze({ ...this.errors }),
    });
  }
}
