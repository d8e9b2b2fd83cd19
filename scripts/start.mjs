#!/usr/bin/env node
/**
 * `npm start`: the reference server and the demo's Vite dev server, side by side.
 *
 * Waits until both answer, prints one line with the URLs, and then stays quiet except for warnings and errors.
 * Ctrl-C or SIGTERM stops both cleanly (the server closes its sockets and its database). If either one dies, the
 * other is stopped and this exits non-zero, with the output of the one that died.
 *
 * Environment: NATTER_SERVER_PORT (default 8787), NATTER_DEMO_PORT (default 5173, or the next free one),
 * NATTER_DB (default .data/natter.db), NATTER_LOG_LEVEL (the server's; default warn).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;

const serverPort = Number(process.env.NATTER_SERVER_PORT ?? 8787);
const db = process.env.NATTER_DB ?? '.data/natter.db';
const serverUrl = `http://${HOST}:${serverPort}`;

/** A child process whose output is kept (and shown only if it fails) until everything is ready. */
function run(name, args, env = {}) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    // Colours only when they end up on a terminal.
    env: { ...process.env, ...env, ...(process.stderr.isTTY ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' }) },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a terminal's Ctrl-C reaches only us, and we stop each child exactly once.
    detached: true,
  });
  const proc = { name, child, output: [], live: false, exited: null };
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (text) => {
      if (proc.live) process.stderr.write(text.replace(/^(?=.)/gm, `[${name}] `));
      else proc.output.push(text);
    });
  }
  proc.exited = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
  return proc;
}

function freePort(port) {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, HOST, () => probe.close(() => done(true)));
  });
}

async function pickDemoPort() {
  const first = Number(process.env.NATTER_DEMO_PORT ?? 5173);
  for (let port = first; port < first + 20; port += 1) if (await freePort(port)) return port;
  throw new Error(`no free port from ${first} to ${first + 19}`);
}

async function waitFor(url, proc) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let stopped = false;
  void proc.exited.then(() => (stopped = true));
  while (!stopped && Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((next) => setTimeout(next, 200));
  }
  throw new Error(stopped ? `the ${proc.name} exited before answering ${url}` : `the ${proc.name} did not answer ${url} within ${READY_TIMEOUT_MS / 1000} s`);
}

const demoPort = await pickDemoPort();
const demoUrl = `http://${HOST}:${demoPort}`;
const procs = [
  run('server', [join(dirname(require.resolve('tsx/package.json')), 'dist/cli.mjs'), 'server/src/cli.ts', '--port', String(serverPort), '--host', HOST, '--db', db === ':memory:' ? db : resolve(root, db), '--log-level', process.env.NATTER_LOG_LEVEL ?? 'warn']),
  run('demo', [join(dirname(require.resolve('vite/package.json')), 'bin/vite.js'), '--config', 'examples/demo/vite.config.ts', '--host', HOST, '--port', String(demoPort), '--strictPort'], {
    VITE_NATTER_URL: serverUrl,
  }),
];

let stopping = false;

/** Stops every child still running (SIGTERM, then SIGKILL after a while) and exits with `code`. */
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    procs.map(async (proc) => {
      if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
      proc.child.kill('SIGTERM');
      const timer = setTimeout(() => proc.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await proc.exited;
      clearTimeout(timer);
    }),
  );
  process.exit(code);
}

function showOutput(proc) {
  const text = proc.output.join('').trimEnd();
  proc.output = [];
  if (text) process.stderr.write(`--- output of the ${proc.name} ---\n${text}\n---\n`);
}

for (const proc of procs) {
  void proc.exited.then(({ code, signal }) => {
    if (stopping) return;
    process.stderr.write(`\nThe ${proc.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the rest.\n`);
    showOutput(proc);
    void stopAll(1);
  });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) return;
    process.stderr.write(`\n${signal}: stopping the demo and the server…\n`);
    void stopAll(0);
  });
}
// If this process dies of an error, do not leave the children running on their own.
process.on('exit', () => {
  for (const proc of procs) if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGTERM');
});

try {
  await Promise.all([waitFor(`${serverUrl}/health`, procs[0]), waitFor(`${demoUrl}/`, procs[1])]);
} catch (error) {
  if (!stopping) {
    process.stderr.write(`\nnpm start failed: ${error.message}\n`);
    for (const proc of procs) showOutput(proc);
    void stopAll(1);
  }
  // Whoever is stopping exits the process; wait for it.
  await new Promise(() => {});
}

for (const proc of procs) {
  proc.output = [];
  proc.live = true;
}
process.stdout.write(`Natter demo: ${demoUrl}  (server: ${serverUrl}, database: ${db})  Ctrl-C to stop\n`);
