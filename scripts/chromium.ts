/**
 * How every browser suite launches Chromium: Debian's build (nothing may download a browser here) with the flags
 * from shared/TOOLCHAIN.md - no sandbox (root), no GPU, and no look-ups of hosts other than this machine.
 *
 * @example
 * const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];
