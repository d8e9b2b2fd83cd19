import { act, renderHook } from '@testing-library/react';
import { usePageVisible } from 'natter/react';
import { describe, expect, it } from 'vitest';
import { installHookTest, setVisibility } from './helpers';

installHookTest();

describe('usePageVisible', () => {
  it('follows document.visibilityState through visibilitychange, without a provider', () => {
    let renders = 0;
    const { result } = renderHook(() => {
      renders += 1;
      return usePageVisible();
    });
    expect(result.current).toBe(true);
    act(() => setVisibility('hidden'));
    expect(result.current).toBe(false);
    const afterHidden = renders;
    // An event that changes nothing re-renders nothing.
    act(() => setVisibility('hidden'));
    expect(renders).toBe(afterHidden);
    act(() => setVisibility('visible'));
    expect(result.current).toBe(true);
  });
});
