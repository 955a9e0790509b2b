import { Module } from '@nestjs/common';
import { AccountsModule } from '../../accounts/accounts.module';
import { CatalogueModule } from '../../catalogue/catalogue.module';
import { GeographyModule } from '../../geography/geography.module';
import { OrganisationsModule } from '../../organisations/organisations.module';
import { TaxonomyModule } from '../../taxonomy/taxonomy.module';
import { FreshnessRepository } from './freshness.repository';
import { FreshnessResolver } from './freshness.resolver';
import { FreshnessService } from './freshness.service';
import { OrganisationServicesResolver } from './organisation-services.resolver';
import { ContactResolver, CoverageResolver, ServiceResolver } from './service.resolver';

/**
 * The public reads of listings: the `services` and `service` queries and the fields of a
 * `Service`. They read the catalogue (its snapshot and queries) and write nothing; what only some
 * roles may see comes from accounts' PrivateDetailsService. Also the freshness loop's
 * `listingFreshness` (ADMIN and the organisation's EDITORs), which reads and writes nothing else.
 */
@Module({
  imports: [TaxonomyModule, GeographyModule, CatalogueModule, AccountsModule, OrganisationsModule],
  providers: [
    ServiceResolver,
    CoverageResolver,
    ContactResolver,
    OrganisationServicesResolver,
    FreshnessRepository,
    FreshnessService,
    FreshnessResolver,
  ],
})
export class ListingReadModule {}
