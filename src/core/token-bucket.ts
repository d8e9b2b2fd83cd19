/**
 * A token bucket: holds up to `capacity` tokens, refilled continuously at `perSecond`. Pure apart from the
 * injected clock.
 *
 * @example
 * const bucket = new TokenBucket(30, 10);
 * if (!bucket.take()) wait(bucket.msUntilToken());
 */
export class TokenBucket {
  /** Takes one token if there is one. */
  readonly take: () => boolean;
  /** Milliseconds until one whole token is available (0 if one is). */
  readonly msUntilToken: () => number;

  constructor(capacity: number, perSecond: number, now: () => number = Date.now) {
    // The state lives in closures: a local minifies to one letter, a member to `this.#e` on every use.
    let tokens = capacity;
    let updatedAt = now();
    /** Adds what accrued since the last call; returns the tokens now held. A clock set back accrues nothing. */
    const refill = () => {
      const time = now();
      tokens = Math.min(capacity, tokens + (Math.max(0, time - updatedAt) / 1000) * perSecond);
      updatedAt = time;
      return tokens;
    };
    this.take = () => {
      if (refill() < 1) return false;
      tokens -= 1;
      return true;
    };
    this.msUntilToken = () => {
      const held = refill();
      if (held >= 1) return 0;
      return perSecond > 0 ? Math.ceil(((1 - held) / perSecond) * 1000) : Infinity;
    };
  }
}
