import { describe, expect, it } from 'vitest';
import { formatClock, validDate } from '../../../src/components/shared/time';

describe('validDate', () => {
  it('parses a timestamp', () => {
    expect(validDate('2026-11-24T09:30:00.000Z')?.getTime()).toBe(Date.parse('2026-11-24T09:30:00.000Z'));
  });

  it('is null for a missing, empty or malformed timestamp, never the epoch or an Invalid Date', () => {
    expect([validDate(null), validDate(undefined), validDate(''), validDate('not a date')]).toEqual([null, null, null, null]);
  });
});

describe('formatClock', () => {
  it("is the hours and minutes in the user's locale", () => {
    const date = new Date(2026, 10, 24, 9, 5);
    expect(formatClock(date)).toBe(date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }));
    expect(formatClock(date)).toMatch(/09.05/);
  });
});
