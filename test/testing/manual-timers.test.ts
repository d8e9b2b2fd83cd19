import { describe, expect, it, vi } from 'vitest';
import { createManualTimers } from 'natter/testing';

describe('createManualTimers', () => {
  it('runs due timers in time order (ties in the order set), and a timer set by one that fires when due', () => {
    const clock = createManualTimers(100);
    const order: string[] = [];
    clock.timers.setTimeout(() => order.push('b'), 20);
    clock.timers.setTimeout(() => order.push('a'), 10);
    clock.timers.setTimeout(() => order.push('b2'), 20);
    clock.timers.setTimeout(() => {
      order.push('c');
      clock.timers.setTimeout(() => order.push(`d@${clock.now()}`), 5);
    }, 30);
    clock.advance(40);
    expect(order).toEqual(['a', 'b', 'b2', 'c', 'd@135']);
    expect(clock.now()).toBe(140);
    expect(clock.pending()).toBe(0);
  });

  it('refuses to move the clock backwards or by a non-number, which would break every time-based rule', () => {
    const clock = createManualTimers();
    const run = vi.fn();
    clock.timers.setTimeout(run, 10);
    for (const ms of [-1, Number.NaN]) expect(() => clock.advance(ms)).toThrow(/advance/);
    expect(clock.now()).toBe(0);
    clock.advance(10);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
