import DataLoader from 'dataloader';
import type { Request } from 'express';
import { Role } from './role';

/**
 * Per-request DataLoaders, created on first use: nested fields in one request are batched into
 * one query per kind, and nothing is cached across requests (or across callers' roles).
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  get<V>(
    key: string,
    batch: (keys: readonly string[]) => Promise<(V | null)[]>,
  ): DataLoader<string, V | null> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, V | null>(batch, { maxBatchSize: 500 });
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<string, V | null>;
  }
}

/** Who is calling; set once per request by the accounts guard. */
export interface Viewer {
  /** The token's role; null for a public caller (no token). */
  role: Role | null;
  tokenId: string | null;
  tokenName: string | null;
  /** The organisation an EDITOR is bound to (null for every other role). */
  organisationId: string | null;
}

export const PUBLIC_VIEWER: Viewer = Object.freeze({
  role: null,
  tokenId: null,
  tokenName: null,
  organisationId: null,
});

export interface GqlContext {
  req: Request;
  loaders: LoaderRegistry;
  /** Starts public (fail-safe) and is replaced by the token's viewer before any resolver runs. */
  viewer: Viewer;
}

/** Orders batch results to match the requested keys (DataLoader's contract). */
export function byKeys<V>(
  keys: readonly string[],
  rows: V[],
  keyOf: (row: V) => string,
): (V | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}
