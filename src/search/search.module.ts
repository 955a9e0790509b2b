import { Logger, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { RankingRowCache } from '../catalogue/ranking-row-cache';
import { GeographyModule } from '../geography/geography.module';
import { GeographyService } from '../geography/geography.service';
import { Neo4jService } from '../neo4j/neo4j.service';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { apiKeyOf } from './meili-key';
import { MeilisearchSearchIndex } from './meilisearch-search-index';
import { NeoFulltextSearchIndex } from './neo-fulltext-search-index';
import { SearchIndex } from './search-index';
import { SearchSyncRepository } from './search-sync.repository';
import { SearchSyncScheduler } from './search-sync.scheduler';
import { SearchRepository } from './search.repository';
import { SearchHitResolver, SearchResolver } from './search.resolver';
import { SearchService } from './search.service';

/**
 * The adapter SEARCH_ENGINE selects (default: the Neo4j full-text index). `apiKey` overrides the
 * key choice (command-line tools pass the master key); the API uses `apiKeyOf`. `rows`: the
 * API's cache of light rows, which the Neo4j adapter filters, ranks and counts facets on.
 */
export function createSearchIndex(
  config: AppConfig,
  neo: Neo4jService,
  taxonomy: TaxonomyService,
  geography: GeographyService,
  apiKey?: string,
  rows?: RankingRowCache,
): SearchIndex {
  switch (config.search.engine) {
    case 'meilisearch': {
      if (!config.search.meiliUrl) {
        throw new Error('MEILI_URL is required when SEARCH_ENGINE=meilisearch');
      }
      let key = apiKey;
      if (key === undefined) {
        const chosen = apiKeyOf(config.search, config.production);
        if (chosen.warning) {
          new Logger('Meilisearch').warn(chosen.warning);
        }
        key = chosen.key;
      }
      return new MeilisearchSearchIndex(
        {
          url: config.search.meiliUrl,
          apiKey: key,
          indexUid: config.search.meiliIndex,
        },
        taxonomy,
        geography,
      );
    }
    case 'neo4j':
      return new NeoFulltextSearchIndex(neo, taxonomy, geography, rows);
  }
}

@Module({
  imports: [TaxonomyModule, GeographyModule, CatalogueModule],
  providers: [
    {
      provide: SearchIndex,
      useFactory: (
        config: AppConfig,
        neo: Neo4jService,
        taxonomy: TaxonomyService,
        geography: GeographyService,
        rows: RankingRowCache,
      ) => createSearchIndex(config, neo, taxonomy, geography, undefined, rows),
      inject: [APP_CONFIG, Neo4jService, TaxonomyService, GeographyService, RankingRowCache],
    },
    SearchRepository,
    SearchSyncRepository,
    SearchService,
    SearchResolver,
    SearchHitResolver,
    SearchSyncScheduler,
  ],
  exports: [SearchIndex, SearchRepository, SearchSyncRepository, SearchSyncScheduler],
})
export class SearchModule {}
