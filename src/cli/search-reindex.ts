import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { GeographyRepository } from '../geography/geography.repository';
import { GeographyService } from '../geography/geography.service';
import { Neo4jService } from '../neo4j/neo4j.service';
import { MeilisearchSearchIndex } from '../search/meilisearch-search-index';
import { toSearchDocument } from '../search/search-document';
import { SearchOutbox } from '../search/search-outbox';
import { createSearchIndex } from '../search/search.module';
import { SearchRepository } from '../search/search.repository';
import { TaxonomyRepository } from '../taxonomy/taxonomy.repository';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { withDatabase } from './cli-support';

const BATCH = 200;

/** A progress bar on a terminal; a line per batch otherwise (CI logs). */
function progress(label: string, total: number, log: (line: string) => void) {
  const tty = process.stdout.isTTY === true;
  let done = 0;
  const render = (): string => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct}% ${done}/${total}`;
  };
  return {
    tick(n: number): void {
      done = Math.min(total, done + n);
      if (tty) {
        process.stdout.write(`\r${render()}`);
      } else {
        log(render());
      }
    },
    end(): void {
      if (tty) {
        process.stdout.write('\n');
      }
    },
  };
}

async function* idBatches(graph: SearchRepository): AsyncGenerator<string[]> {
  let after = '';
  for (;;) {
    const ids = await graph.serviceIdsAfter(after, BATCH);
    if (ids.length === 0) {
      return;
    }
    yield ids;
    after = ids[ids.length - 1];
  }
}

/** Neo4j engine: recomputes every service's searchText (the full-text index follows). */
async function reindexNeo4j(neo: Neo4jService, graph: SearchRepository, log: (l: string) => void) {
  const outbox = new SearchOutbox();
  const bar = progress('search:reindex (neo4j)', await graph.countServices(), log);
  for await (const ids of idBatches(graph)) {
    await neo.writeTx((tx) => outbox.refreshInTx(tx, ids));
    bar.tick(ids.length);
  }
  bar.end();
}

/**
 * Meilisearch engine: applies the settings, pushes the current document of every live service,
 * then removes documents the graph no longer has (archived or deleted). Pending outbox entries
 * are left to the app's worker, which pushes the then-current state again (harmless).
 */
async function reindexMeilisearch(
  index: MeilisearchSearchIndex,
  graph: SearchRepository,
  taxonomy: TaxonomyService,
  geography: GeographyService,
  log: (l: string) => void,
) {
  await index.prepare();
  const [tax, geo] = await Promise.all([taxonomy.get(), geography.get()]);
  const bar = progress('search:reindex (meilisearch)', await graph.countServices(), log);
  const live = new Set<string>();
  for await (const ids of idBatches(graph)) {
    const rows = await graph.loadSources(ids);
    const documents = rows.flatMap((r) => (r.source ? [toSearchDocument(r.source, tax, geo)] : []));
    documents.forEach((d) => live.add(d.id));
    if (documents.length > 0) {
      await index.upsert(documents);
    }
    bar.tick(ids.length);
  }
  bar.end();
  const stale = (await index.allIds()).filter((id) => !live.has(id));
  if (stale.length > 0) {
    await index.remove(stale);
  }
  log(`search:reindex: ${live.size} document(s) in the index, ${stale.length} removed`);
}

/** `npm run search:reindex`: rebuilds the search index of the configured engine from Neo4j. */
withDatabase('search:reindex', async (neo, log) => {
  // Only the search settings are read here; the database settings are withDatabase's.
  const config = loadConfig({
    NEO4J_URI: 'bolt://unused',
    NEO4J_PASSWORD: 'unused',
    ...process.env,
  });
  const taxonomy = new TaxonomyService(new TaxonomyRepository(neo));
  const geography = new GeographyService(new GeographyRepository(neo));
  const graph = new SearchRepository(neo);
  const index = createSearchIndex(config, neo, taxonomy, geography);
  if (index instanceof MeilisearchSearchIndex) {
    await reindexMeilisearch(index, graph, taxonomy, geography, log);
  } else {
    await reindexNeo4j(neo, graph, log);
  }
  log('search:reindex: done');
});
