import preact from '@preact/preset-vite';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(root, 'dist');

/** Files worth compressing (images are compressed already). */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/**
 * Brotli and gzip copies beside each text file of the build (`x.js.br`, `x.js.gz`), made once
 * here at the highest levels, so the server sends them without compressing per request.
 */
function precompress(): Plugin {
  return {
    name: 'henvis-precompress',
    apply: 'build',
    closeBundle() {
      for (const path of files(outDir).filter((p) => COMPRESSIBLE.test(p))) {
        const body = readFileSync(path);
        if (body.length < 512) {
          continue;
        }
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: body.length > 400_000 ? 9 : 11,
              [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            },
          }),
        );
        writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

/** The page at `/`: one small bundle, no external resources, served by the API process. */
export default defineConfig({
  root,
  base: '/',
  // React stays React: only the development GraphiQL page (graphiql.html) uses it.
  plugins: [preact({ reactAliasesEnabled: false }), precompress()],
  build: {
    outDir,
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
