import { Injectable } from '@nestjs/common';
import { byKeys, LoaderRegistry } from '../common/request-context';
import { GeographyService } from '../geography/geography.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { CatalogueRepository } from './catalogue.repository';
import { Service } from './models/service.model';
import { ServiceQuery } from './service-query';

/** A service filter as the API takes it (the GraphQL input: dto/service-filter.input.ts). */
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

/**
 * The read side of services, which every feature shares: how a filter is checked and expanded,
 * and the public reads of services by id and by organisation (pages: ServicePages).
 */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
    private readonly services: CatalogueRepository,
  ) {}

  async getService(id: string): Promise<Service | null> {
    const [service] = await this.services.findByIds([id]);
    return service ?? null;
  }

  /** Batched per request: one query for all services named by id (archived ones are null). */
  serviceLoader(loaders: LoaderRegistry) {
    return loaders.get<Service>('serviceById', async (ids) =>
      byKeys(ids, await this.services.findByIds(ids), (s) => s.id),
    );
  }

  /** Batched per request: one query for the services of all organisations in a response. */
  servicesOfOrganisationLoader(loaders: LoaderRegistry) {
    return loaders.get<Service[]>('servicesByOrganisation', async (ids) => {
      const map = await this.services.findByOrganisations(ids);
      return ids.map((id) => map.get(id) ?? []);
    });
  }

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
