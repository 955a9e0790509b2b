import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { GeographyModule } from '../geography/geography.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { DirectoryService } from './directory.service';
import { FreshnessRepository } from './freshness.repository';
import { FreshnessResolver } from './freshness.resolver';
import { FreshnessService } from './freshness.service';
import { ListingResolver } from './listing.resolver';
import { ListingService } from './listing.service';
import { OrganisationServicesResolver } from './organisation-services.resolver';
import { ServiceWriteRepository } from './service-write.repository';
import { ContactResolver, CoverageResolver, ServiceResolver } from './service.resolver';

@Module({
  imports: [
    TaxonomyModule,
    GeographyModule,
    AuditModule,
    CatalogueModule,
    AccountsModule,
    OrganisationsModule,
  ],
  providers: [
    DirectoryService,
    ServiceResolver,
    CoverageResolver,
    ContactResolver,
    OrganisationServicesResolver,
    ServiceWriteRepository,
    ListingService,
    ListingResolver,
    FreshnessRepository,
    FreshnessService,
    FreshnessResolver,
  ],
  exports: [DirectoryService],
})
export class DirectoryModule {}
