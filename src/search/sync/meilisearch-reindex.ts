import { GeographyService } from '../../geography/geography.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { MeilisearchSearchIndex } from '../meilisearch/meilisearch-search-index';
import { toSearchDocument } from '../search-document';
import { nextBacklogBatch } from './search-sync.worker';
import { SearchSyncRepository } from './search-sync.repository';
import { SearchSourceRepository } from './search-source.repository';

/**
 * The reindex pushes batches sized like the worker's backlog lane (see `nextBacklogBatch`), so
 * that Meilisearch applies each within about `taskTargetMs`: Meilisearch applies an index's tasks
 * in order, and a fresh edit the app's worker pushes meanwhile waits behind at most one of them.
 * A fixed task of 200 documents can take 0.6–2.7 s on a loaded 2-core machine, and the edits
 * enqueued behind it wait as long.
 */
export interface ReindexOptions {
  taskTargetMs: number;
  /** The first batch size, and the smallest. */
  minBatch: number;
  maxBatch: number;
}

export const DEFAULT_REINDEX_OPTIONS: ReindexOptions = {
  taskTargetMs: 250,
  minBatch: 50,
  maxBatch: 500,
};

export interface ReindexParts {
  index: MeilisearchSearchIndex;
  graph: SearchSourceRepository;
  outbox: SearchSyncRepository;
  taxonomy: TaxonomyService;
  geography: GeographyService;
}

export interface ReindexReport {
  /** Live services, all in the index now. */
  documents: number;
  /** Documents removed (services archived or deleted). */
  removed: number;
  /** Outbox entries marked done because the reindex covered them. */
  entriesDone: number;
}

/**
 * Rebuilds the Meilisearch index from the graph: applies the settings, pushes the current document
 * of every live service (never over a newer one the app's worker pushed meanwhile), then removes
 * documents the graph no longer has. The outbox entries pending when it started are then marked
 * done: each was committed before the reindex read its service, so the reindex pushed that state
 * or a newer one. Entries recorded during the reindex are left to the worker.
 */
export async function reindexMeilisearch(
  { index, graph, outbox, taxonomy, geography }: ReindexParts,
  onBatch: (services: number) => void = () => undefined,
  options: ReindexOptions = DEFAULT_REINDEX_OPTIONS,
): Promise<ReindexReport> {
  const covered = await outbox.pendingIds();
  await index.prepare();
  const [tax, geo] = await Promise.all([taxonomy.get(), geography.get()]);
  const live = new Set<string>();
  let batch = options.minBatch;
  for (let after = ''; ;) {
    const ids = await graph.serviceIdsAfter(after, batch);
    if (ids.length === 0) {
      break;
    }
    after = ids[ids.length - 1];
    const rows = await graph.loadSources(ids);
    const documents = rows.flatMap((r) => (r.source ? [toSearchDocument(r.source, tax, geo)] : []));
    documents.forEach((d) => live.add(d.id));
    if (documents.length > 0) {
      const held = await index.versions(documents.map((d) => d.id));
      const current = documents.filter((d) => (held.get(d.id) ?? -1) <= d.version);
      if (current.length > 0) {
        const started = Date.now();
        await index.upsert(current);
        batch = nextBacklogBatch(batch, Date.now() - started, {
          backlogTaskTargetMs: options.taskTargetMs,
          backlogMinBatch: options.minBatch,
          batchSize: options.maxBatch,
        });
      }
    }
    onBatch(ids.length);
  }
  const stale = (await index.allIds()).filter((id) => !live.has(id));
  if (stale.length > 0) {
    await index.remove(stale);
  }
  await outbox.markDone(covered, Date.now());
  return { documents: live.size, removed: stale.length, entriesDone: covered.length };
}
