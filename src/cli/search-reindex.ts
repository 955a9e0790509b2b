import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { GeographyModule } from '../geography/geography.module';
import { GeographyService } from '../geography/geography.service';
import { Neo4jService } from '../neo4j/neo4j.service';
import { MeilisearchSearchIndex } from '../search/meilisearch/meilisearch-search-index';
import { reindexMeilisearch } from '../search/sync/meilisearch-reindex';
import { SearchIndex } from '../search/search-index';
import { refreshSearchTextInTx } from '../search/neo4j/search-text';
import { createSearchIndex } from '../search/search.module';
import { SearchSourceRepository } from '../search/sync/search-source.repository';
import { SearchSyncRepository } from '../search/sync/search-sync.repository';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { CliCommand, runCli } from './cli-support';

/**
 * What the reindex needs of search, without SearchModule's resolver and sync scheduler (which
 * would start pushing the outbox in the background): the configured engine's adapter, made
 * with the master key when there is no API key (an administrator's tool), and the repositories.
 */
@Module({
  imports: [TaxonomyModule, GeographyModule],
  providers: [
    {
      provide: SearchIndex,
      inject: [APP_CONFIG, Neo4jService, TaxonomyService, GeographyService],
      useFactory: (
        config: AppConfig,
        neo: Neo4jService,
        taxonomy: TaxonomyService,
        geography: GeographyService,
      ) =>
        createSearchIndex(
          config,
          neo,
          taxonomy,
          geography,
          config.search.meiliApiKey ?? config.search.meiliMasterKey,
        ),
    },
    SearchSourceRepository,
    SearchSyncRepository,
  ],
  exports: [
    SearchIndex,
    SearchSourceRepository,
    SearchSyncRepository,
    TaxonomyModule,
    GeographyModule,
  ],
})
class SearchReindexModule {}

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

async function* idBatches(graph: SearchSourceRepository): AsyncGenerator<string[]> {
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
async function reindexNeo4j(
  neo: Neo4jService,
  graph: SearchSourceRepository,
  log: (l: string) => void,
) {
  const bar = progress('search:reindex (neo4j)', await graph.countServices(), log);
  for await (const ids of idBatches(graph)) {
    await neo.writeTx((tx) => refreshSearchTextInTx(tx, ids));
    bar.tick(ids.length);
  }
  bar.end();
}

/** Meilisearch engine: see `reindexMeilisearch`. */
async function reindexMeili(
  index: MeilisearchSearchIndex,
  outbox: SearchSyncRepository,
  graph: SearchSourceRepository,
  taxonomy: TaxonomyService,
  geography: GeographyService,
  log: (l: string) => void,
) {
  const bar = progress('search:reindex (meilisearch)', await graph.countServices(), log);
  const r = await reindexMeilisearch({ index, graph, outbox, taxonomy, geography }, (n) =>
    bar.tick(n),
  );
  bar.end();
  const entries = `outbox entr${r.entriesDone === 1 ? 'y' : 'ies'}`;
  log(
    `search:reindex: ${r.documents} document(s) in the index, ${r.removed} removed, ${r.entriesDone} ${entries} covered`,
  );
}

/** `npm run search:reindex`: rebuilds the search index of the configured engine from Neo4j. */
export const searchReindexCommand: CliCommand = {
  name: 'search:reindex',
  imports: () => [SearchReindexModule],
  task: async (context, _config, log) => {
    const graph = context.get(SearchSourceRepository);
    const index = context.get(SearchIndex);
    if (index instanceof MeilisearchSearchIndex) {
      await reindexMeili(
        index,
        context.get(SearchSyncRepository),
        graph,
        context.get(TaxonomyService),
        context.get(GeographyService),
        log,
      );
    } else {
      await reindexNeo4j(context.get(Neo4jService), graph, log);
    }
    log('search:reindex: done');
  },
};

if (require.main === module) {
  void runCli(searchReindexCommand);
}
