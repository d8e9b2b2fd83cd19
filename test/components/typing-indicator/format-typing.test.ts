import { formatTyping } from 'natter/components';
import { describe, expect, it } from 'vitest';

describe('formatTyping', () => {
  it.each([
    [[], ''],
    [['Ana'], 'Ana is typing…'],
    [['Ana', 'Bo'], 'Ana and Bo are typing…'],
    [['Ana', 'Bo', 'Cy'], '3 people are typing…'],
    [['Ana', 'Bo', 'Cy', 'Dee', 'Ed'], '5 people are typing…'],
  ])('%j → %s', (names, text) => {
    expect(formatTyping(names)).toBe(text);
  });
});
