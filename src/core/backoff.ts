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
  readonly initialMs: number;
  readonly factor: number;
  readonly maxMs: number;
  readonly jitter: 'full' | 'none';
  readonly maxAttempts: number;

  readonly #random: () => number;

  constructor(options: BackoffOptions = {}, random: () => number = Math.random) {
    this.#random = random;
    this.initialMs = options.initialMs ?? 1000;
    this.factor = options.factor ?? 2;
    this.maxMs = options.maxMs ?? 30_000;
    this.jitter = options.jitter ?? 'full';
    this.maxAttempts = options.maxAttempts ?? Infinity;
  }

  /** The ceiling for attempt `attempt` (0-based): `initialMs × factor^attempt`, capped at `maxMs`. */
  ceiling(attempt: number): number {
    return Math.min(this.maxMs, this.initialMs * this.factor ** Math.max(0, attempt));
  }

  /** The delay before attempt `attempt` (0-based). */
  delay(attempt: number): number {
    const ceiling = this.ceiling(attempt);
    return this.jitter === 'full' ? Math.round(this.#random() * ceiling) : ceiling;
  }

  /** Whether attempt `attempt` (0-based) may still be made. */
  allows(attempt: number): boolean {
    return attempt < this.maxAttempts;
  }
}
