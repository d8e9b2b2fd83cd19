import { describe, expect, it } from 'vitest';
import { EMPTY_SLICE } from 'natter';
import { applyTyping, expireTyping } from '../../../src/core/store/typing';

describe('typing', () => {
  it('adds, refreshes and removes typers; expires them on time', () => {
    let slice = applyTyping(EMPTY_SLICE, { user_id: 'bo', username: 'Bo', is_typing: true }, 0, 5000);
    slice = applyTyping(slice, { user_id: 'cy', username: 'Cy', is_typing: true }, 1000, 5000);
    slice = applyTyping(slice, { user_id: 'bo', username: 'Bo', is_typing: true }, 3000, 5000);
    expect(slice.typing.map((t) => [t.user_id, t.expiresAt])).toEqual([['cy', 6000], ['bo', 8000]]);
    expect(expireTyping(slice, 5999)).toBe(slice);
    slice = expireTyping(slice, 6000);
    expect(slice.typing.map((t) => t.user_id)).toEqual(['bo']);
    slice = applyTyping(slice, { user_id: 'bo', username: 'Bo', is_typing: false }, 6100, 5000);
    expect(slice.typing).toEqual([]);
    expect(applyTyping(slice, { user_id: 'bo', username: 'Bo', is_typing: false }, 0, 0)).toBe(slice);
  });
});
