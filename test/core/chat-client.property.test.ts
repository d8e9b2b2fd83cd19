import fc from 'fast-check';
import { describe, it } from 'vitest';
import { SimulatedChat } from './helpers/simulated-chat';

/**
 * Issue 4, through the real client: a FakeWebSocket, manual timers and a stub history route play a server that
 * stores each client id once. Generated runs interleave sends, the server reading them, frames arriving late, twice
 * or never (a drop), reconnects, history pages answered late, send timeouts, retries and discards. At every step
 * nothing is invented, doubled or lost, and every `connected` resends exactly what is unacknowledged; once the
 * network calms down the store is the server's list, each message once, in seq order.
 */

type Command =
  | { kind: 'send' }
  | { kind: 'serverReads'; count: number }
  | { kind: 'deliver'; count: number }
  | { kind: 'otherPosts' }
  | { kind: 'duplicate'; pick: number }
  | { kind: 'lose' }
  | { kind: 'drop'; serverGotFrames: boolean }
  | { kind: 'reconnect' }
  /** drop, `missed` messages from others while down, reconnect, `connected` delivered: the usual road to a gap fill. */
  | { kind: 'outage'; missed: number; serverGotFrames: boolean }
  | { kind: 'load'; which: 'older' | 'newest'; limit: number }
  | { kind: 'timeout' }
  | { kind: 'retry'; pick: number }
  | { kind: 'discard'; pick: number }
  | { kind: 'holdHistory' }
  | { kind: 'releaseHistory' }
  | { kind: 'settle' };

const count = fc.integer({ min: 1, max: 3 });
const pick = fc.nat({ max: 20 });
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'send' as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('serverReads' as const), count }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('deliver' as const), count }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'otherPosts' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), pick }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'lose' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('drop' as const), serverGotFrames: fc.boolean() }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'reconnect' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('outage' as const),
      // Now and then more than a gap-fill page (200).
      missed: fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 0, max: 2 }) }, { weight: 1, arbitrary: fc.constant(201) }),
      serverGotFrames: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('load' as const), which: fc.constantFrom('older' as const, 'newest' as const), limit: count }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'timeout' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retry' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('discard' as const), pick }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'holdHistory' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'releaseHistory' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'settle' as const }) },
);

async function apply(sim: SimulatedChat, command: Command): Promise<void> {
  switch (command.kind) {
    case 'send':
      return sim.send();
    case 'serverReads':
      return sim.serverReads(command.count);
    case 'deliver':
      return sim.deliver(command.count);
    case 'otherPosts':
      return sim.otherPosts();
    case 'duplicate':
      return sim.duplicate(command.pick);
    case 'lose':
      return sim.lose();
    case 'drop':
      return sim.drop(command.serverGotFrames);
    case 'reconnect':
      return sim.reconnect();
    case 'outage':
      sim.drop(command.serverGotFrames);
      for (let i = 0; i < command.missed; i += 1) sim.otherPosts();
      await sim.reconnect();
      return sim.deliver(1);
    case 'load':
      return sim.load(command.which, command.limit);
    case 'timeout':
      return sim.timeout();
    case 'retry':
      return sim.retry(command.pick);
    case 'discard':
      return sim.discard(command.pick);
    case 'holdHistory':
      return sim.holdHistory();
    case 'releaseHistory':
      return sim.releaseHistory();
    case 'settle':
      return sim.settle();
  }
}

/** Runs a scenario: each command, then one turn of the event loop (as between two network events), then the checks. */
async function runScenario(
  { initial, firstPage, commands }: { initial: number; firstPage: number; commands: readonly Command[] },
): Promise<void> {
  const sim = await SimulatedChat.start({ initial, firstPage });
  try {
    for (const command of commands) {
      await apply(sim, command);
      await sim.tick();
      sim.checkAlways();
    }
    await sim.quiesce();
    await sim.expectConverged();
  } finally {
    sim.destroy();
  }
}

const scenarioArb = fc.record({
  initial: fc.integer({ min: 0, max: 4 }),
  firstPage: fc.integer({ min: 1, max: 3 }),
  commands: fc.array(commandArb, { maxLength: 30 }),
});

type Scenario = { initial: number; firstPage: number; commands: Command[] };

/** Roads the random runs take only now and then, always tried first. */
const EXAMPLES: Scenario[] = [
  // A newest page loaded while down leaves a hole; the next `connected` fills it from the hole.
  {
    initial: 1,
    firstPage: 1,
    commands: [
      { kind: 'drop', serverGotFrames: false },
      { kind: 'otherPosts' },
      { kind: 'otherPosts' },
      { kind: 'otherPosts' },
      { kind: 'load', which: 'newest', limit: 1 },
      { kind: 'settle' },
      { kind: 'reconnect' },
      { kind: 'deliver', count: 1 },
      { kind: 'settle' },
    ],
  },
  // A lost live frame is revealed by the next one and fetched.
  { initial: 1, firstPage: 1, commands: [{ kind: 'otherPosts' }, { kind: 'otherPosts' }, { kind: 'deliver', count: 1 }, { kind: 'lose' }, { kind: 'deliver', count: 1 }, { kind: 'settle' }] },
  // More missed than one gap-fill page holds.
  { initial: 0, firstPage: 1, commands: [{ kind: 'outage', missed: 201, serverGotFrames: false }, { kind: 'settle' }] },
  // Both echoes arrived but wait in the batch for the next frame when the send timeout goes off: not timed out.
  {
    initial: 0,
    firstPage: 1,
    commands: [{ kind: 'send' }, { kind: 'send' }, { kind: 'serverReads', count: 2 }, { kind: 'deliver', count: 2 }, { kind: 'timeout' }],
  },
  // Found in CI-like runs: a send times out, someone else posts, the server reads both, two frames arrive.
  {
    initial: 0,
    firstPage: 1,
    commands: [{ kind: 'send' }, { kind: 'timeout' }, { kind: 'otherPosts' }, { kind: 'serverReads', count: 1 }, { kind: 'deliver', count: 2 }],
  },
  // The echo is lost with the socket: the resend is answered with the stored message, stored once.
  {
    initial: 0,
    firstPage: 1,
    commands: [{ kind: 'send' }, { kind: 'drop', serverGotFrames: true }, { kind: 'send' }, { kind: 'reconnect' }, { kind: 'deliver', count: 1 }, { kind: 'serverReads', count: 2 }, { kind: 'deliver', count: 2 }],
  },
];

describe('chat client properties', () => {
  it('any interleaving of sends, late, duplicated and lost frames, reconnects and history pages converges on the server’s list', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, (scenario) => runScenario(scenario)),
      { numRuns: 200, examples: EXAMPLES.map((scenario) => [scenario]) },
    );
  });

  // KNOWN BUG 1 (shrunk by fast-check): the history route is slow; the socket drops, Bo posts m1, the client
  // reconnects and `connected` (last_seq 1) starts a gap fill, whose request reads m1. Before it answers, the
  // socket drops again, Bo posts m2, and the next `connected` (last_seq 2) asks for a fill while one is in flight:
  // ChatChannel.fillGap returns the running one. It ends with m1, has_more false, and m2 is missing until some
  // later message reveals the gap. Remove `.fails` (and the workaround above) once fixed.
  it('a connected that arrives while a gap fill is in flight still gets what it missed', async () => {
    await runScenario(
      {
        initial: 0,
        firstPage: 1,
        commands: [
          { kind: 'holdHistory' },
          { kind: 'outage', missed: 1, serverGotFrames: false },
          { kind: 'outage', missed: 1, serverGotFrames: false },
        ],
      },
    );
  });

  // KNOWN BUG 2a (shrunk by fast-check): I send; the server stores it (seq 1) but the socket drops before the echo.
  // On reconnect the outbox writes the frame again, and the gap fill for `connected` (last_seq 1) brings the message:
  // the store shows it sent. Only an echo acknowledges, so when the server is slower than sendTimeoutMs the client
  // emits a `timeout` error for a message shown as sent, and keeps it as failed: retry() then answers true and sends
  // it again. Remove `.fails` (and the workaround above) once a confirmation from history also acknowledges.
  it('a send confirmed by a history page is acknowledged: it never times out', async () => {
    await runScenario(
      {
        initial: 0,
        firstPage: 1,
        commands: [{ kind: 'send' }, { kind: 'serverReads', count: 1 }, { kind: 'outage', missed: 0, serverGotFrames: false }, { kind: 'timeout' }],
      },
    );
  });

  // KNOWN BUG 2b: I send; the server is slower than sendTimeoutMs, so the message turns failed; then the server
  // stores it and its echo arrives: the store shows it sent. ChatChannel still keeps the frame in `failed`, so
  // retry() answers true for a message shown as sent and writes it again. Remove `.fails` (and the workaround above)
  // once a confirmation clears `failed`.
  it('retry refuses a send that timed out and was confirmed since', async () => {
    await runScenario(
      {
        initial: 0,
        firstPage: 1,
        commands: [{ kind: 'send' }, { kind: 'timeout' }, { kind: 'serverReads', count: 1 }, { kind: 'deliver', count: 1 }, { kind: 'retry', pick: 0 }],
      },
    );
  });

  // KNOWN BUG 3a (shrunk by fast-check): the chat is loaded and empty (hasOlder false, lastSeq 0). Bo's m1 never
  // reaches this socket (the protocol allows for it: "a jump means frames were missed"); my own message comes back
  // as m2. ChatChannel.ingest only looks for a jump when lastSeq > 0, so nothing fetches m1, and with hasOlder false
  // nothing ever will. Remove `.fails` (and the workaround above) once a loaded chat checks for jumps from 0.
  // Bug 3b, not pinned here: a newest page (loadHistory without a cursor) landing above a lost frame hides the gap
  // from the live frames that follow, until the next `connected`.
  it('a jump is noticed in a loaded chat that held nothing yet', async () => {
    await runScenario({ initial: 0, firstPage: 1, commands: [{ kind: 'otherPosts' }, { kind: 'lose' }, { kind: 'send' }] });
  });
});
