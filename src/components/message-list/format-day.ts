import { startOfDay } from './grouping';

const DAY_MS = 86_400_000;

/**
 * A day as a date separator says it, in the reader's language: "Today", "Yesterday", the weekday and date within
 * this year ("Monday, November 24"), with the year before it.
 *
 * @example
 * formatDay(new Date()); // "Today"
 * formatDay('2024-03-01T10:00:00Z', { locale: 'de' }); // "Freitag, 1. März 2024"
 */
export function formatDay(time: string | number | Date, { locale, now }: { locale?: string | string[]; now?: number } = {}): string {
  const day = startOfDay(time);
  const today = startOfDay(now ?? Date.now());
  // Days differ by 23 or 25 hours across a daylight-saving change: round.
  const daysAgo = Math.round((today - day) / DAY_MS);
  if (daysAgo === 0 || daysAgo === 1) {
    const word = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-daysAgo, 'day');
    return word.charAt(0).toLocaleUpperCase(locale) + word.slice(1);
  }
  const sameYear = new Date(day).getFullYear() === new Date(today).getFullYear();
  return new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric', year: sameYear ? undefined : 'numeric' }).format(day);
}
