import { NatterError } from 'natter';
import { describe, expect, it, vi } from 'vitest';
import { unlessRefused } from '../../../src/components/shared/refusal';

describe('unlessRefused', () => {
  it('runs the action and reports nothing when it goes through', () => {
    const onRefused = vi.fn();
    const action = vi.fn();
    unlessRefused(action, onRefused);
    expect(action).toHaveBeenCalledOnce();
    expect(onRefused).not.toHaveBeenCalled();
  });

  it("passes a NatterError's message on, to be shown", () => {
    const onRefused = vi.fn();
    unlessRefused(() => {
      throw new NatterError('invalid_argument', 'Message is empty');
    }, onRefused);
    expect(onRefused).toHaveBeenCalledExactlyOnceWith('Message is empty');
  });

  it('lets any other error through: a bug is not a refusal', () => {
    const onRefused = vi.fn();
    expect(() =>
      unlessRefused(() => {
        throw new TypeError('boom');
      }, onRefused),
    ).toThrow(TypeError);
    expect(onRefused).not.toHaveBeenCalled();
  });
});
