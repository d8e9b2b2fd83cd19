import { fileURLToPath } from 'node:url';

const src = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/**
 * Vite aliases that resolve Natter's public entries (`natter`, `natter/react`, `natter/components`,
 * `natter/testing`, `natter/styles.css`) to the repository's sources, so tests, stories, the demo and the bench run
 * without building the kit first. Most specific first: `natter` must not swallow `natter/react`.
 *
 * @example
 * defineConfig({ resolve: { alias: NATTER_SOURCE_ALIASES } });
 */
export const NATTER_SOURCE_ALIASES = [
  { find: /^natter\/styles\.css$/, replacement: src('styles/natter.css') },
  { find: /^natter\/testing$/, replacement: src('testing/index.ts') },
  { find: /^natter\/react\/features$/, replacement: src('react/features.ts') },
  { find: /^natter\/react$/, replacement: src('react/index.ts') },
  { find: /^natter\/features$/, replacement: src('features/index.ts') },
  { find: /^natter\/components$/, replacement: src('components/index.ts') },
  { find: /^natter$/, replacement: src('index.ts') },
];
