/**
 * Time as the server's housekeeping sees it: upload sweeps and REST rate limits. Injectable so tests can move time
 * without waiting for it.
 *
 * @example
 * const stop = SYSTEM_CLOCK.every(60_000, () => sweep());
 * stop();
 */
export interface ServerClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `task` every `ms` until the returned function is called. */
  every(ms: number, task: () => void): () => void;
}

/**
 * The real clock. Its interval never keeps the process alive on its own.
 *
 * @example
 * createServer({ clock: SYSTEM_CLOCK });
 */
export const SYSTEM_CLOCK: ServerClock = {
  now: () => Date.now(),
  every(ms, task) {
    const timer = setInterval(task, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};
