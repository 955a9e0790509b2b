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
    rollupOptions: {
      input: { main: `${root}index.html`, graphiql: `${root}graphiql.html` },
      onwarn(warning, warn) {
        // react-compiler-runtime (GraphiQL's) carries a "use no memo" directive; harmless.
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') {
          warn(warning);
        }
      },
    },
  },
  server: {
    // `npx vite web` for work on the page: the API runs on its own port.
    proxy: { '/graphql': `http://127.0.0.1:${process.env.PORT ?? '3000'}` },
  },
});
