import './bench.css';
import { Profiler } from 'react';
import { createRoot } from 'react-dom/client';
import { BenchSocket } from './bench-socket';
import { feed } from './feed';
import { connectedFrame, makeFrames, makeMessages, messageId, seqOf } from './frames';
import { Monitor, nextFrame, round, sleep, waitSettled } from './monitor';
import type { SetupVariant, VariantSetup } from './variant';

/**
 * The bench page: `?variant=natter|seed|chatscope` picks the chat UI (loaded as its own chunk, so a page carries
 * only its variant's code); bench/browser/run.mjs drives `window.bench` through playwright.
 */
const variants: Record<string, () => Promise<{ setup: SetupVariant }>> = {
  natter: () => import('./natter'),
  seed: () => import('./seed'),
  chatscope: () => import('./chatscope'),
};
const name = new URLSearchParams(location.search).get('variant') ?? 'natter';
const container = document.getElementById('root')!;
let commits = 0;

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`${name}: timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Mounts the variant (inside a Profiler counting commits) and returns when its socket is open. */
async function mount(setup: VariantSetup): Promise<{ socket: BenchSocket; mountedAt: number }> {
  const opened = BenchSocket.next();
  const mountedAt = performance.now();
  createRoot(container).render(
    <Profiler id="chat" onRender={() => void (commits += 1)}>
      {setup.element}
    </Profiler>,
  );
  return { socket: await opened, mountedAt };
}

const rowShown = (seq: number) => () => container.querySelector(`[data-message-id="${messageId(seq)}"]`) !== null;
const domNodes = () => document.getElementsByTagName('*').length;
const rowsInDom = () => container.querySelectorAll('[data-message-id]').length;

async function load(): Promise<SetupVariant> {
  const load = variants[name];
  if (!load) throw new Error(`Unknown variant ${name}: one of ${Object.keys(variants).join(', ')}`);
  return (await load()).setup;
}

/** Options of an ingest run. */
interface IngestOptions {
  messages: number;
  /** null: a burst (back to back); else frames per second. */
  perSecond: number | null;
  /** The run gives up this long after the first frame. */
  capMs: number;
  quietMs: number;
}

async function ingest({ messages, perSecond, capMs, quietMs }: IngestOptions) {
  BenchSocket.greeting = connectedFrame(0);
  const setup = await (await load())({ history: [] });
  const { socket } = await mount(setup);
  await until(setup.isReady, 10_000, 'the chat to be ready');
  await sleep(300);
  const frames = makeFrames(1, messages);
  commits = 0;
  const monitor = new Monitor();
  monitor.start();
  const deadline = performance.now() + capMs;
  const fed = await feed(socket, frames, perSecond, deadline);
  const settledAt = fed.delivered === messages ? await waitSettled(monitor, rowShown(messages), quietMs, deadline) : null;
  const endAt = settledAt ?? performance.now();
  const summary = monitor.stop();
  const settled = settledAt !== null;
  const elapsed = endAt - fed.firstAt;
  return {
    variant: name,
    messages,
    delivered: fed.delivered,
    settled,
    /** First frame → settled; when capped, the time used so far (a lower bound). */
    totalMs: round(elapsed),
    /** Last frame → settled. */
    settleMs: settled ? round(endAt - fed.lastAt) : null,
    feedMs: round(fed.lastAt - fed.firstAt),
    maxLagMs: perSecond === null ? null : round(fed.maxLagMs),
    // Per-message cost grows with the messages held when every message re-renders all of them: total ~ n².
    extrapolatedTotalMs: settled || fed.delivered === 0 ? null : round(elapsed * (messages / fed.delivered) ** 2, 0),
    ...summary,
    commits,
    rowsInDom: rowsInDom(),
    domNodes: domNodes(),
    framesSent: socket.sent,
  };
}

/** Options of the large-room run. */
interface LargeRoomOptions {
  messages: number;
  quietMs: number;
  capMs: number;
}

async function largeRoom({ messages, quietMs, capMs }: LargeRoomOptions) {
  BenchSocket.greeting = connectedFrame(messages);
  const preparedAt = performance.now();
  const setup = await (await load())({ history: makeMessages(1, messages) });
  const prepareMs = performance.now() - preparedAt;
  commits = 0;
  const monitor = new Monitor();
  monitor.start();
  const { mountedAt } = await mount(setup);
  await until(() => container.querySelector('[data-message-id]') !== null, capMs, 'a first row');
  await nextFrame();
  const firstPaintMs = performance.now() - mountedAt;
  await until(setup.isReady, capMs, 'the chat to be ready');
  const settledAt = await waitSettled(monitor, rowShown(messages), quietMs, mountedAt + capMs);
  const summary = monitor.stop();
  return {
    variant: name,
    messages,
    prepareMs: round(prepareMs),
    firstPaintMs: round(firstPaintMs),
    settled: settledAt !== null,
    settleMs: settledAt === null ? null : round(settledAt - mountedAt),
    ...summary,
    commits,
    rowsInDom: rowsInDom(),
    domNodes: domNodes(),
  };
}

/** The element that scrolls the list: the tallest scrollable one in the page. */
function findScroller(): HTMLElement {
  let best: HTMLElement | null = null;
  for (const element of container.querySelectorAll<HTMLElement>('*')) {
    const { overflowY } = getComputedStyle(element);
    if ((overflowY === 'auto' || overflowY === 'scroll') && element.scrollHeight > element.clientHeight) {
      if (!best || element.scrollHeight > best.scrollHeight) best = element;
    }
  }
  if (!best) throw new Error(`${name}: no scrolling list found`);
  return best;
}

/** The seq of the first row whose bottom is below the list's top edge (rows are in document order: binary search). */
function topSeq(scroller: HTMLElement): number | null {
  const top = scroller.getBoundingClientRect().top;
  const rows = scroller.querySelectorAll('[data-message-id]');
  let low = 0;
  let high = rows.length - 1;
  let found: Element | null = null;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const row = rows[middle]!;
    if (row.getBoundingClientRect().bottom > top) {
      found = row;
      high = middle - 1;
    } else low = middle + 1;
  }
  return found ? seqOf(found.getAttribute('data-message-id')!) : null;
}

/**
 * From the bottom of the mounted room, scrolls up two viewports per animation frame (a fast fling) until the top
 * row is `through` messages older than where it started, or the list cannot go further.
 */
async function scroll({ through, capMs }: { through: number; capMs: number }) {
  const scroller = findScroller();
  scroller.scrollTop = scroller.scrollHeight;
  await nextFrame();
  await nextFrame();
  const from = topSeq(scroller) ?? 0;
  const target = from - through;
  commits = 0;
  const monitor = new Monitor();
  monitor.start();
  const startedAt = performance.now();
  let steps = 0;
  let probeMs = 0;
  let stuckSince: number | null = null;
  let reached = from;
  // Finding the top row walks the rows: done every 8th frame, and its time taken out of the total.
  const probe = () => {
    const probeAt = performance.now();
    reached = topSeq(scroller) ?? reached;
    probeMs += performance.now() - probeAt;
  };
  while (reached > target && performance.now() - startedAt < capMs) {
    const before = scroller.scrollTop;
    scroller.scrollTop = before - 2 * scroller.clientHeight;
    await nextFrame();
    steps += 1;
    if (steps % 8 === 0) probe();
    // At the top, give a list that loads older pages a moment to do so before calling it the end.
    if (scroller.scrollTop >= before) {
      stuckSince ??= performance.now();
      if (performance.now() - stuckSince > 2000) break;
    } else stuckSince = null;
  }
  probe();
  const totalMs = performance.now() - startedAt - probeMs;
  const summary = monitor.stop();
  return {
    variant: name,
    through,
    scrolledThrough: from - reached,
    /** False when the cap (or the top of the list) came first. */
    reached: reached <= target,
    steps,
    totalMs: round(totalMs),
    probeMs: round(probeMs),
    msPerStep: steps ? round(totalMs / steps, 2) : null,
    ...summary,
    commits,
    rowsInDom: rowsInDom(),
    domNodes: domNodes(),
  };
}

declare global {
  interface Window {
    bench: { ingest: typeof ingest; largeRoom: typeof largeRoom; scroll: typeof scroll; variant: string };
  }
}
window.bench = { ingest, largeRoom, scroll, variant: name };
