import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';
import react from '@vitejs/plugin-react';
import { mergeConfig } from 'vite';

const src = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/**
 * Storybook for natter/components. Stories import only the package's public entries (`natter`, `natter/react`,
 * `natter/components`, `natter/testing`, `natter/styles.css`), resolved here to the sources as vitest.config.ts
 * does, so nothing needs building first. The same config drives the `storybook` Vitest project.
 */
const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../stories/**/*.stories.tsx'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: { disableTelemetry: true },
  // public/mockServiceWorker.js: msw's worker, served at the root.
  staticDirs: ['../public'],
  typescript: { reactDocgen: false },
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      // React Fast Refresh while editing stories and components under `storybook dev`.
      plugins: [react()],
      resolve: {
        alias: [
          { find: /^natter\/styles\.css$/, replacement: src('styles/natter.css') },
          { find: /^natter\/testing$/, replacement: src('testing/index.ts') },
          { find: /^natter\/react$/, replacement: src('react/index.ts') },
          { find: /^natter\/components$/, replacement: src('components/index.ts') },
          { find: /^natter$/, replacement: src('index.ts') },
        ],
        dedupe: ['react', 'react-dom', '@tanstack/react-query', 'zustand', 'msw'],
      },
      // Bundled up front, so neither `storybook dev` nor the test run reloads on "new dependencies found".
      optimizeDeps: {
        include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime', '@tanstack/react-query', 'zustand', 'zustand/vanilla', 'msw', 'msw/browser', 'msw-storybook-addon/csf3'],
      },
    }),
};

export default config;
