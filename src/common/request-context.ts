import DataLoader from 'dataloader';
import type { Request } from 'express';

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

export interface GqlContext {
  req: Request;
  loaders: LoaderRegistry;
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
