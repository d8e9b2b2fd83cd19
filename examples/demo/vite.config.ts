import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { NATTER_SOURCE_ALIASES } from '../../scripts/source-aliases';

/**
 * The demo imports only Natter's public entries; these aliases point them at the repository's sources (as
 * vitest.config.ts does), so the demo runs without building the kit first.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: NATTER_SOURCE_ALIASES,
    // The kit's sources live outside this folder: make sure they share the demo's single copy of each library.
    dedupe: ['react', 'react-dom', '@tanstack/react-query', 'zustand'],
  },
  // Everything the demo and the kit import, bundled up front: no "new dependencies found, reloading" mid-session.
  optimizeDeps: {
    include: ['react', 'react/jsx-dev-runtime', 'react-dom', 'react-dom/client', '@tanstack/react-query', 'zustand', 'zustand/vanilla'],
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: false,
  },
});
