/** How reconnect delays grow. Every field is optional; defaults follow docs/protocol.md's advice. */
export interface BackoffOptions {
  /** First delay's ceiling, in ms. Default 1000. */
  initialMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
  /** Largest ceiling, in ms. Default 30000. */
  maxMs?: number;
  /** `'full'` (default) draws each delay uniformly from [0, ceiling], so clients cut off together do not return together. */
  jitter?: 'full' | 'none';
  /** Attempts before giving up; unlimited by default. The seed's client used 5. */
  maxAttempts?: number;
}

/**
 * A pure reconnect schedule: the delay before attempt `n` depends only on `n`, the options and the random source.
 *
 * @example
 * const backoff = new Backoff({ initialMs: 500 });
 * backoff.delay(0); // somewhere in [0, 500]
 * backoff.delay(10); // somewhere in [0, 30000]
 */
export class Backoff {
  /** The ceiling for attempt `attempt` (0-based): `initialMs × factor^attempt`, capped at `maxMs`. */
  readonly ceiling: (attempt: number) => number;
  /** The delay before attempt `attempt` (0-based). */
  readonly delay: (attempt: number) => number;
  /** Whether attempt `attempt` (0-based) may still be made. */
  readonly allows: (attempt: number) => boolean;

  constructor(
    { initialMs = 1000, factor = 2, maxMs = 30_000, jitter = 'full', maxAttempts = Infinity }: BackoffOptions = {},
    random: () => number = Math.random,
  ) {
    // The settings live in closures: a local minifies to one letter, a member to `this.maxMs` on every use.
    this.ceiling = (attempt) => Math.min(maxMs, initialMs * factor ** Math.max(0, attempt));
    this.delay = (attempt) => {
      const ceiling = this.ceiling(attempt);
      return jitter === 'full' ? Math.round(random() * ceiling) : ceiling;
    };
    this.allows = (attempt) => attempt < maxAttempts;
  }
}
