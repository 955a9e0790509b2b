import { Module } from '@nestjs/common';
import { GeographyModule } from '../geography/geography.module';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { CatalogueRepository } from './catalogue.repository';
import { CatalogueService } from './catalogue.service';
import { CatalogueSnapshotCache } from './catalogue-snapshot';
import { ServicePages } from './service-pages';

/** The read model of a service, shared by directory, search and referral. */
@Module({
  imports: [TaxonomyModule, GeographyModule],
  providers: [CatalogueRepository, CatalogueService, CatalogueSnapshotCache, ServicePages],
  exports: [CatalogueRepository, CatalogueService, CatalogueSnapshotCache, ServicePages],
})
export class CatalogueModule {}
