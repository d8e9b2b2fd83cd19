/**
 * Runs one task at a time from a starting point (a seq, a revision). A run asked for while one is going does not
 * start a second: it waits, merged with any others into one run from the lowest point asked for, right after.
 * Gap filling and change catch-up both work this way: a later request can only need more, from further back.
 *
 * @example
 * const fills = new CoalescedRuns((from) => fetchAfter(from));
 * void fills.run(40);
 * void fills.run(37); // runs once, from 37, after the first
 */
export class CoalescedRuns {
  /** Whether another run is waiting behind the current one (it will cover whatever arrived meanwhile). */
  readonly queued: () => boolean;
  /** Starts a run from `from`, or merges it into the one that will follow the current run. */
  readonly run: (from: number) => Promise<void>;

  constructor(task: (from: number) => Promise<void>) {
    // The state lives in closures: a local minifies to one letter, a member to `this.#e` on every use.
    let running: Promise<void> | null = null;
    let again: number | null = null;
    this.queued = () => again !== null;
    this.run = (from) => {
      if (running) {
        again = Math.min(again ?? from, from);
        return running;
      }
      return (running = task(from).finally(() => {
        running = null;
        const next = again;
        again = null;
        if (next !== null) void this.run(next);
      }));
    };
  }
}
