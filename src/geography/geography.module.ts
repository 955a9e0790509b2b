import { Module } from '@nestjs/common';
import { GeographyRepository } from './geography.repository';
import { MunicipalityResolver, RegionResolver } from './geography.resolver';
import { GeographyService } from './geography.service';

@Module({
  providers: [GeographyRepository, GeographyService, RegionResolver, MunicipalityResolver],
  exports: [GeographyService],
})
export class GeographyModule {}
