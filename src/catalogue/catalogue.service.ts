import { Injectable } from '@nestjs/common';
import { GeographyService } from '../geography/geography.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { ServiceQuery } from './service-query';

/** A service filter as the API takes it (see `ServiceFilterInput` in directory's DTOs). */
export interface ServiceFilterInput {
  typeCodes?: string[];
  targetGroupCodes?: string[];
  needCodes?: string[];
  regionCode?: string;
  municipalityCode?: string;
  includeNational?: boolean;
  languages?: string[];
}

const nonEmpty = (codes: string[] | undefined): string[] | null =>
  codes && codes.length > 0 ? codes : null;

/** The rules of the read model every feature shares: how a filter is checked and expanded. */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
  ) {}

  /**
   * Checks every code in a filter (all unknown codes are reported together) and expands group and
   * need codes along their hierarchies.
   */
  async resolveFilter(
    filter: ServiceFilterInput | undefined,
    argument = 'filter',
  ): Promise<ServiceQuery> {
    const f = filter ?? {};
    const [tax, geo] = await Promise.all([this.taxonomy.get(), this.geography.get()]);
    tax.assertKnown('serviceTypes', f.typeCodes, `${argument}.typeCodes`);
    tax.assertKnown('targetGroups', f.targetGroupCodes, `${argument}.targetGroupCodes`);
    tax.assertKnown('needs', f.needCodes, `${argument}.needCodes`);
    geo.assertRegion(f.regionCode, `${argument}.regionCode`);
    geo.assertMunicipality(f.municipalityCode, `${argument}.municipalityCode`);
    const groups = nonEmpty(f.targetGroupCodes);
    const needs = nonEmpty(f.needCodes);
    return {
      typeCodes: nonEmpty(f.typeCodes),
      targetGroupCodes: groups ? tax.targetGroups.expandForMatch(groups) : null,
      needCodes: needs ? tax.needs.expandForMatch(needs) : null,
      regionCode: f.regionCode ?? null,
      municipalityCode: f.municipalityCode ?? null,
      includeNational: f.includeNational ?? false,
      languages: nonEmpty(f.languages),
      regionMunicipalityCodes: f.regionCode
        ? geo.municipalitiesIn(f.regionCode).map((m) => m.code)
        : [],
      municipalityRegionCode: f.municipalityCode
        ? (geo.municipality(f.municipalityCode)?.regionCode ?? null)
        : null,
    };
  }
}
