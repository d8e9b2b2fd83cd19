import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The published package, as a consumer gets it: builds dist/ once with tsup (tsup.config.ts), then checks the files
 * the exports map points to, the "use client" boundaries, that shared code exists once (identity across entries),
 * and loads every entry by name in plain `node` child processes (ESM and CJS) with the browser globals booby-trapped,
 * server-rendering a ChatProvider tree (fixtures/harness.cjs).
 *
 * `natter/components` and `natter/styles.css` are asserted once their sources exist; until then the test named
 * "… (not yet)" asserts the build did not produce them and prints a warning, and the checks that need them are left
 * out of the loops (their test names say which entries were checked).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'dist');
const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
const HAS_COMPONENTS = existsSync(join(ROOT, 'src/components/index.ts'));
const HAS_CSS = existsSync(join(ROOT, 'src/styles/natter.css'));

const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, Record<string, string>>>;
  main: string;
  module: string;
  types: string;
};

type Entry = 'index' | 'features' | 'react' | 'react-features' | 'components' | 'testing';
const ENTRIES: Entry[] = ['index', 'features', 'react', 'react-features', ...(HAS_COMPONENTS ? (['components'] as const) : []), 'testing'];
const CLIENT_ENTRIES: Entry[] = ['react', 'react-features', 'components'];
const USE_CLIENT_LINE = '"use client";';

const read = (file: string) => readFileSync(join(DIST, file), 'utf8');

/** The file and every chunk it loads statically (relative imports/requires), transitively: what a consumer loads. */
function closure(file: string): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const code = read(name);
    const specifiers = [
      ...code.matchAll(/(?:\bfrom|\bimport)\s*['"](\.\/[^'"]+)['"]/g),
      ...code.matchAll(/\brequire\(\s*['"](\.\/[^'"]+)['"]\s*\)/g),
    ].map((m) => m[1]!);
    for (const specifier of specifiers) visit(posix.normalize(posix.join(posix.dirname(name), specifier)));
  };
  visit(file);
  return [...seen];
}

interface ChildReport {
  format: 'esm' | 'cjs';
  sockets: string[];
  fetches: string[];
  trapHits: { name: string; what: string; stack: string }[];
  checks: {
    hooks: Record<string, string | undefined>;
    features: Record<string, string | undefined>;
    errorIdentity: { threw: boolean; name?: string; code?: string; instanceOfNatterError?: boolean; instanceOfError?: boolean };
    components?: { parts: string[] };
    testing: { fakeSocketClass: boolean; manualTimers: boolean };
  };
  html: Record<string, string>;
}

/** Runs a fixture in a fresh `node` (cwd: the repo root), and returns its NATTER_REPORT, or fails with its output. */
function runConsumer(script: string): ChildReport {
  const result = spawnSync(process.execPath, [join(FIXTURES, script)], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NATTER_COMPONENTS: HAS_COMPONENTS ? '1' : '0', NODE_OPTIONS: '' },
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith('NATTER_REPORT '));
  if (result.status !== 0 || !line) {
    throw new Error(`node ${script} exited with ${result.status ?? result.signal}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
  }
  return JSON.parse(line.slice('NATTER_REPORT '.length)) as ChildReport;
}

beforeAll(() => {
  try {
    execFileSync('npx', ['tsup'], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npx tsup failed\n--- stdout\n${stdout ?? ''}\n--- stderr\n${stderr ?? ''}`);
  }
}, 180_000);

describe('exports map', () => {
  const targets = (Object.entries(PKG.exports) as [string, unknown][]).flatMap(([subpath, value]) => {
    const leaves: [string, string][] = [];
    const walk = (node: unknown, where: string) => {
      if (typeof node === 'string') leaves.push([where, node]);
      else for (const [condition, child] of Object.entries(node as object)) walk(child, `${where} ${condition}`);
    };
    walk(value, subpath);
    return leaves;
  });
  const pending = (target: string) =>
    (!HAS_COMPONENTS && target.includes('/components.')) || (!HAS_CSS && target.endsWith('/styles.css'));

  it('declares every public subpath with types first for import and require', () => {
    expect(Object.keys(PKG.exports).sort()).toEqual(['.', './components', './features', './package.json', './react', './react/features', './styles.css', './testing']);
    for (const subpath of ['.', './features', './react', './react/features', './components', './testing']) {
      const conditions = PKG.exports[subpath] as Record<string, Record<string, string>>;
      expect(Object.keys(conditions), subpath).toEqual(['import', 'require']);
      expect(Object.keys(conditions.import!)[0], `${subpath} import`).toBe('types');
      expect(Object.keys(conditions.require!)[0], `${subpath} require`).toBe('types');
      expect(conditions.import!.types).toMatch(/\.d\.ts$/);
      expect(conditions.require!.types).toMatch(/\.d\.cts$/);
      expect(conditions.require!.default).toMatch(/\.cjs$/);
    }
  });

  it('points only at files the build produced (and main/module/types too)', () => {
    const all: [string, string][] = [...targets, ['main', PKG.main], ['module', PKG.module], ['types', PKG.types]];
    const missing = all.filter(([, target]) => !pending(target) && !existsSync(join(ROOT, target)));
    expect(missing).toEqual([]);
  });

  it(`builds natter/components exactly when src/components/index.ts exists (${HAS_COMPONENTS ? 'it does' : 'not yet'})`, () => {
    if (!HAS_COMPONENTS) console.warn('[package] src/components/index.ts does not exist yet: natter/components is not built or checked.');
    for (const file of ['components.js', 'components.cjs', 'components.d.ts', 'components.d.cts']) {
      expect(existsSync(join(DIST, file)), file).toBe(HAS_COMPONENTS);
    }
  });

  it(`copies src/styles/natter.css to dist/styles.css exactly when it exists (${HAS_CSS ? 'it does' : 'not yet'})`, () => {
    if (HAS_CSS) {
      expect(read('styles.css')).toBe(readFileSync(join(ROOT, 'src/styles/natter.css'), 'utf8'));
    } else {
      console.warn('[package] src/styles/natter.css does not exist yet: natter/styles.css is not built.');
      expect(existsSync(join(DIST, 'styles.css'))).toBe(false);
    }
    // The build refuses components without their stylesheet, so this state never reaches here.
    if (HAS_COMPONENTS) expect(HAS_CSS).toBe(true);
  });
});

describe('types through the exports map', () => {
  /**
   * A throwaway consumer project (in the OS temp dir) with `node_modules/natter` linked to this repo type-checks
   * imports of every entry under node16 (an .mts and a .cts file: the "import" and "require" types) and bundler
   * resolution, against dist/*.d.ts / *.d.cts.
   */
  it('node16 ESM, node16 CJS and bundler consumers type-check against dist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'natter-consumer-'));
    try {
      mkdirSync(join(dir, 'node_modules'));
      symlinkSync(ROOT, join(dir, 'node_modules', 'natter'), 'dir');
      writeFileSync(join(dir, 'package.json'), '{"name":"consumer","private":true}');
      const source = [
        "import { createChatClient, NatterError, type ChatClient } from 'natter';",
        "import { ChatProvider, useChat, type ChatProviderProps } from 'natter/react';",
        "import { createFakeWebSocket, createManualTimers } from 'natter/testing';",
        ...(HAS_COMPONENTS ? ["import { MessageList, type MessageListProps } from 'natter/components';"] : []),
        "const client: ChatClient = createChatClient({ baseUrl: 'http://x', getToken: () => 't', currentUser: { id: 'u', username: 'n' } });",
        "const error: NatterError = new NatterError('invalid_argument', 'x');",
        "const props: ChatProviderProps = { client };",
        ...(HAS_COMPONENTS ? ["const listProps: MessageListProps = { chatId: 'c' };", 'export { MessageList, listProps };'] : []),
        'export { client, error, props, ChatProvider, useChat, createFakeWebSocket, createManualTimers };',
      ].join('\n');
      writeFileSync(join(dir, 'esm.mts'), source);
      writeFileSync(join(dir, 'cjs.cts'), source);
      const base = { strict: true, noEmit: true, skipLibCheck: true, types: [], target: 'ES2022', lib: ['ES2022', 'DOM'] };
      const configs = {
        'tsconfig.node16.json': { compilerOptions: { ...base, module: 'node16', moduleResolution: 'node16' }, files: ['esm.mts', 'cjs.cts'] },
        'tsconfig.bundler.json': { compilerOptions: { ...base, module: 'esnext', moduleResolution: 'bundler' }, files: ['esm.mts'] },
      };
      const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
      for (const [name, config] of Object.entries(configs)) {
        writeFileSync(join(dir, name), JSON.stringify(config));
        const result = spawnSync(process.execPath, [tsc, '-p', name, '--traceResolution'], { cwd: dir, encoding: 'utf8' });
        const errors = result.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
        expect(errors, name).toEqual([]);
        expect(result.status, name).toBe(0);
        // Resolved to the built declarations, by condition.
        expect(result.stdout).toMatch(/'natter\/react' was successfully resolved to '[^']*\/dist\/react\.d\.ts'/);
        if (name === 'tsconfig.node16.json') expect(result.stdout).toMatch(/'natter\/react' was successfully resolved to '[^']*\/dist\/react\.d\.cts'/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('"use client" boundaries', () => {
  for (const entry of ENTRIES) {
    for (const ext of ['js', 'cjs']) {
      const file = `${entry}.${ext}`;
      if (CLIENT_ENTRIES.includes(entry)) {
        it(`${file} starts with "use client"`, () => {
          const code = read(file);
          expect(code.split('\n')[0]).toBe(USE_CLIENT_LINE);
          expect(code.match(/["']use client["']/g)).toHaveLength(1);
        });
      } else {
        it(`${file} has no "use client"`, () => {
          expect(read(file)).not.toMatch(/["']use client["']/);
        });
      }
    }
  }

  it('source maps of the React entries are shifted by the directive line', () => {
    for (const entry of ENTRIES.filter((e) => CLIENT_ENTRIES.includes(e))) {
      for (const ext of ['js', 'cjs']) {
        const map = JSON.parse(read(`${entry}.${ext}.map`)) as { mappings: string };
        expect(map.mappings.startsWith(';'), `${entry}.${ext}.map`).toBe(true);
      }
    }
  });
});

describe('core stays framework-free', () => {
  const reactImport = /\bfrom\s*['"](?:react|react-dom|@tanstack\/react-query|zustand)(?:\/(?!vanilla)[^'"]*)?['"]|\brequire\(\s*['"](?:react|react-dom|@tanstack\/react-query|zustand)(?:\/(?!vanilla)[^'"]*)?['"]\s*\)/;

  it('the natter ESM entry has neither `from "react"` nor `require("react")`', () => {
    const code = read('index.js');
    expect(code).not.toContain('from "react"');
    expect(code).not.toContain("from 'react'");
    expect(code).not.toContain('require("react")');
  });

  it('nothing natter or natter/features loads (ESM or CJS, chunks included) imports react, react-query or zustand/react', () => {
    for (const file of ['index', 'features'].flatMap((entry) => [...closure(`${entry}.js`), ...closure(`${entry}.cjs`)])) {
      expect(read(file), file).not.toMatch(reactImport);
    }
  });

  it('msw (an optional peer) is loaded only by natter/testing', () => {
    const msw = /\bfrom\s*['"]msw(?:\/[^'"]*)?['"]|\brequire\(\s*['"]msw(?:\/[^'"]*)?['"]\s*\)|\bimport\(\s*['"]msw/;
    for (const entry of ENTRIES.filter((e) => e !== 'testing')) {
      for (const file of [...closure(`${entry}.js`), ...closure(`${entry}.cjs`)]) expect(read(file), file).not.toMatch(msw);
    }
  });

  it('nothing in dist imports a Node built-in', () => {
    for (const entry of ENTRIES) {
      for (const file of [...closure(`${entry}.js`), ...closure(`${entry}.cjs`)]) {
        expect(read(file), file).not.toMatch(/\bfrom\s*['"]node:|\brequire\(\s*['"]node:|\bfrom\s*['"](?:fs|path|os|crypto|events|stream|url|util|ws)['"]/);
      }
    }
  });
});

describe('shared code exists once per format (identity across entries)', () => {
  const definitions = (ext: string, pattern: RegExp) => {
    const files = [...new Set(ENTRIES.flatMap((entry) => closure(`${entry}.${ext}`)))];
    return files.flatMap((file) => (read(file).match(new RegExp(pattern.source, 'g')) ?? []).map(() => file));
  };

  for (const ext of ['js', 'cjs']) {
    it(`${ext}: NatterError, createChatClient and ChatContext are each defined in exactly one file`, () => {
      expect(definitions(ext, /\bclass NatterError\b|\bNatterError\s*=\s*class\b/)).toHaveLength(1);
      expect(definitions(ext, /\bfunction createChatClient\s*\(|\bcreateChatClient\s*=\s*(?:function|\()/)).toHaveLength(1);
      expect(definitions(ext, /\bChatContext\s*=\s*[\w$.]*createContext\s*\(/)).toHaveLength(1);
    });
  }
});

describe('plain Node consumers, browser globals booby-trapped', () => {
  it('the traps work: touching a trapped global throws and is recorded', () => {
    const probe = `const h = require(${JSON.stringify(join(FIXTURES, 'harness.cjs'))}); h.installTraps();
      const out = h.TRAPPED.map((name) => { try { void globalThis[name]; return name + ':no-throw'; } catch { return name + ':threw'; } });
      try { void (typeof document); out.push('typeof:no-throw'); } catch { out.push('typeof:threw'); }
      out.push('window:' + typeof globalThis.window);
      try { void globalThis.window.addEventListener; out.push('window.x:no-throw'); } catch { out.push('window.x:threw'); }
      process.stdout.write(JSON.stringify(out));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })) as string[];
    // \`window\` reads as Node has it (undefined: libraries probe it at import), so using it still throws.
    expect(out).toEqual(['document:threw', 'WebSocket:threw', 'localStorage:threw', 'navigator:threw', 'typeof:threw', 'window:undefined', 'window.x:threw']);
  });

  for (const [format, script] of [
    ['ESM import()', 'ssr.mjs'],
    ['CJS require()', 'ssr.cjs'],
  ] as const) {
    it(`${format}: every entry resolves by name, server-renders a ChatProvider tree, opens no socket, shares one NatterError`, () => {
      const report = runConsumer(script);
      expect(report.trapHits.map((hit) => `${hit.name} ${hit.what}\n${hit.stack}`)).toEqual([]);
      expect(report.sockets).toEqual([]);
      expect(report.fetches).toEqual([]);
      // natter/react's hooks over a client made by natter: same client object, the store's initial state.
      expect(report.checks.hooks).toEqual({
        sameClient: 'true',
        messages: '',
        status: 'idle',
        connection: 'idle',
        typing: '',
        readCount: '0',
        direct: '0',
        visible: 'true',
        chats: '',
        chatsType: 'object',
      });
      // A client built inside natter/react throws natter's own NatterError class.
      expect(report.checks.errorIdentity).toEqual({
        threw: true,
        name: 'NatterError',
        code: 'invalid_argument',
        instanceOfNatterError: true,
        instanceOfError: true,
      });
      expect(report.checks.features).toEqual({ unread: '0', notifications: '0', presence: 'offline', functions: 'true' });
      expect(report.checks.testing).toEqual({ fakeSocketClass: true, manualTimers: true });
      if (HAS_COMPONENTS) {
        // natter/components found natter/react's context (no "inside <ChatProvider>" error) and rendered.
        expect(report.checks.components?.parts).toEqual(expect.arrayContaining(['connection-status', 'message-list', 'typing-indicator', 'composer']));
      } else {
        expect(report.checks.components).toBeUndefined();
      }
    }, 60_000);
  }
});

describe('size', () => {
  /**
   * Gzipped bytes of each entry plus every chunk it loads (unminified, as published; a consumer's bundler minifies
   * further). Only the core gets a ceiling, and a generous one: it is the part every user pays for, and 40 KB gzipped
   * (about 30% more than the core with rich messaging weighs unminified) would mean something large (a dependency bundled in by mistake, a polyfill) crept in. The other entries are only
   * printed; their size tracks features.
   */
  it('reports gzipped sizes; the core stays under 40 KB gzipped', () => {
    const gz = (files: string[]) => files.reduce((sum, file) => sum + gzipSync(read(file), { level: 9 }).length, 0);
    const raw = (files: string[]) => files.reduce((sum, file) => sum + statSync(join(DIST, file)).size, 0);
    const rows = ENTRIES.flatMap((entry) =>
      ['js', 'cjs'].map((ext) => {
        const files = closure(`${entry}.${ext}`);
        return { entry: `${entry}.${ext}`, files: files.length, raw: raw(files), gzip: gz(files), entryOnlyGzip: gz([`${entry}.${ext}`]) };
      }),
    );
    if (HAS_CSS) rows.push({ entry: 'styles.css', files: 1, raw: raw(['styles.css']), gzip: gz(['styles.css']), entryOnlyGzip: gz(['styles.css']) });
    const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
    console.log(
      `[package] sizes (entry + chunks it loads; gzip -9):\n${rows
        .map((r) => `  ${r.entry.padEnd(16)} ${kb(r.gzip).padStart(9)} gz  ${kb(r.raw).padStart(9)} raw  (${r.files} files; entry file alone ${kb(r.entryOnlyGzip)} gz)`)
        .join('\n')}`,
    );
    const core = rows.find((r) => r.entry === 'index.js')!;
    expect(core.gzip).toBeLessThan(40 * 1024);
  });
});

