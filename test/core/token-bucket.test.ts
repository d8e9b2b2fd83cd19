import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../src/core/token-bucket';

/** A clock that only moves when told. */
function manualClock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBucket', () => {
  it('starts full, empties one token per take, and says how long until the next', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(3, 10, clock.now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    expect(bucket.msUntilToken()).toBe(100);
    clock.advance(40);
    expect(bucket.take()).toBe(false);
    expect(bucket.msUntilToken()).toBe(60);
    clock.advance(60);
    expect(bucket.msUntilToken()).toBe(0);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('refills continuously but never above its capacity', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(2, 1, clock.now);
    bucket.take();
    bucket.take();
    clock.advance(60_000);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
  });

  it('a wall clock set back (NTP, a resumed laptop) takes no tokens away: the wait stays one refill, not the jump', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(2, 10, clock.now);
    bucket.take();
    bucket.take();
    clock.advance(-60_000);
    expect(bucket.msUntilToken()).toBe(100);
    clock.advance(100);
    expect(bucket.take()).toBe(true);
  });

  it('without refill, an empty bucket never has a token again', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(1, 0, clock.now);
    expect(bucket.take()).toBe(true);
    clock.advance(1e9);
    expect(bucket.take()).toBe(false);
    expect(bucket.msUntilToken()).toBe(Number.POSITIVE_INFINITY);
  });
});
