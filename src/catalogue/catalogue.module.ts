import { Module } from '@nestjs/common';
import { GeographyModule } from '../geography/geography.module';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { CatalogueRepository } from './catalogue.repository';
import { CatalogueService } from './catalogue.service';
import { RankingRowCache } from './ranking-row-cache';

/** The read model of a service, shared by directory, search and referral. */
@Module({
  imports: [TaxonomyModule, GeographyModule],
  providers: [CatalogueRepository, CatalogueService, RankingRowCache],
  exports: [CatalogueRepository, CatalogueService, RankingRowCache],
})
export class CatalogueModule {}
