import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The page at `/`: one small bundle, no external resources, served by the API process. */
export default defineConfig({
  root,
  base: '/',
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The CSP allows no inline script: keep the module-preload helper out of index.html.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `npx vite web` for work on the page: the API runs on its own port.
    proxy: { '/graphql': `http://127.0.0.1:${process.env.PORT ?? '3000'}` },
  },
});
