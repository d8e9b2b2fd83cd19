/**
 * A token bucket: holds up to `capacity` tokens, refilled continuously at `perSecond`. Pure apart from the
 * injected clock.
 *
 * @example
 * const bucket = new TokenBucket(30, 10);
 * if (!bucket.take()) wait(bucket.msUntilToken());
 */
export class TokenBucket {
  readonly #capacity: number;
  readonly #perSecond: number;
  readonly #now: () => number;
  #tokens: number;
  #updatedAt: number;

  constructor(capacity: number, perSecond: number, now: () => number = Date.now) {
    this.#capacity = this.#tokens = capacity;
    this.#perSecond = perSecond;
    this.#now = now;
    this.#updatedAt = now();
  }

  /** Takes one token if there is one. */
  take(): boolean {
    if (this.#refill() < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Milliseconds until one whole token is available (0 if one is). */
  msUntilToken(): number {
    const tokens = this.#refill();
    if (tokens >= 1) return 0;
    return this.#perSecond > 0 ? Math.ceil(((1 - tokens) / this.#perSecond) * 1000) : Infinity;
  }

  /** Adds what accrued since the last call; returns the tokens now held. */
  #refill(): number {
    const now = this.#now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + ((now - this.#updatedAt) / 1000) * this.#perSecond);
    this.#updatedAt = now;
    return this.#tokens;
  }
}
