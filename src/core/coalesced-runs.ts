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
  readonly #task: (from: number) => Promise<void>;
  #running: Promise<void> | null = null;
  #again: number | null = null;

  constructor(task: (from: number) => Promise<void>) {
    this.#task = task;
  }

  /** Whether another run is waiting behind the current one (it will cover whatever arrived meanwhile). */
  get queued(): boolean {
    return this.#again !== null;
  }

  /** Starts a run from `from`, or merges it into the one that will follow the current run. */
  run(from: number): Promise<void> {
    if (this.#running) {
      this.#again = Math.min(this.#again ?? from, from);
      return this.#running;
    }
    this.#running = this.#task(from).finally(() => {
      this.#running = null;
      const again = this.#again;
      this.#again = null;
      if (again !== null) void this.run(again);
    });
    return this.#running;
  }
}
