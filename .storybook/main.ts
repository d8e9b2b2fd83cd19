import type { StorybookConfig } from '@storybook/react-vite';
import react from '@vitejs/plugin-react';
import { mergeConfig } from 'vite';
import { NATTER_SOURCE_ALIASES } from '../scripts/source-aliases';

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
        alias: NATTER_SOURCE_ALIASES,
        dedupe: ['react', 'react-dom', '@tanstack/react-query', 'zustand', 'msw'],
      },
      // Bundled up front, so neither `storybook dev` nor the test run reloads on "new dependencies found".
      optimizeDeps: {
        include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime', '@tanstack/react-query', 'zustand', 'zustand/vanilla', 'msw', 'msw/browser', 'msw-storybook-addon/csf3'],
      },
    }),
};

export default config;
