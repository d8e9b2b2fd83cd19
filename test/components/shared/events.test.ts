import { describe, expect, it, vi } from 'vitest';
import { afterUnlessPrevented } from '../../../src/components/shared/events';

describe('afterUnlessPrevented', () => {
  it("runs the user's handler first, then the action", () => {
    const calls: string[] = [];
    afterUnlessPrevented(() => calls.push('user'), () => calls.push('action'))({ defaultPrevented: false });
    expect(calls).toEqual(['user', 'action']);
  });

  it('skips the action when the handler prevented the default', () => {
    const action = vi.fn();
    const event = { defaultPrevented: false };
    afterUnlessPrevented(
      (e: typeof event) => {
        e.defaultPrevented = true;
      },
      action,
    )(event);
    expect(action).not.toHaveBeenCalled();
  });

  it('runs the action without a user handler', () => {
    const action = vi.fn();
    afterUnlessPrevented(undefined, action)({ defaultPrevented: false });
    expect(action).toHaveBeenCalledOnce();
  });
});
