import type { Timers } from '../core/timers';

/** Timers that only move when told: pass `timers` to the client, then `advance`. */
export interface ManualTimers {
  timers: Timers;
  /** Moves the clock forward, running every timer that falls due, in order. */
  advance(ms: number): void;
  /** Timers still waiting. */
  pending(): number;
  now(): number;
}

/**
 * A clock and timers driven by hand, for deterministic tests of reconnection, typing expiry and throttling.
 *
 * @example
 * const clock = createManualTimers();
 * const client = createChatClient({ ...options, timers: clock.timers });
 * clock.advance(30_000);
 */
export function createManualTimers(start = 0): ManualTimers {
  let now = start;
  let nextId = 1;
  const queue = new Map<number, { at: number; callback: () => void }>();
  const timers: Timers = {
    setTimeout(callback, ms) {
      const id = nextId++;
      queue.set(id, { at: now + Math.max(0, ms), callback });
      return id;
    },
    clearTimeout(handle) {
      queue.delete(handle as number);
    },
    now: () => now,
  };
  return {
    timers,
    advance(ms) {
      // A clock that goes back (or to NaN) would break every rule the client times: a mistake in the test.
      if (!(ms >= 0)) throw new RangeError(`createManualTimers: advance(${ms}) must move forward`);
      const target = now + ms;
      for (;;) {
        let due: [number, { at: number; callback: () => void }] | undefined;
        for (const entry of queue) if (entry[1].at <= target && (!due || entry[1].at < due[1].at)) due = entry;
        if (!due) break;
        queue.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = target;
    },
    pending: () => queue.size,
    now: () => now,
  };
}
