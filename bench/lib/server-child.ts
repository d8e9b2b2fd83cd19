/**
 * The reference server in its own process for `npm run bench` (bench/lib/bench-server.ts starts it): measured
 * clients and the server then run on different cores, and a client's work never shows up as server latency.
 *
 * argv[2]: the createServer options as JSON. Prints `READY <url>` once listening. Over IPC it answers `stats` with
 * its CPU time and event-loop utilization since the previous `stats`, and `stop` closes the server and exits.
 */
import { performance } from 'node:perf_hooks';
import { createServer, type ServerOptions } from '../../server/src/index.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as ServerOptions;
const server = await createServer(options);
let cpu = process.cpuUsage();
let elu = performance.eventLoopUtilization();
let since = performance.now();

process.on('message', (message: unknown) => {
  if (message === 'stats') {
    const now = performance.now();
    const cpuDelta = process.cpuUsage(cpu);
    const eluDelta = performance.eventLoopUtilization(elu);
    process.send?.({ cpuMs: (cpuDelta.user + cpuDelta.system) / 1000, wallMs: now - since, elu: eluDelta.utilization, rssMiB: process.memoryUsage().rss / 2 ** 20 });
    cpu = process.cpuUsage();
    elu = performance.eventLoopUtilization();
    since = now;
  } else if (message === 'stop') {
    void server.close().finally(() => process.exit(0));
  }
});
// The parent going away (a crash, Ctrl-C) must not leave a server behind.
process.on('disconnect', () => void server.close().finally(() => process.exit(0)));
process.stdout.write(`READY ${server.url}\n`);
