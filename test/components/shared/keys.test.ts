import type { KeyboardEvent } from 'react';
import { describe, expect, it } from 'vitest';
import { isComposing, isSubmitEnter } from '../../../src/components/shared/keys';

const key = (key: string, { shiftKey = false, isComposing = false, keyCode = 13 } = {}) =>
  ({ key, shiftKey, keyCode, nativeEvent: { isComposing } }) as unknown as KeyboardEvent;

describe('isSubmitEnter', () => {
  it('is plain Enter', () => {
    expect(isSubmitEnter(key('Enter'))).toBe(true);
  });

  it('is not Shift+Enter, another key, or an Enter that ends an input method composition', () => {
    expect(isSubmitEnter(key('Enter', { shiftKey: true }))).toBe(false);
    expect(isSubmitEnter(key('a'))).toBe(false);
    expect(isSubmitEnter(key('Enter', { isComposing: true }))).toBe(false);
    // Safari: the composition's Enter comes with isComposing already false, and keyCode 229.
    expect(isSubmitEnter(key('Enter', { keyCode: 229 }))).toBe(false);
  });
});

describe('isComposing', () => {
  it('is any key while an input method composes (Safari: keyCode 229), so a part leaves it alone', () => {
    expect(isComposing(key('Escape', { isComposing: true }))).toBe(true);
    expect(isComposing(key('ArrowDown', { keyCode: 229 }))).toBe(true);
    expect(isComposing(key('Escape', { keyCode: 27 }))).toBe(false);
  });
});
