import { describe, expect, it } from 'vitest';
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
