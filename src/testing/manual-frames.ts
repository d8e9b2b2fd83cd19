import type { ScheduleFrame } from '../core/frame-batcher';

/** Animation frames that only pass when told: pass `schedule` as the client's `scheduleFrame`, then `pass()`. */
export interface ManualFrames {
  schedule: ScheduleFrame;
  /** Runs every frame callback waiting now (callbacks they schedule wait for the next `pass`). */
  pass(): void;
  /** Frame callbacks waiting. */
  pending(): number;
}

/**
 * Frames driven by hand, to decide in a test when a batch of incoming messages reaches the store. As with real
 * frames, the first message after a quiet frame lands at once (and opens a frame); those after it wait for `pass()`.
 *
 * @example
 * const frames = createManualFrames();
 * const client = createChatClient({ ...options, scheduleFrame: frames.schedule });
 * frames.pass(); // the messages that arrived since the last frame land now
 */
export function createManualFrames(): ManualFrames {
  let queued: Array<() => void> = [];
  return {
    schedule: (run) => {
      queued.push(run);
      return () => void (queued = queued.filter((item) => item !== run));
    },
    pass() {
      const due = queued;
      queued = [];
      for (const run of due) run();
    },
    pending: () => queued.length,
  };
}
