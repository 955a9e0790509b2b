import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The page at `/`: one small bundle, no external resources, served by the API process. */
export default defineConfig({
  root,
  base: '/',
  // React stays React: only the development GraphiQL page (graphiql.html) uses it.
  plugins: [preact({ reactAliasesEnabled: false })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The CSP allows no inline script: keep the module-preload helper out of index.html.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    // GraphiQL (development only) is one large chunk; the page itself is about 65 kB.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: { main: `${root}index.html`, graphiql: `${root}graphiql.html` },
    },
  },
  server: {
    // `npx vite --config web/vite.config.mts` for work on the page; the API runs on PORT.
    proxy: { '/graphql': `http://127.0.0.1:${process.env.PORT ?? '3000'}` },
  },
});
