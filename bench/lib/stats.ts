/** Summary statistics of latency samples, in the samples' unit (milliseconds in this bench). */
export interface Summary {
  count: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * Nearest-rank percentiles (no interpolation: every reported value is one that was measured).
 *
 * @example
 * summarize([1, 2, 3]).p50; // 2
 */
export function summarize(samples: ArrayLike<number>): Summary {
  const sorted = Float64Array.from(samples).sort();
  const count = sorted.length;
  if (count === 0) return { count, mean: Number.NaN, p50: Number.NaN, p99: Number.NaN, max: Number.NaN };
  const at = (p: number) => sorted[Math.min(count - 1, Math.max(0, Math.ceil((p / 100) * count) - 1))]!;
  let sum = 0;
  for (const value of sorted) sum += value;
  return { count, mean: sum / count, p50: at(50), p99: at(99), max: sorted[count - 1]! };
}

/**
 * Rounds for JSON and tables: 3 significant decimals under 1, 2 under 100, else whole.
 *
 * @example
 * round(0.123456); // 0.123
 */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const digits = Math.abs(value) < 1 ? 3 : Math.abs(value) < 100 ? 2 : 0;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * A ratio as text: `1.07×`.
 *
 * @example
 * ratio(3, 2); // '1.50×'
 */
export function ratio(value: number, baseline: number): string {
  return baseline > 0 && Number.isFinite(value) ? `${(value / baseline).toFixed(2)}×` : '—';
}
