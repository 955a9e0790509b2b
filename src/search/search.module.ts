import { Logger, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { CatalogueSnapshotCache } from '../catalogue/catalogue-snapshot';
import { GeographyModule } from '../geography/geography.module';
import { GeographyService } from '../geography/geography.service';
import { Neo4jService } from '../neo4j/neo4j.service';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { apiKeyOf } from './meilisearch/meili-key';
import { MeilisearchSearchIndex } from './meilisearch/meilisearch-search-index';
import { NeoFulltextSearchIndex } from './neo4j/neo-fulltext-search-index';
import { SearchIndex } from './search-index';
import { SearchResolver } from './search.resolver';
import { SearchService } from './search.service';
import { SearchSourceRepository } from './sync/search-source.repository';
import { SearchSyncRepository } from './sync/search-sync.repository';
import { SearchSyncScheduler } from './sync/search-sync.scheduler';

/**
 * The adapter SEARCH_ENGINE selects (default: the Neo4j full-text index). `apiKey` overrides the
 * key choice (command-line tools pass the master key); the API uses `apiKeyOf`. `snapshots`:
 * the API's catalogue snapshot, on whose rows the Neo4j adapter filters, ranks and counts facets.
 */
export function createSearchIndex(
  config: AppConfig,
  neo: Neo4jService,
  taxonomy: TaxonomyService,
  geography: GeographyService,
  apiKey?: string,
  snapshots?: CatalogueSnapshotCache,
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
      return new NeoFulltextSearchIndex(neo, taxonomy, geography, snapshots);
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
        snapshots: CatalogueSnapshotCache,
      ) => createSearchIndex(config, neo, taxonomy, geography, undefined, snapshots),
      inject: [APP_CONFIG, Neo4jService, TaxonomyService, GeographyService, CatalogueSnapshotCache],
    },
    SearchSourceRepository,
    SearchSyncRepository,
    SearchService,
    SearchResolver,
    SearchSyncScheduler,
  ],
  exports: [SearchIndex, SearchSourceRepository, SearchSyncRepository, SearchSyncScheduler],
})
export class SearchModule {}
