import type { Key } from 'meilisearch/dist/index.js';
import { AppConfig } from '../../config/app-config';
import { meilisearch } from './meili-client';

/**
 * What the API may do with its key, on its own index only: search, write and read documents,
 * create the index if it is missing and apply its settings, and follow the tasks that causes.
 * No other index, no keys, no dumps, no snapshots.
 */
export const API_KEY_ACTIONS = [
  'search',
  'documents.add',
  'documents.get',
  'documents.delete',
  'indexes.get',
  'indexes.create',
  'settings.get',
  'settings.update',
  'tasks.get',
] as const;

/** The name the API key of an index is created under (how `search:setup` finds it again). */
export const apiKeyName = (indexUid: string): string => `henvis-api:${indexUid}`;

export interface ApiKey {
  key: string;
  uid: string;
  /** False when the key already existed (setup run again). */
  created: boolean;
}

/**
 * The scoped API key of `indexUid`, created with the master key the first time and found by name
 * afterwards (so setup can run again and print the same key).
 */
export async function ensureApiKey(
  url: string,
  masterKey: string,
  indexUid: string,
): Promise<ApiKey> {
  const { Meilisearch } = meilisearch();
  const client = new Meilisearch({ host: url, apiKey: masterKey, timeout: 10_000 });
  const name = apiKeyName(indexUid);
  const wanted = [...API_KEY_ACTIONS].sort().join(',');
  for (let offset = 0; ; offset += 100) {
    const page = await client.getKeys({ offset, limit: 100 });
    const existing = page.results.find(
      (k: Key) =>
        k.name === name &&
        k.expiresAt === null &&
        k.indexes.length === 1 &&
        k.indexes[0] === indexUid &&
        [...k.actions].sort().join(',') === wanted,
    );
    if (existing) {
      return { key: existing.key, uid: existing.uid, created: false };
    }
    if (page.results.length < 100) {
      break;
    }
  }
  const key = await client.createKey({
    name,
    description: `Henvis API: search and sync of the "${indexUid}" index only`,
    actions: [...API_KEY_ACTIONS],
    indexes: [indexUid],
    expiresAt: null,
  });
  return { key: key.key, uid: key.uid, created: true };
}

/** Thrown when the API would have to run with the master key in production. */
export class MeiliKeyError extends Error {}

/**
 * The key the API talks to Meilisearch with: `MEILI_API_KEY`. Without it, the master key is used
 * only outside production, with a warning (`warning` says so); in production the API refuses to
 * start rather than hold the master key (or run without a key).
 */
export function apiKeyOf(
  search: AppConfig['search'],
  production: boolean,
): { key: string | undefined; warning?: string } {
  if (search.meiliApiKey) {
    return { key: search.meiliApiKey };
  }
  if (production) {
    throw new MeiliKeyError(
      'MEILI_API_KEY is required with SEARCH_ENGINE=meilisearch in production (the API does not use the master key): create it with `npm run search:setup`',
    );
  }
  if (search.meiliMasterKey) {
    return {
      key: search.meiliMasterKey,
      warning:
        'using MEILI_MASTER_KEY because MEILI_API_KEY is not set (development only): create a scoped key with `npm run search:setup`',
    };
  }
  return { key: undefined };
}
