import type { Timers } from './timers';

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
    let frame: number | null = null;
    let timer: unknown = null;
    // Whichever comes first runs the callback and cancels the other.
    const cancel = () => {
      if (frame !== null) cancelAnimationFrame(frame);
      if (timer !== null) timers.clearTimeout(timer);
      frame = timer = null;
    };
    const fire = () => {
      cancel();
      callback();
    };
    if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(fire);
    else if (node.setImmediate && node.clearImmediate) {
      // Node paints nothing: a batch is what arrived in one pass over the network events. setImmediate runs right
      // after it, where a zero timer would wait a clamped millisecond and add it to every round trip.
      const handle = node.setImmediate(fire);
      const { clearImmediate } = node;
      return () => clearImmediate(handle);
    }
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
  readonly #schedule: ScheduleFrame | null;
  readonly #apply: (items: T[]) => void;
  #queued: T[] = [];
  #cancelFrame: (() => void) | null = null;

  /** `schedule` null applies every item as it comes (no batching). */
  constructor(schedule: ScheduleFrame | null, apply: (items: T[]) => void) {
    this.#schedule = schedule;
    this.#apply = apply;
  }

  /** Takes one item: applied now when no frame is open, else with the others at the next frame. */
  push(item: T): void {
    if (this.#cancelFrame) return void this.#queued.push(item);
    if (this.#schedule) this.#openFrame(this.#schedule);
    this.#apply([item]);
  }

  /** Applies whatever waits, now. */
  flush(): void {
    if (this.#queued.length === 0) return;
    const items = this.#queued;
    this.#queued = [];
    this.#apply(items);
  }

  /** Drops what waits and the open frame (the channel is going away). */
  cancel(): void {
    this.#cancelFrame?.();
    this.#cancelFrame = null;
    this.#queued = [];
  }

  // A frame stays open while items keep arriving: under load, one batch per frame; once a frame passes with nothing
  // queued, the next item goes through at once again.
  #openFrame(schedule: ScheduleFrame): void {
    this.#cancelFrame = schedule(() => {
      this.#cancelFrame = null;
      if (this.#queued.length === 0) return;
      this.#openFrame(schedule);
      this.flush();
    });
  }
}
