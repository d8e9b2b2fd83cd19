/** What a `Monitor` saw between `start()` and `stop()`. */
export interface MonitorSummary {
  /** The longest task Chromium reported as a long task (> 50 ms); 0 when there was none. */
  longestTaskMs: number;
  longTasks: number;
  /** Sum of the long tasks' durations. */
  longTaskTotalMs: number;
  /**
   * The longest gap between two animation frames: an upper bound of the longest task even below 50 ms (a task of
   * d ms delays the next frame by d plus at most one frame interval, ~16.7 ms).
   */
  maxFrameGapMs: number;
  /** Animation frames that ran. */
  frames: number;
}

/**
 * Watches the main thread: long tasks (PerformanceObserver 'longtask') and the gaps between animation frames.
 *
 * @example
 * const monitor = new Monitor();
 * monitor.start();
 * … work …
 * const { longestTaskMs, maxFrameGapMs } = monitor.stop();
 */
export class Monitor {
  private observer: PerformanceObserver | null = null;
  private tasks: Array<{ start: number; end: number }> = [];
  private frame = 0;
  private lastFrameAt = 0;
  private gapEnds: number[] = [];
  private maxGap = 0;
  private frames = 0;

  start(): void {
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) this.tasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    });
    this.observer.observe({ type: 'longtask', buffered: false });
    this.lastFrameAt = performance.now();
    const tick = (now: number) => {
      const gap = now - this.lastFrameAt;
      if (gap > this.maxGap) this.maxGap = gap;
      if (gap > 50) this.gapEnds.push(now);
      this.lastFrameAt = now;
      this.frames += 1;
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  /** When the main thread was last busy for more than 50 ms at a stretch (a long task or a long frame gap). */
  lastBusyAt(): number {
    this.observer?.takeRecords().forEach((entry) => this.tasks.push({ start: entry.startTime, end: entry.startTime + entry.duration }));
    return Math.max(0, this.tasks.at(-1)?.end ?? 0, this.gapEnds.at(-1) ?? 0);
  }

  stop(): MonitorSummary {
    this.lastBusyAt();
    this.observer?.disconnect();
    cancelAnimationFrame(this.frame);
    const durations = this.tasks.map((task) => task.end - task.start);
    return {
      longestTaskMs: round(Math.max(0, ...durations)),
      longTasks: durations.length,
      longTaskTotalMs: round(durations.reduce((sum, d) => sum + d, 0)),
      maxFrameGapMs: round(this.maxGap),
      frames: this.frames,
    };
  }
}

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Resolves after the next animation frame. */
export const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until `shown()` is true and the main thread has had no long stretch (> 50 ms) for `quietMs`. Resolves with
 * the settle time: the later of when `shown()` first held and when the last long stretch ended; or null if that
 * did not happen before `deadline` (a `performance.now()` time).
 *
 * @example
 * const settledAt = await waitSettled(monitor, () => list.querySelector(lastRow) !== null, 200, start + 60_000);
 */
export async function waitSettled(monitor: Monitor, shown: () => boolean, quietMs: number, deadline: number): Promise<number | null> {
  let shownAt: number | null = null;
  for (;;) {
    const now = performance.now();
    if (shownAt === null && shown()) shownAt = now;
    if (shownAt !== null) {
      const settledAt = Math.max(shownAt, monitor.lastBusyAt());
      if (now - settledAt >= quietMs) return settledAt;
    }
    if (now > deadline) return null;
    // Polled on a timer, not every frame: looking for the row costs a DOM query the variants should not pay for.
    await sleep(25);
  }
}
