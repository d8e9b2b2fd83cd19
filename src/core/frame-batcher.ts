import { clearTimer, type Timers } from './timers';

/** Calls `callback` once at the next frame; returns a function that cancels it. */
export type ScheduleFrame = (callback: () => void) => () => void;

// Node's, where there is no requestAnimationFrame; typed here because the core is built without Node's types.
const node = globalThis as { setImmediate?: (callback: () => void) => unknown; clearImmediate?: (handle: unknown) => void };

/**
 * The next animation frame, raced against a timer: a hidden tab runs no animation frames, and a chat must keep
 * taking in messages there. Without `requestAnimationFrame`: `setImmediate` in Node, else a zero-delay timer.
 *
 * @example
 * const cancel = nextFrame(realTimers)(() => flush());
 */
export function nextFrame(timers: Timers, fallbackMs = 32): ScheduleFrame {
  return (callback) => {
    const { setImmediate, clearImmediate } = node;
    if (typeof requestAnimationFrame !== 'function' && setImmediate && clearImmediate) {
      // Node paints nothing: a batch is what arrived in one pass over the network events. setImmediate runs right
      // after it, where a zero timer would wait a clamped millisecond and add it to every round trip.
      const handle = setImmediate(callback);
      return () => clearImmediate(handle);
    }
    let frame: number | null = null;
    let timer: unknown = null;
    // Whichever comes first runs the callback and cancels the other.
    const cancel = () => {
      if (frame !== null) cancelAnimationFrame(frame);
      frame = timer = clearTimer(timers, timer);
    };
    const fire = () => {
      cancel();
      callback();
    };
    if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(fire);
    timer = timers.setTimeout(fire, frame === null ? 0 : fallbackMs);
    return cancel;
  };
}

/**
 * Gathers items that arrive in bursts and hands them on in batches, at most one batch per frame. The first item
 * after a quiet frame goes through at once (a lone message shows without a frame's delay); items arriving while a
 * frame is open wait for it. `flush()` hands on what waits now, for a caller that must see every earlier item
 * applied before it acts (frames are applied in the order they arrived).
 *
 * @example
 * const batcher = new FrameBatcher(nextFrame(realTimers), (messages) => store.merge(messages));
 * socket.onmessage = (event) => batcher.push(JSON.parse(event.data));
 */
export class FrameBatcher<T> {
  /** Takes one item: applied now when no frame is open, else with the others at the next frame. */
  readonly push: (item: T) => void;
  /** Applies whatever waits, now. */
  readonly flush: () => void;
  /** Drops what waits and the open frame (the channel is going away). */
  readonly cancel: () => void;

  /** `schedule` null applies every item as it comes (no batching). */
  constructor(schedule: ScheduleFrame | null, apply: (items: T[]) => void) {
    // The state lives in closures: a local minifies to one letter, a member to `this.#e` on every use.
    let queued: T[] = [];
    let cancelFrame: (() => void) | null = null;
    // A frame stays open while items keep arriving: under load, one batch per frame; once a frame passes with
    // nothing queued, the next item goes through at once again.
    const openFrame = (schedule: ScheduleFrame) => {
      cancelFrame = schedule(() => {
        cancelFrame = null;
        if (queued.length === 0) return;
        openFrame(schedule);
        this.flush();
      });
    };
    this.push = (item) => {
      if (cancelFrame) return void queued.push(item);
      if (schedule) openFrame(schedule);
      apply([item]);
    };
    this.flush = () => {
      if (queued.length === 0) return;
      const items = queued;
      queued = [];
      apply(items);
    };
    this.cancel = () => {
      cancelFrame?.();
      cancelFrame = null;
      queued = [];
    };
  }
}
