/**
 * A token bucket: holds up to `capacity` tokens, refilled continuously at `perSecond`. Pure apart from the
 * injected clock.
 *
 * @example
 * const bucket = new TokenBucket(30, 10);
 * if (!bucket.take()) wait(bucket.msUntilToken());
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** Takes one token if there is one. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until one whole token is available (0 if one is). */
  msUntilToken(): number {
    this.refill();
    if (this.tokens >= 1) return 0;
    if (this.perSecond <= 0) return Number.POSITIVE_INFINITY;
    return Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
  }
}
