import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';

/**
 * Builds the published package into dist/: ESM (`.js`) + CJS (`.cjs`) + types (`.d.ts` / `.d.cts`) for four entries,
 * and dist/styles.css.
 *
 * Decisions (see also test/package/package.test.ts, which checks every one of them against the output):
 *
 * - ONE build for all entries, with code splitting in BOTH formats. Modules used by several entries (the core's
 *   `NatterError`, `createChatClient`, the store; the React `ChatContext` shared by `natter/react` and
 *   `natter/components`) land in shared `chunk-*.js` / `chunk-*.cjs` files that every entry imports, so `natter`,
 *   `natter/react` and `natter/components` see the same class objects and the same React context. Without splitting
 *   each entry would inline its own copy and `instanceof NatterError` / context lookups would break across entries.
 *   For CJS, tsup's `splitting: true` (esbuild can only split ESM) builds ESM chunks and then converts each file to
 *   CJS, keeping the chunk files shared; with `treeshake` on, that per-file conversion is done by rollup.
 *   Considered and rejected: rewriting `../core/*` imports in the React entries to the `natter` package (an esbuild
 *   plugin). It also gives identity, but only for modules the public `natter` entry re-exports: any internal helper
 *   or the (deliberately unexported) `ChatContext` imported across entries would fail at runtime, silently at build
 *   time. Splitting has no such condition. (Neither approach can fix the dual-package hazard: an app that loads
 *   natter once through `import` and once through `require` gets two copies — that is inherent to shipping both.)
 * - `"use client"` is prepended to the React entries (react, components) AFTER bundling, in `onSuccess`, not with
 *   esbuild's `banner`: the banner would land on every output file (also `natter`, `natter/testing` and the shared
 *   chunks), and tsup's rollup tree-shaking pass drops module-level directives ("Module level directives cause errors
 *   when bundled"). The source maps are shifted by one line to match.
 * - `platform: 'neutral'`: no Node built-in resolves (tsup strips `node:`), so a stray `node:*` import fails the build
 *   instead of shipping to browsers. Everything in `dependencies`/`peerDependencies` stays external.
 * - Entries build only if their source exists: `components` is optional until src/components/index.ts is written;
 *   once it exists, src/styles/natter.css must exist too (the build fails with a message otherwise).
 */

const ENTRIES = {
  index: 'src/index.ts',
  features: 'src/features/index.ts',
  react: 'src/react/index.ts',
  'react-features': 'src/react/features.ts',
  components: 'src/components/index.ts',
  testing: 'src/testing/index.ts',
} as const;
type EntryName = keyof typeof ENTRIES;

const REQUIRED: EntryName[] = ['index', 'react', 'testing'];
/** Entries whose outputs start with the `"use client"` directive (React Server Components boundary). */
const CLIENT_ENTRIES: EntryName[] = ['react', 'react-features', 'components'];
const CSS_SOURCE = 'src/styles/natter.css';
const CSS_TARGET = 'dist/styles.css';
const OUT_DIR = 'dist';
const USE_CLIENT = '"use client";';

function presentEntries(): Partial<Record<EntryName, string>> {
  const entries: Partial<Record<EntryName, string>> = {};
  for (const [name, path] of Object.entries(ENTRIES) as [EntryName, string][]) {
    if (existsSync(path)) entries[name] = path;
    else if (REQUIRED.includes(name)) throw new Error(`[natter build] Missing entry source ${path} (entry "${name}").`);
  }
  if (entries.components && !existsSync(CSS_SOURCE)) {
    throw new Error(
      `[natter build] ${ENTRIES.components} exists but ${CSS_SOURCE} does not: natter/components needs its stylesheet ` +
        `(published as natter/styles.css). Create ${CSS_SOURCE}.`,
    );
  }
  return entries;
}

/** Prepends `"use client";` as the first statement of a built file and shifts its source map by one line. */
function prependUseClient(file: string): void {
  const code = readFileSync(file, 'utf8');
  if (/^\s*["']use client["'];?/.test(code)) return;
  writeFileSync(file, `${USE_CLIENT}\n${code}`);
  const mapFile = `${file}.map`;
  if (existsSync(mapFile)) {
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { mappings: string };
    map.mappings = `;${map.mappings}`;
    writeFileSync(mapFile, JSON.stringify(map));
  }
}

/**
 * tsup's rollup tree-shaking pass appends its own `//# sourceMappingURL=` comment before tsup appends the same one;
 * keep one.
 */
function dedupeSourceMapComments(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!/\.c?js$/.test(name)) continue;
    const file = join(dir, name);
    const code = readFileSync(file, 'utf8');
    const lines = code.split('\n');
    const kept = lines.filter((line, i) => !(line.startsWith('//# sourceMappingURL=') && lines.indexOf(line) !== i));
    if (kept.length !== lines.length) writeFileSync(file, kept.join('\n'));
  }
}

/** The stylesheet is copied as is, so it must not reference other local files (they would not be in dist/). */
function copyStyles(): void {
  if (!existsSync(CSS_SOURCE)) return;
  const css = readFileSync(CSS_SOURCE, 'utf8');
  const localRef = /@import\s+(?:url\()?\s*["']?\.{0,2}\/|url\(\s*["']?(?!data:|https?:|#)[^)"']+/i.exec(css);
  if (localRef) {
    throw new Error(
      `[natter build] ${CSS_SOURCE} references a local file (${localRef[0]}); it is copied as is to ${CSS_TARGET}, ` +
        `so keep it self-contained (inline the rule or use a data: URL) or extend tsup.config.ts to bundle it.`,
    );
  }
  mkdirSync(dirname(CSS_TARGET), { recursive: true });
  copyFileSync(CSS_SOURCE, CSS_TARGET);
}

export default defineConfig(() => {
  const entry = presentEntries();
  return {
    entry,
    outDir: OUT_DIR,
    format: ['esm', 'cjs'],
    // "type": "module" in package.json: ESM gets .js / .d.ts, CJS gets .cjs / .d.cts.
    dts: true,
    splitting: true,
    treeshake: true,
    sourcemap: true,
    clean: true,
    platform: 'neutral',
    target: 'es2022',
    // Also implied by dependencies/peerDependencies; listed so the intent does not depend on package.json.
    // tsup matches subpaths too (react/jsx-runtime, zustand/vanilla, msw/node, react-dom/server, …).
    external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query', 'zustand', 'msw'],
    onSuccess: async () => {
      dedupeSourceMapComments(OUT_DIR);
      for (const name of CLIENT_ENTRIES) {
        if (!entry[name]) continue;
        for (const ext of ['js', 'cjs']) prependUseClient(join(OUT_DIR, `${name}.${ext}`));
      }
      copyStyles();
    },
  };
});
