import { formatPresence, initialsOf } from 'natter/components';
import { describe, expect, it } from 'vitest';

const NOW = Date.parse('2026-11-24T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('formatPresence', () => {
  it('says Online and Away as they are', () => {
    expect(formatPresence('online', ago(60_000), NOW)).toBe('Online');
    expect(formatPresence('away', null, NOW)).toBe('Away');
  });

  it('says when an offline user was last seen', () => {
    expect(formatPresence('offline', ago(20_000), NOW)).toBe('Last seen just now');
    expect(formatPresence('offline', ago(5 * 60_000), NOW)).toBe('Last seen 5 min ago');
    expect(formatPresence('offline', ago(3 * 3_600_000 + 10), NOW)).toBe('Last seen 3 h ago');
    expect(formatPresence('offline', ago(26 * 3_600_000), NOW)).toBe('Last seen 1 day ago');
    expect(formatPresence('offline', ago(3 * 86_400_000), NOW)).toBe('Last seen 3 days ago');
    expect(formatPresence('offline', ago(30 * 86_400_000), NOW)).toMatch(/^Last seen \S/);
  });

  it('says Offline for someone never seen, or a time it cannot read', () => {
    expect(formatPresence('offline', null, NOW)).toBe('Offline');
    expect(formatPresence('offline', 'not a date', NOW)).toBe('Offline');
  });
});

describe('initialsOf', () => {
  it('takes the first letters of two words, or two letters of one', () => {
    expect(initialsOf('ana maria')).toBe('AM');
    expect(initialsOf('ben')).toBe('BE');
    expect(initialsOf('cy.dee_smith')).toBe('CD');
    expect(initialsOf('  ')).toBe('?');
    expect(initialsOf('émile')).toBe('ÉM');
  });
});
