import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { GeographyModule } from '../geography/geography.module';
import { TaxonomyModule } from '../taxonomy/taxonomy.module';
import { ReferralCandidates } from './candidates';
import { ReferralResolver } from './referral.resolver';
import { ReferralService } from './referral.service';

@Module({
  imports: [TaxonomyModule, GeographyModule, CatalogueModule],
  providers: [ReferralCandidates, ReferralService, ReferralResolver],
})
export class ReferralModule {}
