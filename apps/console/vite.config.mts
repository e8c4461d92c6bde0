import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { mapData } from './map-data.mjs';

// The console is built into dist/console, which the API serves at / (apps/api/src/console/serve-console.ts).
// Vite 8 compiles TSX with oxc: no React plugin is needed for a production build.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [mapData(fileURLToPath(new URL('../../data', import.meta.url)))],
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    // Fonts stay files of their own (no data: URLs), so the CSP can stay 'self'.
    assetsInlineLimit: 0,
    sourcemap: true,
  },
});
