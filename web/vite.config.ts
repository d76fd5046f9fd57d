import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app's build (docs/web.md): `vite build` writes dist/web/ (served by `dxmon serve` at `/`); `npm run dev`
 * serves web/ with hot reload and sends `/api` to a running `dxmon serve` (DXMON_API, by default localhost:3000).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web/', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // The component library is one large chunk; the first page's size is measured by bench/web.bench.js instead.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: Number(process.env.DXMON_WEB_PORT ?? 5173),
    strictPort: false,
    // The browser uses the project's pure rules in src/domain: the dev server may read them.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: { '/api': { target: process.env.DXMON_API ?? 'http://127.0.0.1:3000' } },
  },
});
