import { describe, expect, it } from 'vitest';
import { Backoff } from 'natter';

describe('Backoff', () => {
  it('doubles from 1 s up to a 30 s ceiling by default', () => {
    const backoff = new Backoff({}, () => 1);
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoff.delay(n))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('draws full jitter uniformly below the ceiling', () => {
    expect(new Backoff({}, () => 0).delay(5)).toBe(0);
    expect(new Backoff({}, () => 0.5).delay(2)).toBe(2000);
    const random = new Backoff({ initialMs: 100 });
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const delay = random.delay(attempt);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(random.ceiling(attempt));
    }
  });

  it('takes every setting, with jitter off', () => {
    const backoff = new Backoff({ initialMs: 50, factor: 3, maxMs: 1000, jitter: 'none' });
    expect([0, 1, 2, 3, 4].map((n) => backoff.delay(n))).toEqual([50, 150, 450, 1000, 1000]);
  });

  it('allows unlimited attempts unless maxAttempts is set', () => {
    expect(new Backoff().allows(1e9)).toBe(true);
    const seed = new Backoff({ maxAttempts: 5 });
    expect([0, 4, 5].map((n) => seed.allows(n))).toEqual([true, true, false]);
  });
});
