import { describe, expect, it } from 'vitest';
import { plural } from '../../../src/components/shared/plural';

describe('plural', () => {
  it('says one in the singular and every other count in the plural', () => {
    expect(plural(1, 'new message')).toBe('1 new message');
    expect(plural(0, 'new message')).toBe('0 new messages');
    expect(plural(12, 'unread message')).toBe('12 unread messages');
  });

  it('takes an irregular plural', () => {
    expect(plural(1, 'reply', 'replies')).toBe('1 reply');
    expect(plural(3, 'reply', 'replies')).toBe('3 replies');
  });
});
