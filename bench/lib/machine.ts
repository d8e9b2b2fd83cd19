import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

/** Where a run happened: results from different machines are not comparable. */
export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  chromium: string | null;
  platform: string;
  date: string;
}

/**
 * Describes this machine. The Chromium version is the one the browser section drives (Debian's /usr/bin/chromium).
 *
 * @example
 * const machine = describeMachine('/usr/bin/chromium');
 */
export function describeMachine(chromiumPath: string): Machine {
  let chromium: string | null = null;
  try {
    chromium = execFileSync(chromiumPath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    // Not installed: the browser section will say so; the others do not need it.
  }
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
}
