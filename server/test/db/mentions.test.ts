import { describe, expect, it, vi } from 'vitest';
import { findMentions } from '../../src/db/mentions.ts';

const members = [
  { id: 'a', username: 'ana' },
  { id: 'b', username: 'Bo.Li' },
  { id: 'c', username: 'cy-2' },
  { id: 'd', username: 'an' },
];

describe('findMentions', () => {
  it('finds @username of members at a word start, case-insensitively, in order, once each', () => {
    expect(findMentions('@ANA and (@bo.li), @cy-2: hi @ana', members)).toEqual(['a', 'b', 'c']);
  });

  it('ignores e-mail addresses, non-members and longer names that merely start with a member’s', () => {
    expect(findMentions('mail ana@example.com or x@ana', members)).toEqual([]);
    expect(findMentions('@anabel @zed', members)).toEqual([]);
    expect(findMentions('@an', members)).toEqual(['d']);
  });

  it('lets a name end a sentence', () => {
    expect(findMentions('thanks @ana. and @cy-2-', members)).toEqual(['a', 'c']);
    expect(findMentions('no at sign', members)).toEqual([]);
    // Without an @ the members are never read (for the server: no query per plain message).
    expect(findMentions('no at sign', () => { throw new Error('members read'); })).toEqual([]);
    expect(findMentions('hi @bo.li', () => members)).toEqual(['b']);
  });
});

describe('findMentions on hostile content', () => {
  // Trying each shorter name by slicing one dot at a time cost ~160 ms of event loop per 16 KiB message, which any
  // member could send ten times a second.
  // Counted in name lookups, not timed: a slow machine must not fail it.
  it('looks up no more names than the longest member name is long, however long the run', () => {
    const lookups = vi.spyOn(Map.prototype, 'get');
    try {
      expect(findMentions(`@ana${'.'.repeat(16_000)}`, members)).toEqual(['a']);
      expect(findMentions(`@x${'.-'.repeat(8_000)}`, members)).toEqual([]);
      const longest = Math.max(...members.map((m) => m.username.length));
      expect(lookups.mock.calls.length).toBeLessThanOrEqual(2 * (longest + 1));
    } finally {
      lookups.mockRestore();
    }
  });

  it('still tries every shorter name within a trailing run', () => {
    expect(findMentions('@cy-2--. @bo.li...', members)).toEqual(['c', 'b']);
    expect(findMentions('@ana.', [...members, { id: 'e', username: 'ana.' }])).toEqual(['e']);
  });
});
