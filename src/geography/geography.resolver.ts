import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Municipality, Region } from './models/geography.models';
import { GeographyService } from './geography.service';
import { CodeArgs, MunicipalitiesArgs } from './geography.args';

@Resolver(() => Region)
export class RegionResolver {
  constructor(private readonly geography: GeographyService) {}

  @Query(() => [Region], { description: 'The 5 regions, by code.' })
  async regions(): Promise<Region[]> {
    return (await this.geography.get()).regions;
  }

  @Query(() => Region, {
    nullable: true,
    description: 'A region by its code (null if none has it).',
  })
  async region(@Args() { code }: CodeArgs): Promise<Region | null> {
    return (await this.geography.get()).region(code);
  }

  @ResolveField(() => [Municipality])
  async municipalities(@Parent() region: Region): Promise<Municipality[]> {
    return (await this.geography.get()).municipalitiesIn(region.code);
  }
}

@Resolver(() => Municipality)
export class MunicipalityResolver {
  constructor(private readonly geography: GeographyService) {}

  @Query(() => [Municipality], { description: 'Municipalities by code, optionally in one region.' })
  async municipalities(@Args() { regionCode }: MunicipalitiesArgs): Promise<Municipality[]> {
    const geo = await this.geography.get();
    if (regionCode === undefined) {
      return geo.municipalities;
    }
    geo.assertRegion(regionCode, 'regionCode');
    return geo.municipalitiesIn(regionCode);
  }

  @Query(() => Municipality, {
    nullable: true,
    description: 'A municipality by its code (null if none has it).',
  })
  async municipality(@Args() { code }: CodeArgs): Promise<Municipality | null> {
    return (await this.geography.get()).municipality(code);
  }

  @ResolveField(() => Region)
  async region(@Parent() municipality: Municipality): Promise<Region | null> {
    return (await this.geography.get()).region(municipality.regionCode);
  }
}
