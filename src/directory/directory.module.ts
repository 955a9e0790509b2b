import { Module } from '@nestjs/common';
import { GeographyModule } from '../geography/geography.module';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { DirectoryService } from './directory.service';
import { OrganisationRepository } from './organisation.repository';
import { OrganisationResolver } from './organisation.resolver';
import { ServiceRepository } from './service.repository';
import { CoverageResolver, ServiceResolver } from './service.resolver';

@Module({
  imports: [TaxonomyModule, GeographyModule],
  providers: [
    ServiceRepository,
    OrganisationRepository,
    DirectoryService,
    ServiceResolver,
    CoverageResolver,
    OrganisationResolver,
  ],
  exports: [DirectoryService, ServiceRepository],
})
export class DirectoryModule {}
