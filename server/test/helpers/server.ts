import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { createServer } from '../../src/index.ts';

export type ServerOptions = NonNullable<Parameters<typeof createServer>[0]>;
export type RunningServer = Awaited<ReturnType<typeof createServer>>;

/** A started server whose `close()` may be called any number of times (the first call does the work). */
export interface TestServer extends RunningServer {
  close(): Promise<void>;
}

/**
 * Starts a server on an ephemeral port with an in-memory database (unless `options` says otherwise) and closes it
 * when the current test finishes. Must be called inside a test.
 */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const server = await createServer({ port: 0, db: ':memory:', ...options });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= server.close());
  onTestFinished(async () => {
    await close();
  });
  return { ...server, url: server.url, wsUrl: server.wsUrl, port: server.port, close };
}

/** Captures every line a server logs (for `logger: { level, stream }`). */
export function logCapture(): { stream: { write(line: string): void }; text(): string; lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    stream: {
      write(line: string) {
        lines.push(String(line));
      },
    },
    text: () => lines.join(''),
  };
}

/**
 * A database file path in a fresh temporary folder, removed when the current test finishes; for tests that restart a
 * server on the same data. Must be called inside a test.
 *
 * @example
 * const db = tempDbFile();
 * const first = await startServer({ db });
 */
export function tempDbFile(prefix = 'natter-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'natter.db');
}
