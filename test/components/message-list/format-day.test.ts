import { formatDay } from 'natter/components';
import { describe, expect, it } from 'vitest';

const now = new Date(2026, 10, 24, 15, 0).getTime();

describe('formatDay', () => {
  it('says Today and Yesterday in the reader’s language, capitalised', () => {
    expect(formatDay(new Date(2026, 10, 24, 0, 5), { locale: 'en-US', now })).toBe('Today');
    expect(formatDay(new Date(2026, 10, 23, 23, 59), { locale: 'en-US', now })).toBe('Yesterday');
    expect(formatDay(new Date(2026, 10, 23, 12), { locale: 'de', now })).toBe('Gestern');
  });

  it('gives the weekday and date within this year, and the year before it', () => {
    expect(formatDay(new Date(2026, 10, 20, 12), { locale: 'en-US', now })).toBe('Friday, November 20');
    expect(formatDay(new Date(2024, 2, 1, 12), { locale: 'en-US', now })).toBe('Friday, March 1, 2024');
  });
});
