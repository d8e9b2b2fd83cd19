import type { BenchSocket } from './bench-socket';

/** How far a feed got. */
export interface FeedResult {
  /** Frames delivered (fewer than given when the deadline passed first). */
  delivered: number;
  firstAt: number;
  lastAt: number;
  /** The longest wait of a frame past its due time (sustained feeds): how far the page fell behind the network. */
  maxLagMs: number;
}

const channel = new MessageChannel();
let wake: (() => void) | null = null;
channel.port1.onmessage = () => wake?.();

/** Resolves in a new task, queued behind whatever the page already scheduled (React's renders included). */
const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    wake = resolve;
    channel.port2.postMessage(null);
  });

/**
 * Delivers `frames` to `socket`, each in its own task, as network frames arrive: `perSecond` null sends them back to
 * back as fast as the page takes them (a burst), otherwise frame i is due at `i / perSecond` s after the start
 * (sustained). Between two frames the page's other tasks run, so a variant that renders on every message pays
 * for it before the next one arrives. Stops at `deadline` (a `performance.now()` time).
 *
 * @example
 * const { lastAt } = await feed(socket, frames, null, performance.now() + 60_000);
 */
export async function feed(socket: BenchSocket, frames: readonly string[], perSecond: number | null, deadline: number): Promise<FeedResult> {
  let maxLagMs = 0;
  await nextTask();
  const firstAt = performance.now();
  let lastAt = firstAt;
  let delivered = 0;
  for (const frame of frames) {
    if (perSecond !== null) {
      const due = firstAt + (delivered * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
      else await nextTask();
      maxLagMs = Math.max(maxLagMs, performance.now() - due);
    } else if (delivered > 0) {
      await nextTask();
    }
    if (performance.now() > deadline) break;
    socket.deliver(frame);
    lastAt = performance.now();
    delivered += 1;
  }
  return { delivered, firstAt, lastAt, maxLagMs };
}
