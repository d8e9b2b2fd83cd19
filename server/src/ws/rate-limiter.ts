import { TokenBucket } from '../../../src/core/token-bucket.ts';
import type { RateLimitOptions } from '../config.ts';

export { TokenBucket };

/** What to do with one incoming frame. */
export type RateVerdict = { kind: 'allow' } | { kind: 'refuse'; retryAfterMs: number } | { kind: 'close' };

/**
 * One connection's limit: a bucket of frames, and a second bucket of refusals. A client that backs off when told
 * is forgiven; one that keeps sending drains the second bucket and is closed with 4008.
 *
 * @example
 * const limiter = new ConnectionRateLimiter(DEFAULT_RATE_LIMIT);
 * const verdict = limiter.check();
 */
export class ConnectionRateLimiter {
  private readonly frames: TokenBucket;
  private readonly refusals: TokenBucket;

  constructor(options: RateLimitOptions, now: () => number = Date.now) {
    this.frames = new TokenBucket(options.burst, options.refillPerSecond, now);
    this.refusals = new TokenBucket(options.closeAfterViolations, options.violationsForgivenPerSecond, now);
  }

  check(): RateVerdict {
    if (this.frames.take()) return { kind: 'allow' };
    if (!this.refusals.take()) return { kind: 'close' };
    return { kind: 'refuse', retryAfterMs: Math.max(1, this.frames.msUntilToken()) };
  }
}
