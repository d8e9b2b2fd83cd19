import type { Direction, Directions, FaultKind } from './tcp-proxy';

/*
 * The fault-injection scenario, drawn from a seed before anything runs: users, chat memberships, every send, every
 * proxy fault and every server restart. FAULT_SEND_MS=<ms> changes the length of the sending phase (default 32 s).
 */

export const SEND_PHASE_MS = Number(process.env.FAULT_SEND_MS ?? 32_000);
/** Proxy faults planned over the sending phase (some find no connection to hit and are replanned). */
const PLANNED_FAULTS = 150;
/**
 * Faults go on this long after the last send: reconnects then find messages they missed and fetch them over REST
 * connections that are still being cut, so the end state depends on the client retrying on its own.
 */
const FAULT_TAIL_MS = 3000;

// Seeded randomness

/** sfc32: small, fast, good enough, and the same sequence for the same seed everywhere. */
export function prng(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i += 1) next();
  return next;
}

export const between = (rng: () => number, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const chance = (rng: () => number, p: number) => rng() < p;
const oneOf = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

// The scenario, drawn from the seed before anything runs.

export interface PlannedSend {
  at: number;
  chat: number;
  content: string;
}
export type FaultSpec =
  | { kind: 'cut'; all: boolean; afterBytes?: number; direction: Direction; reset: boolean; armedMs: number; on: 'ws' | 'http' }
  | { kind: 'stall'; all: boolean; ms: number; direction: Directions; on: 'ws' | 'http' }
  | { kind: 'delay'; all: boolean; latencyMs: number; forMs: number; on: 'ws' | 'http' }
  | { kind: 'split'; all: boolean; forMs: number; on: 'ws' | 'http' }
  | { kind: 'refuse'; ms: number };

/** Fault kinds in fixed proportions, shuffled per bag: every kind is injected, whatever the seed. */
const FAULT_BAG: FaultKind[] = ['cut', 'cut', 'cut', 'cut', 'stall', 'stall', 'stall', 'delay', 'delay', 'split', 'split', 'refuse'];

export function planFault(rng: () => number, kind: FaultKind): FaultSpec {
  // Mostly sockets; the rest on REST connections, where the client fetches missed messages.
  const on = chance(rng, 0.7) ? ('ws' as const) : ('http' as const);
  switch (kind) {
    case 'cut':
      return {
        kind,
        all: chance(rng, 0.05),
        ...(chance(rng, 0.4) ? {} : { afterBytes: between(rng, 0, 400) }),
        direction: chance(rng, 0.3) ? 'up' : 'down',
        reset: chance(rng, 0.5),
        // On an idle keep-alive REST connection, a cut armed this long lands in the middle of the next request.
        armedMs: on === 'http' ? between(rng, 300, 3000) : 300,
        on,
      };
    case 'stall':
      return {
        kind,
        all: chance(rng, 0.1),
        // Some long enough to trip the client's heartbeat (500 + 400 ms) or even the server's (2 × 1000 ms).
        ms: chance(rng, 0.3) ? between(rng, 900, 2500) : between(rng, 50, 700),
        direction: oneOf(rng, ['both', 'up', 'down'] as const),
        on,
      };
    case 'delay':
      return { kind, all: chance(rng, 0.15), latencyMs: between(rng, 10, 250), forMs: between(rng, 300, 2500), on };
    case 'split':
      return { kind, all: chance(rng, 0.15), forMs: between(rng, 200, 1500), on };
    case 'refuse':
      return { kind, ms: between(rng, 100, 700) };
  }
}

export function planScenario(seed: number) {
  const rng = prng(seed);
  const userCount = between(rng, 4, 6);
  const members: number[][] = [[], [], []];
  for (let u = 0; u < userCount; u += 1) {
    for (let c = 0; c < 3; c += 1) if (c === u % 3 || chance(rng, 0.45)) members[c]!.push(u);
  }
  for (const list of members) {
    while (list.length < 2) {
      const u = between(rng, 0, userCount - 1);
      if (!list.includes(u)) list.push(u);
    }
    list.sort((x, y) => x - y);
  }
  const sends: PlannedSend[][] = [];
  for (let u = 0; u < userCount; u += 1) {
    const mine = [0, 1, 2].filter((c) => members[c]!.includes(u));
    const count = between(rng, 30, 45);
    const times = Array.from({ length: count }, () => Math.floor(rng() * SEND_PHASE_MS)).sort((x, y) => x - y);
    sends.push(
      times.map((at, i) => {
        // One in eight is long enough (> 1 KiB) to be deflated by the server: compressed frames get cut and split too.
        const padding = chance(rng, 0.125) ? ' ' + 'lorem ipsum '.repeat(between(rng, 100, 400)) : '';
        return { at, chat: oneOf(rng, mine), content: `u${u} #${i} seed ${seed}${padding}` };
      }),
    );
  }
  const faults: { at: number; spec: FaultSpec }[] = [];
  let bag: FaultKind[] = [];
  const faultTimes = Array.from({ length: PLANNED_FAULTS }, () => between(rng, 300, SEND_PHASE_MS + FAULT_TAIL_MS - 100)).sort((x, y) => x - y);
  const nextKind = () => {
    if (bag.length === 0) {
      bag = [...FAULT_BAG];
      for (let i = bag.length - 1; i > 0; i -= 1) {
        const j = Math.floor(rng() * (i + 1));
        [bag[i], bag[j]] = [bag[j]!, bag[i]!];
      }
    }
    return bag.pop()!;
  };
  for (const at of faultTimes) faults.push({ at, spec: planFault(rng, nextKind()) });
  const restartCount = chance(rng, 0.5) ? 3 : 2;
  const restarts = Array.from({ length: restartCount }, (_, k) => ({
    at: Math.floor((SEND_PHASE_MS * (k + 1)) / (restartCount + 1) + (rng() - 0.5) * 0.1 * SEND_PHASE_MS),
    downMs: between(rng, 150, 1500),
  }));
  return { rng, userCount, members, sends, faults, restarts, nextKind };
}
