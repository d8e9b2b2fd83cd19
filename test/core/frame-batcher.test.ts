import { afterEach, describe, expect, it, vi } from 'vitest';
import { createManualFrames, createManualTimers } from 'natter/testing';
import { FrameBatcher, nextFrame } from '../../src/core/frame-batcher';

function batcher() {
  const frames = createManualFrames();
  const batches: number[][] = [];
  const b = new FrameBatcher<number>(frames.schedule, (items) => batches.push(items));
  return { frames, batches, b };
}

describe('FrameBatcher', () => {
  it('applies a lone item at once, and items arriving within the same frame together at the next frame', () => {
    const { frames, batches, b } = batcher();
    b.push(1);
    expect(batches).toEqual([[1]]);
    for (let i = 2; i <= 100; i += 1) b.push(i);
    expect(batches).toHaveLength(1);
    frames.pass();
    expect(batches).toEqual([[1], Array.from({ length: 99 }, (_, i) => i + 2)]);
  });

  it('under steady load applies one batch per frame, then goes back to immediate after a quiet frame', () => {
    const { frames, batches, b } = batcher();
    for (let frame = 0; frame < 5; frame += 1) {
      for (let i = 0; i < 10; i += 1) b.push(frame * 10 + i);
      frames.pass();
    }
    // The first item of all went through alone; every frame after it carried one batch.
    expect(batches.map((batch) => batch.length)).toEqual([1, 9, 10, 10, 10, 10]);
    frames.pass(); // a quiet frame closes the window
    expect(frames.pending()).toBe(0);
    b.push(99);
    expect(batches.at(-1)).toEqual([99]);
  });

  it('flush() applies what waits now, in arrival order; nothing is applied twice', () => {
    const { frames, batches, b } = batcher();
    b.push(1);
    b.push(2);
    b.push(3);
    b.flush();
    expect(batches).toEqual([[1], [2, 3]]);
    b.flush();
    frames.pass();
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('cancel() drops the open frame and what waits', () => {
    const { frames, batches, b } = batcher();
    b.push(1);
    b.push(2);
    b.cancel();
    expect(frames.pending()).toBe(0);
    frames.pass();
    expect(batches).toEqual([[1]]);
  });

  it('without a scheduler applies every item as it comes', () => {
    const batches: number[][] = [];
    const b = new FrameBatcher<number>(null, (items) => batches.push(items));
    b.push(1);
    b.push(2);
    expect(batches).toEqual([[1], [2]]);
  });
});

describe('nextFrame', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('without requestAnimationFrame (Node) runs at setImmediate: after the current network events, no clamped timer', async () => {
    const clock = createManualTimers();
    const run = vi.fn();
    nextFrame(clock.timers)(run);
    const cancelled = vi.fn();
    nextFrame(clock.timers)(cancelled)();
    expect(run).not.toHaveBeenCalled();
    // Queued after it: by the time this runs, the frame has.
    await new Promise((resolve) => setImmediate(resolve));
    expect(run).toHaveBeenCalledTimes(1);
    expect(cancelled).not.toHaveBeenCalled();
    expect(clock.pending()).toBe(0);
  });

  it('runs at the animation frame, or at the fallback timer when none comes (a hidden tab), once', () => {
    const frames: Array<() => void> = [];
    vi.stubGlobal('requestAnimationFrame', (run: () => void) => frames.push(run));
    vi.stubGlobal('cancelAnimationFrame', (handle: number) => void (frames[handle - 1] = () => undefined));
    const clock = createManualTimers();
    const schedule = nextFrame(clock.timers, 32);
    const byFrame = vi.fn();
    schedule(byFrame);
    frames[0]!();
    clock.advance(100);
    expect(byFrame).toHaveBeenCalledTimes(1);
    const byTimer = vi.fn();
    schedule(byTimer);
    clock.advance(32);
    frames[1]!();
    expect(byTimer).toHaveBeenCalledTimes(1);
    const cancelled = vi.fn();
    schedule(cancelled)();
    clock.advance(100);
    frames[2]!();
    expect(cancelled).not.toHaveBeenCalled();
  });
});
