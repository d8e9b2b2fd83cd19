import type { ServerClock } from '../../src/clock.ts';

/** A `ServerClock` whose time moves only when told, running due interval tasks as it passes them. */
export interface FakeClock extends ServerClock {
  /** Moves time forward by `ms`, running each interval task once per period it crosses. */
  advance(ms: number): void;
  /** Interval tasks scheduled and not yet stopped. */
  readonly running: number;
}

/**
 * A fake clock starting at the real current time (so tokens signed with real time stay valid).
 *
 * @example
 * const clock = fakeClock();
 * const server = await startServer({ clock });
 * clock.advance(60_000);
 */
export function fakeClock(start = Date.now()): FakeClock {
  let time = start;
  const tasks = new Set<{ ms: number; due: number; task: () => void }>();
  return {
    now: () => time,
    every(ms, task) {
      const entry = { ms, due: time + ms, task };
      tasks.add(entry);
      return () => void tasks.delete(entry);
    },
    advance(ms) {
      const end = time + ms;
      for (;;) {
        const next = [...tasks].sort((a, b) => a.due - b.due)[0];
        if (!next || next.due > end) break;
        time = next.due;
        next.due += next.ms;
        next.task();
      }
      time = end;
    },
    get running() {
      return tasks.size;
    },
  };
}
