import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CatalogueModule } from '../catalogue/catalogue.module';
import {
  ApiTokenOrganisationResolver,
  MeOrganisationResolver,
} from './account-organisation.resolver';
import { GeographyModule } from '../geography/geography.module';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { DirectoryService } from './directory.service';
import { OrganisationRepository } from './organisation.repository';
import { OrganisationResolver } from './organisation.resolver';
import { AuditEntryOrganisationResolver, ListingResolver } from './listing.resolver';
import { ListingService } from './listing.service';
import { ServicePrivateRepository } from './service-private.repository';
import { ServiceWriteRepository } from './service-write.repository';
import { ContactResolver, CoverageResolver, ServiceResolver } from './service.resolver';

@Module({
  imports: [TaxonomyModule, GeographyModule, AuditModule, CatalogueModule],
  providers: [
    OrganisationRepository,
    DirectoryService,
    ServiceResolver,
    CoverageResolver,
    OrganisationResolver,
    ServiceWriteRepository,
    ServicePrivateRepository,
    ListingService,
    ListingResolver,
    ContactResolver,
    AuditEntryOrganisationResolver,
    MeOrganisationResolver,
    ApiTokenOrganisationResolver,
  ],
  exports: [DirectoryService],
})
export class DirectoryModule {}
