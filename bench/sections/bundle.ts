import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BUDGETS, KIT_PEERS, checkBudgets, measureBundle, measureCss, measureKit, type BundleSize } from '../../scripts/bundle-size.ts';
import type { Table } from '../lib/table.ts';

/**
 * Bundle sizes: the kit's entries as published (dist/, built by the runner first), the combinations the budgets
 * name, and other React chat kits bundled the same way (scripts/bundle-size.ts: minified ESM for the browser, each
 * package's peer dependencies external, gzip -9 and brotli -11).
 */

export interface BundleOptions {
  root: string;
  log: (line: string) => void;
}

/** Another kit to compare with: which of the kit's bundles does the same job. */
interface Comparison {
  pkg: string;
  what: string;
  counterpart: 'coreAndReact' | 'components' | 'runtime';
  /** Peers that are counted anyway, because the package cannot run without them. */
  countedPeers?: string[];
  css?: string;
}

const REACT = ['react', 'react-dom'];

const COMPARISONS: Comparison[] = [
  { pkg: 'react-use-websocket', what: 'a WebSocket hook', counterpart: 'coreAndReact' },
  {
    pkg: '@chatscope/chat-ui-kit-react',
    what: 'chat UI components, no client',
    counterpart: 'components',
    css: '@chatscope/chat-ui-kit-styles/dist/default/styles.min.css',
  },
  {
    pkg: 'stream-chat-react',
    what: 'client + hooks + components (stream-chat counted: a peer it cannot run without)',
    counterpart: 'runtime',
    countedPeers: ['stream-chat'],
    css: 'stream-chat-react/dist/css/index.css',
  },
  { pkg: '@tanstack/react-query', what: "natter/react's peer, for reference (not counted in the kit)", counterpart: 'coreAndReact' },
];

/** A package's folder, found the way Node looks for it (its exports map may not expose package.json). */
function packageDir(require: NodeJS.Require, name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    if (existsSync(join(dir, name, 'package.json'))) return join(dir, name);
  }
  throw new Error(`${name} is not installed: run npm install (it is a devDependency of bench/)`);
}

/** A file inside a package, e.g. `stream-chat-react/dist/css/index.css`. */
function packageFile(require: NodeJS.Require, specifier: string): string {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  return join(packageDir(require, parts.slice(0, nameLength).join('/')), ...parts.slice(nameLength));
}

const kb = (bytes: number) => (bytes / 1024).toFixed(2);

interface PackageJson {
  version: string;
  peerDependencies?: Record<string, string>;
}

/**
 * Measures the kit and the comparisons; returns the JSON results and two tables.
 *
 * @example
 * const { results, tables } = await runBundle({ root, log: console.log });
 */
export async function runBundle(options: BundleOptions): Promise<{ results: object; tables: Table[] }> {
  const benchDir = join(options.root, 'bench');
  const require = createRequire(join(benchDir, 'package.json'));
  options.log('bundle: measuring the kit (dist/)');
  const kit = await measureKit('dist');
  const breaches = checkBudgets(kit);
  const virtualizerGzip = kit.runtime.gzip - kit.runtimeWithoutVirtualizer.gzip;

  const budgetCell = (key: keyof typeof BUDGETS, size: BundleSize) =>
    `≤ ${kb(BUDGETS[key].gzip)}: ${size.gzip <= BUDGETS[key].gzip ? 'holds' : `OVER by ${kb(size.gzip - BUDGETS[key].gzip)}`}`;
  const kitRow = (size: BundleSize, budget = '') => [size.name, kb(size.minified), kb(size.gzip), kb(size.brotli), budget];
  const kitTable: Table = {
    title: 'Bundle size of the kit (KB = 1024 bytes; minified ESM, peers external)',
    columns: ['bundle', 'min', 'gzip', 'brotli', 'budget (gzip)'],
    rows: [
      kitRow(kit.entries.natter),
      kitRow(kit.entries['natter/react']),
      kitRow(kit.entries['natter/features']),
      kitRow(kit.entries['natter/react/features']),
      kitRow(kit.entries['natter/components']),
      kitRow(kit.entries['natter/testing'], 'dev only: not counted'),
      kitRow(kit.coreAndReact, budgetCell('coreAndReact', kit.coreAndReact)),
      kitRow(kit.runtime),
      kitRow(kit.runtimeWithoutVirtualizer, budgetCell('runtimeWithoutVirtualizer', kit.runtimeWithoutVirtualizer)),
      ['virtualizer (virtua), as the kit uses it', '', kb(virtualizerGzip), '', 'all runtime − virtualizer excluded'],
      kitRow(kit.styles, budgetCell('styles', kit.styles)),
    ],
    notes: breaches.length ? [`Budgets not met: ${breaches.map((b) => b.message).join('; ')}.`] : ['Every budget holds.'],
  };

  const counterpartOf = { coreAndReact: kit.coreAndReact, components: kit.entries['natter/components'], runtime: kit.runtime };
  const compared = [];
  for (const comparison of COMPARISONS) {
    options.log(`bundle: measuring ${comparison.pkg}`);
    const pkg = JSON.parse(readFileSync(join(packageDir(require, comparison.pkg), 'package.json'), 'utf8')) as PackageJson;
    // React itself is every React app's, declared or not (react-use-websocket declares no peers at all).
    const peers = [...new Set([...REACT, ...Object.keys(pkg.peerDependencies ?? {})])].filter((peer) => !(comparison.countedPeers ?? []).includes(peer));
    const js = await measureBundle({ name: `${comparison.pkg} ${pkg.version}`, imports: [comparison.pkg], external: peers, resolveDir: benchDir });
    const css = comparison.css ? await measureCss(`${comparison.pkg} CSS`, packageFile(require, comparison.css)) : null;
    compared.push({ ...comparison, version: pkg.version, external: peers, js, css, counterpartGzip: counterpartOf[comparison.counterpart].gzip });
  }
  const peerNote = `Peers left out: the kit's ${KIT_PEERS.join(', ')}; for the others react, react-dom and their own peerDependencies.`;
  const comparisonTable: Table = {
    title: 'Bundle size against other React chat kits (same method; gzip KB)',
    columns: ['package', 'what', 'JS gzip', 'JS brotli', 'lazy JS gzip', 'CSS gzip', 'natter counterpart', 'counterpart gzip', 'package ÷ natter'],
    rows: [
      ...compared.map((c) => [
        c.js.name,
        c.what,
        kb(c.js.gzip),
        kb(c.js.brotli),
        c.js.lazyGzip ? kb(c.js.lazyGzip) : '—',
        c.css ? kb(c.css.gzip) : '—',
        counterpartLabel[c.counterpart],
        kb(c.counterpartGzip),
        `${(c.js.gzip / c.counterpartGzip).toFixed(2)}×`,
      ]),
      ['natter/styles.css', 'the kit\'s stylesheet', '—', '—', '—', kb(kit.styles.gzip), '', '', ''],
    ],
    notes: [peerNote, 'Lazy JS: chunks reached only through import(), loaded later if at all; not in the JS columns.'],
  };

  return {
    results: {
      unit: 'bytes',
      kit: { ...kit, virtualizerGzip },
      budgets: Object.fromEntries(Object.entries(BUDGETS).map(([key, b]) => [key, { ...b, holds: !breaches.some((x) => x.budget === key) }])),
      comparisons: compared.map(({ pkg, version, what, counterpart, external, js, css, counterpartGzip }) => ({
        pkg,
        version,
        what,
        external,
        js,
        css,
        counterpart,
        ratio: js.gzip / counterpartGzip,
      })),
    },
    tables: [kitTable, comparisonTable],
  };
}

const counterpartLabel = {
  coreAndReact: 'natter + natter/react',
  components: 'natter/components',
  runtime: 'all runtime entries',
} as const;
