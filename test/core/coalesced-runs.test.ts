import { describe, expect, it } from 'vitest';
import { CoalescedRuns } from '../../src/core/coalesced-runs';

function deferredTask() {
  const calls: number[] = [];
  const finishers: Array<() => void> = [];
  const task = (from: number) =>
    new Promise<void>((resolve) => {
      calls.push(from);
      finishers.push(resolve);
    });
  return { calls, task, finishNext: async () => finishers.shift()?.() ?? Promise.resolve() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('CoalescedRuns', () => {
  it('runs one at a time; requests meanwhile become one run from the lowest point, right after', async () => {
    const { calls, task, finishNext } = deferredTask();
    const runs = new CoalescedRuns(task);
    const first = runs.run(40);
    expect(runs.queued()).toBe(false);
    void runs.run(45);
    void runs.run(37);
    void runs.run(39);
    expect(runs.queued()).toBe(true);
    expect(calls).toEqual([40]);
    await finishNext();
    await first;
    await settle();
    expect(calls).toEqual([40, 37]);
    expect(runs.queued()).toBe(false);
    await finishNext();
    await settle();
    expect(calls).toEqual([40, 37]);
  });

  it('a failed run still lets the queued one run', async () => {
    let attempt = 0;
    const calls: number[] = [];
    const runs = new CoalescedRuns(async (from) => {
      calls.push(from);
      attempt += 1;
      if (attempt === 1) {
        void runs.run(5);
        throw new Error('offline');
      }
    });
    await expect(runs.run(9)).rejects.toThrow('offline');
    await settle();
    expect(calls).toEqual([9, 5]);
  });
});
