import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { GeographyRepository } from '../geography/geography.repository';
import { GeographyService } from '../geography/geography.service';
import { Neo4jService } from '../neo4j/neo4j.service';
import { MeilisearchSearchIndex } from '../search/meilisearch-search-index';
import { reindexMeilisearch } from '../search/meili-reindex';
import { SearchOutbox } from '../search/search-outbox';
import { createSearchIndex } from '../search/search.module';
import { SearchRepository } from '../search/search.repository';
import { SearchSyncRepository } from '../search/search-sync.repository';
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

/** Meilisearch engine: see `reindexMeilisearch`. */
async function reindexMeili(
  index: MeilisearchSearchIndex,
  neo: Neo4jService,
  graph: SearchRepository,
  taxonomy: TaxonomyService,
  geography: GeographyService,
  log: (l: string) => void,
) {
  const bar = progress('search:reindex (meilisearch)', await graph.countServices(), log);
  const r = await reindexMeilisearch(
    { index, graph, outbox: new SearchSyncRepository(neo), taxonomy, geography },
    (n) => bar.tick(n),
  );
  bar.end();
  const entries = `outbox entr${r.entriesDone === 1 ? 'y' : 'ies'}`;
  log(
    `search:reindex: ${r.documents} document(s) in the index, ${r.removed} removed, ${r.entriesDone} ${entries} covered`,
  );
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
  // An administrator's tool: the master key will do when there is no API key.
  const key = config.search.meiliApiKey ?? config.search.meiliMasterKey;
  const index = createSearchIndex(config, neo, taxonomy, geography, key);
  if (index instanceof MeilisearchSearchIndex) {
    await reindexMeili(index, neo, graph, taxonomy, geography, log);
  } else {
    await reindexNeo4j(neo, graph, log);
  }
  log('search:reindex: done');
});
