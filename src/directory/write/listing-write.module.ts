import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { GeographyModule } from '../../geography/geography.module';
import { TaxonomyModule } from '../../taxonomy/taxonomy.module';
import { ListingResolver } from './listing.resolver';
import { ListingService } from './listing.service';
import { ServiceWriteRepository } from './service-write.repository';

/**
 * The writes of listings: create, update, archive, confirm and report availability, each checked,
 * written, audited and recorded for search (ListingChanges) in one transaction.
 */
@Module({
  imports: [TaxonomyModule, GeographyModule, AuditModule],
  providers: [ListingResolver, ListingService, ServiceWriteRepository],
})
export class ListingWriteModule {}
