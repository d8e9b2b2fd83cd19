import { highlightParts } from 'natter/components';
import { describe, expect, it } from 'vitest';

const joined = (parts: ReturnType<typeof highlightParts>) => parts.map((p) => (p.marked ? `[${p.text}]` : p.text)).join('');

describe('highlightParts', () => {
  it('marks the ranges and keeps the rest as plain text', () => {
    expect(highlightParts('deploy the app today', [[0, 6], [11, 14]])).toEqual([
      { text: 'deploy', marked: true },
      { text: ' the ', marked: false },
      { text: 'app', marked: true },
      { text: ' today', marked: false },
    ]);
  });

  it('sorts, merges touching and overlapping ranges, and clamps them to the text', () => {
    expect(joined(highlightParts('abcdefghij', [[6, 8], [0, 2], [2, 4], [3, 5], [9, 40]]))).toBe('[abcde]f[gh]i[j]');
    expect(joined(highlightParts('abc', [[-5, 1], [2, 2], [5, 9]]))).toBe('[a]bc');
  });

  it('never loses or repeats text, whatever the ranges', () => {
    const text = 'Déjà vu 👋 at the café';
    for (const ranges of [[], [[0, 99]], [[3, 1]], [[8, 10], [0, 4], [2, 9]]] as Array<Array<[number, number]>>) {
      expect(highlightParts(text, ranges).map((p) => p.text).join('')).toBe(text);
    }
  });

  it('counts in UTF-16 code units, as the server does (an emoji is two)', () => {
    expect(joined(highlightParts('👋 wave', [[3, 7]]))).toBe('👋 [wave]');
  });

  it('treats markup in the text as text', () => {
    expect(highlightParts('<b>bold</b>', [[3, 7]])).toEqual([
      { text: '<b>', marked: false },
      { text: 'bold', marked: true },
      { text: '</b>', marked: false },
    ]);
  });
});
