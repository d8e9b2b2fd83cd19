import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

/**
 * Bundle sizes measured one way for everyone: the kit's budgets (test/package/budgets.test.ts) and `npm run bench`'s
 * comparison with other chat kits both call this module, so the numbers in docs/performance.md and the numbers CI
 * checks cannot drift apart.
 *
 * The method: esbuild bundles a set of imports (`export * as m0 from '…'` for each, so every export of an entry is
 * kept, not just what one app happens to use), minified, ESM, for the browser, with the package's peer dependencies
 * external and code splitting on (chunks reached only through `import()` are reported apart, as lazy); what loads up
 * front is concatenated and compressed with gzip level 9 and brotli quality 11. CSS is minified by esbuild the same way
 * (what an app's bundler does to it) before it is compressed. 1 KB is 1024 bytes.
 */

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Peer dependencies of the kit: an app installs them itself, so they never count against the kit. */
export const KIT_PEERS: readonly string[] = ['react', 'react-dom', '@tanstack/react-query', 'msw'];

/** The virtualizer the message list uses: reported on its own and left out of the "all runtime entries" budget. */
export const VIRTUALIZER = 'virtua';

/**
 * Each public JS entry: its source (for budgets, no build needed) and its built file (what ships).
 *
 * @example
 * await measureBundle({ name: 'natter', imports: ['natter'], external: KIT_PEERS, kit: 'dist' });
 */
export const KIT_ENTRIES = {
  natter: { src: 'src/index.ts', dist: 'dist/index.js' },
  'natter/features': { src: 'src/features/index.ts', dist: 'dist/features.js' },
  'natter/react': { src: 'src/react/index.ts', dist: 'dist/react.js' },
  'natter/react/features': { src: 'src/react/features.ts', dist: 'dist/react-features.js' },
  'natter/components': { src: 'src/components/index.ts', dist: 'dist/components.js' },
  'natter/testing': { src: 'src/testing/index.ts', dist: 'dist/testing.js' },
} as const;

export type KitEntry = keyof typeof KIT_ENTRIES;

/** The entries an app ships to its users. `natter/testing` is for tests only (it wraps msw) and is never counted. */
export const RUNTIME_ENTRIES: readonly KitEntry[] = ['natter', 'natter/react', 'natter/features', 'natter/react/features', 'natter/components'];

/** Where the kit's entries resolve from: `src` needs no build (CI budgets), `dist` is exactly what is published. */
export type KitSource = 'src' | 'dist';

/**
 * The budgets of issue 6, in bytes of gzip.
 *
 * @example
 * (await measureKit()).coreAndReact.gzip <= BUDGETS.coreAndReact.gzip;
 */
export const BUDGETS = {
  coreAndReact: { label: 'natter + natter/react', gzip: 8 * 1024 },
  runtimeWithoutVirtualizer: { label: 'every runtime entry, virtualizer excluded', gzip: 25 * 1024 },
  styles: { label: 'natter/styles.css', gzip: 5 * 1024 },
} as const;

/**
 * Ceilings CI holds the kit to while {@link BUDGETS} do not hold: the sizes of the last commit that moved them, plus a
 * little room (about 1 %). Not the budgets: a ratchet, so nothing grows while the bytes still missing are argued in
 * docs/performance.md ("Budgets"). Whoever makes the kit smaller lowers them in the same commit; a budget that holds
 * is checked as itself, and its ceiling goes.
 *
 * @example
 * (await measureKit()).coreAndReact.gzip <= CEILINGS.coreAndReact.gzip;
 */
export const CEILINGS: Partial<Record<keyof typeof BUDGETS, { gzip: number }>> = {
  // Raised twice (15,350 → 15,400 → 15,450 and 37,500 → 37,650 → 37,850), each time for correctness fixes, net of
  // trims: docs/performance.md says which. A fix for lost or wrong state may move a ceiling, with its reason written
  // there; nothing else may.
  coreAndReact: { gzip: 15_450 },
  runtimeWithoutVirtualizer: { gzip: 37_850 },
};

/** One measured bundle. All sizes in bytes. */
export interface BundleSize {
  name: string;
  /** minified, uncompressed: what loads up front (the entry and the chunks it imports statically) */
  minified: number;
  gzip: number;
  brotli: number;
  /** gzip of the chunks only reached through `import()`: loaded later, if ever, so not in `gzip`. 0 for CSS */
  lazyGzip: number;
  /** Minified bytes each source file (or package) puts in what loads up front, largest first. Empty for CSS. */
  modules: ReadonlyArray<{ path: string; bytes: number }>;
}

/** What to bundle: package specifiers (or kit entries), and which packages stay external. */
export interface BundleSpec {
  name: string;
  imports: readonly string[];
  external?: readonly string[];
  /** How `natter`, `natter/react`, … resolve. Default `src`. */
  kit?: KitSource;
  /** Folder whose node_modules resolve the imports. Default: the repository root. */
  resolveDir?: string;
}

/**
 * gzip -9 and brotli -q 11 of `bytes`.
 *
 * @example
 * compressedSizes(readFileSync('dist/styles.css')).gzip;
 */
export function compressedSizes(bytes: Uint8Array): { gzip: number; brotli: number } {
  return {
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

/** Resolves `natter` and its subpaths to the sources or to dist/ (the package is not in its own node_modules). */
function kitResolver(kit: KitSource): Plugin {
  return {
    name: 'natter-entries',
    setup(b) {
      b.onResolve({ filter: /^natter(\/(react|react\/features|features|components|testing))?$/ }, (args) => {
        const file = join(ROOT, KIT_ENTRIES[args.path as KitEntry][kit]);
        if (!existsSync(file)) {
          return { errors: [{ text: `${args.path}: ${file} does not exist${kit === 'dist' ? ' (run npm run build)' : ''}` }] };
        }
        return { path: file };
      });
    },
  };
}

/**
 * Bundles `spec.imports` together (shared code counted once) and measures the result.
 *
 * @example
 * const size = await measureBundle({ name: 'core + react', imports: ['natter', 'natter/react'], external: KIT_PEERS });
 * console.log(size.gzip);
 */
export async function measureBundle(spec: BundleSpec): Promise<BundleSize> {
  const contents = spec.imports.map((specifier, i) => `export * as m${i} from ${JSON.stringify(specifier)};`).join('\n');
  const result = await build({
    stdin: { contents, resolveDir: spec.resolveDir ?? ROOT, loader: 'js', sourcefile: 'measured-entry.js' },
    bundle: true,
    write: false,
    // Splitting keeps what a package loads lazily (`import()`) out of what it loads up front, as an app's bundler does.
    splitting: true,
    outdir: join(ROOT, '.bundle-size'),
    metafile: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // Marking a package external also marks its subpaths (react/jsx-runtime, msw/node, …).
    external: [...(spec.external ?? [])],
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [kitResolver(spec.kit ?? 'src')],
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const byPath = new Map(result.outputFiles.map((file) => [relative(ROOT, file.path).split(sep).join('/'), file.contents]));
  const entry = Object.keys(outputs).find((path) => outputs[path]!.entryPoint !== undefined && path.endsWith('.js'));
  if (!entry) throw new Error(`esbuild produced no entry output for ${spec.name}`);
  const upFront = new Set<string>();
  const visit = (path: string) => {
    if (upFront.has(path)) return;
    upFront.add(path);
    for (const imported of outputs[path]!.imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  const join_ = (paths: string[]) => Buffer.concat(paths.map((path) => byPath.get(path) ?? new Uint8Array()));
  const eager = join_([...upFront]);
  const lazy = Object.keys(outputs).filter((path) => path.endsWith('.js') && !upFront.has(path));
  const bytes = new Map<string, number>();
  for (const path of upFront) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[path]!.inputs)) {
      // A package counts as one module (node_modules/zustand/…), a source file by its path.
      const key = input.replace(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\/.*$/, '$1');
      bytes.set(key, (bytes.get(key) ?? 0) + bytesInOutput);
    }
  }
  const modules = [...bytes].map(([path, size]) => ({ path, bytes: size })).filter((m) => m.bytes > 0).sort((a, b) => b.bytes - a.bytes);
  return { name: spec.name, minified: eager.length, ...compressedSizes(eager), lazyGzip: lazy.length ? compressedSizes(join_(lazy)).gzip : 0, modules };
}

/**
 * Minifies a stylesheet with esbuild (as an app's bundler would) and measures it.
 *
 * @example
 * const css = await measureCss('natter/styles.css', 'dist/styles.css');
 */
export async function measureCss(name: string, file: string): Promise<BundleSize> {
  const path = resolve(ROOT, file);
  const result = await build({
    stdin: { contents: readFileSync(path, 'utf8'), loader: 'css', resolveDir: ROOT, sourcefile: path },
    bundle: false,
    write: false,
    minify: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0]!;
  return { name, minified: output.contents.length, ...compressedSizes(output.contents), lazyGzip: 0, modules: [] };
}

/** Every measurement the budgets need. */
export interface KitSizes {
  entries: Record<KitEntry, BundleSize>;
  coreAndReact: BundleSize;
  runtime: BundleSize;
  runtimeWithoutVirtualizer: BundleSize;
  styles: BundleSize;
}

/**
 * Measures each kit entry alone and the combinations the budgets name.
 *
 * @example
 * const sizes = await measureKit('dist');
 * sizes.coreAndReact.gzip <= BUDGETS.coreAndReact.gzip;
 */
export async function measureKit(kit: KitSource = 'src'): Promise<KitSizes> {
  const entries = {} as Record<KitEntry, BundleSize>;
  for (const name of Object.keys(KIT_ENTRIES) as KitEntry[]) {
    entries[name] = await measureBundle({ name, imports: [name], external: KIT_PEERS, kit });
  }
  const runtimeImports = [...RUNTIME_ENTRIES];
  return {
    entries,
    coreAndReact: await measureBundle({ name: 'natter + natter/react', imports: ['natter', 'natter/react'], external: KIT_PEERS, kit }),
    runtime: await measureBundle({ name: 'all runtime entries', imports: runtimeImports, external: KIT_PEERS, kit }),
    runtimeWithoutVirtualizer: await measureBundle({
      name: 'all runtime entries, virtualizer excluded',
      imports: runtimeImports,
      external: [...KIT_PEERS, VIRTUALIZER],
      kit,
    }),
    styles: await measureCss('natter/styles.css', kit === 'dist' ? 'dist/styles.css' : 'src/styles/natter.css'),
  };
}

/** A budget that did not hold, in words. */
export interface BudgetBreach {
  budget: keyof typeof BUDGETS;
  message: string;
}

/**
 * Checks `sizes` against {@link BUDGETS}; an empty list means every budget holds.
 *
 * @example
 * const breaches = checkBudgets(await measureKit());
 */
export function checkBudgets(sizes: KitSizes): BudgetBreach[] {
  const actual: Record<keyof typeof BUDGETS, BundleSize> = {
    coreAndReact: sizes.coreAndReact,
    runtimeWithoutVirtualizer: sizes.runtimeWithoutVirtualizer,
    styles: sizes.styles,
  };
  const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
  return (Object.keys(BUDGETS) as (keyof typeof BUDGETS)[])
    .filter((key) => actual[key].gzip > BUDGETS[key].gzip)
    .map((key) => ({
      budget: key,
      message: `${BUDGETS[key].label}: ${kb(actual[key].gzip)} gzip, budget ${kb(BUDGETS[key].gzip)} (${kb(actual[key].gzip - BUDGETS[key].gzip)} over)`,
    }));
}
