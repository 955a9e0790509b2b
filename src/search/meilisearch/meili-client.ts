import type * as MeilisearchModule from 'meilisearch/dist/index.js';

export type Meili = typeof MeilisearchModule;

let loaded: Meili | undefined;

/**
 * The official `meilisearch` client is published as an ES module only. Node ≥ 20.19 can
 * `require` it from our CommonJS build; Jest's module loader cannot, so it is loaded through
 * Node's own `require` in every case (types come from the package's declarations).
 */
export function meilisearch(): Meili {
  if (!loaded) {
    const { createRequire } = process.getBuiltinModule('node:module');
    loaded = createRequire(__filename)('meilisearch') as Meili;
  }
  return loaded;
}
