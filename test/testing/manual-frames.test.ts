import { describe, expect, it, vi } from 'vitest';
import { createManualFrames } from 'natter/testing';

describe('createManualFrames', () => {
  it('runs the callbacks waiting when pass() is called; one scheduled meanwhile waits for the next pass', () => {
    const frames = createManualFrames();
    const later = vi.fn();
    const first = vi.fn(() => void frames.schedule(later));
    frames.schedule(first);
    expect(frames.pending()).toBe(1);
    frames.pass();
    expect(first).toHaveBeenCalledTimes(1);
    expect(later).not.toHaveBeenCalled();
    frames.pass();
    expect(later).toHaveBeenCalledTimes(1);
    expect(frames.pending()).toBe(0);
  });

  it('a cancelled callback never runs', () => {
    const frames = createManualFrames();
    const run = vi.fn();
    frames.schedule(run)();
    frames.pass();
    expect(run).not.toHaveBeenCalled();
  });
});
