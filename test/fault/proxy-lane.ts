import type net from 'node:net';
import type { Direction } from './proxy-types';

export interface Chunk {
  data: Buffer;
  /** Not forwarded before this time (ms, Date.now()). */
  releaseAt: number;
}

/** One direction of one connection: a queue the proxy forwards by hand, so it can stall, delay, split and cut it. */
export class Lane {
  readonly queue: Chunk[] = [];
  queuedBytes = 0;
  forwarded = 0;
  stalledUntil = 0;
  delayMs = 0;
  delayUntil = 0;
  splitUntil = 0;
  /** Bytes still to forward before the connection is cut; null when no cut is armed. */
  cutAfter: number | null = null;
  /** The source sent FIN: end the destination once the queue is drained. */
  ended = false;
  pumping = false;
  private wakeUp: (() => void) | null = null;

  constructor(
    readonly direction: Direction,
    readonly from: net.Socket,
    readonly to: () => net.Socket | null,
  ) {}

  /** Waits `ms` or until `wake()`. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.wakeUp === done) self.wakeUp = null;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  wake(): void {
    this.wakeUp?.();
  }
}
