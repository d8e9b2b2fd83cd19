import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { chatWithUsers } from './helpers/fixtures.ts';
import { upload } from './helpers/uploads.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

interface Run {
  code: Promise<number | null>;
  stdout: () => string;
  stderr: () => string;
  kill: () => void;
}

const running: Run[] = [];
afterEach(() => {
  for (const run of running.splice(0)) run.kill();
});

/** `npm run server -- …args`, as a child process (node with tsx, as the workspace's scripts run it). */
function cli(...args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const run: Run = {
    code: new Promise((resolve) => child.on('exit', resolve)),
    stdout: () => stdout,
    stderr: () => stderr,
    kill: () => child.kill('SIGKILL'),
  };
  running.push(run);
  return run;
}

/** The URL the server prints once it listens. */
async function listening(run: Run): Promise<string> {
  for (let i = 0; i < 300; i += 1) {
    const url = /listening on (\S+)/.exec(run.stdout())?.[1];
    if (url) return url;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the server printed no URL: ${run.stdout()}${run.stderr()}`);
}

describe('the server CLI', () => {
  it.each([
    [['--port', '70000'], '--port must be a whole number from 0 to 65535, not "70000"'],
    [['--max-upload-bytes', '0'], '--max-upload-bytes must be a whole number of at least 1, not "0"'],
    [['--max-pending-uploads', 'many'], '--max-pending-uploads must be a whole number of at least 1, not "many"'],
    [['--pending-upload-ttl-ms=-5'], '--pending-upload-ttl-ms must be a whole number of at least 0, not "-5"'],
    [['--no-such-flag'], "Unknown option '--no-such-flag'"],
  ])('refuses %j with exit code 2, saying why, and the usage', async (args, why) => {
    const run = cli(...args);
    expect(await run.code).toBe(2);
    expect(run.stderr()).toContain(why);
    expect(run.stderr()).toContain('Usage: npm run server');
  });

  it('passes the upload and rate-limit flags to the server', async () => {
    const run = cli('--port', '0', '--db', ':memory:', '--log-level', 'silent', '--max-pending-uploads', '1', '--no-rest-rate-limit');
    const server = { url: await listening(run) };
    const { users, chat } = await chatWithUsers(server, 1);
    const token = users[0]!.access_token;
    expect((await upload(server, token, chat.id, 'one', 'a.txt', 'text/plain')).status).toBe(201);
    // One unattached upload is all --max-pending-uploads 1 allows.
    const second = await upload(server, token, chat.id, 'two', 'b.txt', 'text/plain');
    expect(second).toMatchObject({ status: 409, body: { error: { code: 'limit_reached' } } });
    // Far past the search group's default burst (60): no 429 with --no-rest-rate-limit.
    const searches = await Promise.all(
      Array.from({ length: 80 }, () => fetch(`${server.url}/api/v1/chats/${chat.id}/search?q=x`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status)),
    );
    expect(new Set(searches)).toEqual(new Set([200]));
  });
});
