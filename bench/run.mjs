/**
 * `npm run bench`: every comparison measured in one run on this machine, printed as Markdown tables and written to
 * bench/results.json. Not part of `npm test` (timings are never asserted there).
 *
 *   npm run bench                               all sections
 *   npm run bench -- --only=bundle,rtt          some of them (bundle, rtt, server, browser)
 *   npm run bench -- --quick                    fewer samples: a smoke run, not for publishing
 *   npm run bench -- --no-build                 reuse dist/ as it is
 *
 * Sections: bundle (bench/sections/bundle.ts), rtt (round trip, bench/sections/rtt.ts), server (2,000 connections,
 * bench/sections/server-load.ts) and browser (rendering in Chromium: bench/browser/run.mjs, which exports
 * `runBrowserBench({ root, quick, log })` resolving to plain JSON; its `tables` (`{ title, columns, rows, notes? }[]`)
 * are printed if it has them, else one table per object with a `rows` array). Run with tsx (the sections import the
 * reference server's TypeScript sources). A section that fails is reported and the
 * others still run; the exit code is then 1. results.json keeps the last result of each section, each with the time
 * it was measured.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROMIUM_PATH } from '../scripts/chromium.ts';
import { describeMachine } from './lib/machine.ts';
import { renderTable } from './lib/table.ts';
import { tablesFromResults } from './lib/tables-from-results.ts';
import { runBundle } from './sections/bundle.ts';
import { runRtt } from './sections/rtt.ts';
import { runServerLoad } from './sections/server-load.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = join(ROOT, 'bench/results.json');
const BROWSER = join(ROOT, 'bench/browser/run.mjs');
const SECTIONS = ['bundle', 'rtt', 'server', 'browser'];

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
  },
  strict: true,
});
const selected = args.only ? args.only.split(',').map((s) => s.trim()) : [...SECTIONS];
const unknown = selected.filter((s) => !SECTIONS.includes(s));
if (unknown.length) {
  process.stderr.write(`Unknown section(s): ${unknown.join(', ')}. Sections: ${SECTIONS.join(', ')}.\n`);
  process.exit(2);
}
const quick = args.quick;
/** @param {string} line */
const log = (line) => process.stderr.write(`${line}\n`);

/** @type {Record<string, () => Promise<{ results: object, tables: import('./lib/table.ts').Table[] } | null>>} */
const runners = {
  bundle: () => runBundle({ root: ROOT, log }),
  rtt: () => runRtt({ root: ROOT, log, ...(quick ? { samples: 300, spacedSamples: 40 } : {}) }),
  server: () => runServerLoad({ log, ...(quick ? { durationS: 5, burstPerRoom: 10 } : {}) }),
  browser: async () => {
    if (!existsSync(BROWSER)) {
      log('browser: skipped: bench/browser/run.mjs does not exist yet');
      return null;
    }
    if (quick) {
      // bench/browser's own knobs (see its README): a tenth of the messages, a 2 s sustained feed.
      process.env.BENCH_SCALE ??= '0.1';
      process.env.BENCH_SUSTAINED_SECONDS ??= '2';
    }
    // A clean machine may not have Debian's Chromium yet: the same install step as CI (.ci/run), or a clear failure.
    if (!existsSync(CHROMIUM_PATH) && spawnSync('bash', [join(ROOT, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' }).status !== 0) {
      throw new Error(`no Chromium at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install -y chromium)`);
    }
    const { runBrowserBench } = await import(pathToFileURL(BROWSER).href);
    const results = await runBrowserBench({ root: ROOT, quick, log });
    return { results, tables: Array.isArray(results.tables) ? results.tables : tablesFromResults('browser', results) };
  },
};

const machine = describeMachine(CHROMIUM_PATH);
process.stdout.write(
  `# npm run bench\n\n${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}, ` +
    `${machine.chromium ?? 'no Chromium'}; ${machine.date}${quick ? ' (--quick: fewer samples, not for publishing)' : ''}\n\n`,
);

if (!args['no-build'] && selected.some((s) => s !== 'server')) {
  log('build: npm run build (dist/ is what the bundle, rtt and browser sections measure)');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (build.status !== 0) {
    process.stderr.write(`npm run build failed:\n${build.stdout}\n${build.stderr}\n`);
    process.exit(1);
  }
}

/** @type {{ sections?: Record<string, unknown> }} */
let previous = {};
try {
  previous = JSON.parse(readFileSync(RESULTS, 'utf8'));
} catch {
  // First run, or an unreadable file: start over.
}
const sections = { ...previous.sections };
let failed = false;
for (const section of selected) {
  const started = new Date().toISOString();
  const load = loadavg()[0];
  try {
    const run = runners[section];
    if (!run) continue;
    const outcome = await run();
    if (!outcome) continue;
    sections[section] = { measuredAt: started, loadAverage1m: load, quick, ...outcome.results };
    for (const table of outcome.tables) process.stdout.write(`${renderTable(table)}\n`);
  } catch (error) {
    failed = true;
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`${section}: FAILED\n${message}`);
    sections[section] = { measuredAt: started, error: message };
  }
}
writeFileSync(RESULTS, `${JSON.stringify({ machine, sections }, null, 2)}\n`);
log(`results: ${RESULTS}`);
process.exit(failed ? 1 : 0);
