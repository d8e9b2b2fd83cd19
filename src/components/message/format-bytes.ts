const UNITS = ['KB', 'MB', 'GB'] as const;

/**
 * A file size for people: "512 B", "1.5 KB", "12 MB" (1 KB = 1024 B).
 *
 * @example
 * formatBytes(1536); // "1.5 KB"
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value)} ${UNITS[unit]}`;
}
