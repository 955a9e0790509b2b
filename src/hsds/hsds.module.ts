import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { ListingWriteModule } from '../directory/write/listing-write.module';
import { GeographyModule } from '../geography/geography.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { HsdsController } from './hsds.controller';
import { HsdsImporter } from './hsds-import';
import { HsdsService } from './hsds.service';

/**
 * Open Referral HSDS 3.1: the read API under /hsds, the documents the export writes, and the
 * import (through the directory's write path).
 */
@Module({
  imports: [
    CatalogueModule,
    TaxonomyModule,
    GeographyModule,
    OrganisationsModule,
    ListingWriteModule,
  ],
  controllers: [HsdsController],
  providers: [HsdsService, HsdsImporter],
  exports: [HsdsService, HsdsImporter],
})
export class HsdsModule {}
