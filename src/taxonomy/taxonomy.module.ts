import { Module } from '@nestjs/common';
import { TaxonomyRepository } from './taxonomy.repository';
import { NeedResolver, ServiceTypeResolver, TargetGroupResolver } from './taxonomy.resolver';
import { TaxonomyService } from './taxonomy.service';

@Module({
  providers: [
    TaxonomyRepository,
    TaxonomyService,
    ServiceTypeResolver,
    TargetGroupResolver,
    NeedResolver,
  ],
  exports: [TaxonomyService],
})
export class TaxonomyModule {}
