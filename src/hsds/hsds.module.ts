import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { GeographyModule } from '../geography/geography.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { HsdsController } from './hsds.controller';
import { HsdsService } from './hsds.service';

/** Open Referral HSDS 3.1: the read API under /hsds and the documents the export writes. */
@Module({
  imports: [CatalogueModule, TaxonomyModule, GeographyModule, OrganisationsModule],
  controllers: [HsdsController],
  providers: [HsdsService],
  exports: [HsdsService],
})
export class HsdsModule {}
