import { Injectable } from '@nestjs/common';
import { decodeCursor, Page, PageArgs, toPage } from '../common/pagination';
import { byKeys, LoaderRegistry } from '../common/request-context';
import { GeographyService } from '../geography/geography.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { ServiceFilter } from './dto/service-filter.input';
import { Organisation } from './models/organisation.model';
import { Service } from './models/service.model';
import { OrganisationRepository } from './organisation.repository';
import { ServiceQuery, ServiceRepository } from './service.repository';

const nonEmpty = (codes: string[] | undefined): string[] | null =>
  codes && codes.length > 0 ? codes : null;

@Injectable()
export class DirectoryService {
  constructor(
    private readonly services: ServiceRepository,
    private readonly organisations: OrganisationRepository,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
  ) {}

  /**
   * Checks every code in a filter (all unknown codes are reported together) and expands group and
   * need codes along their hierarchies.
   */
  async resolveFilter(
    filter: ServiceFilter | undefined,
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

  /** A page of services matching the filter, by name. */
  async listServices(filter: ServiceFilter | undefined, page: PageArgs): Promise<Page<Service>> {
    const query = await this.resolveFilter(filter);
    const offset = decodeCursor(page.after);
    const { total, services } = await this.services.findPage(query, offset, page.first);
    return toPage(services, offset, total);
  }

  async getService(id: string): Promise<Service | null> {
    const [service] = await this.services.findByIds([id]);
    return service ?? null;
  }

  async listOrganisations(page: PageArgs): Promise<Page<Organisation>> {
    const offset = decodeCursor(page.after);
    const { total, organisations } = await this.organisations.findPage(offset, page.first);
    return toPage(organisations, offset, total);
  }

  async getOrganisation(id: string): Promise<Organisation | null> {
    const [org] = await this.organisations.findByIds([id]);
    return org ?? null;
  }

  /** Batched per request: one query for all organisations a response needs. */
  organisationLoader(loaders: LoaderRegistry) {
    return loaders.get<Organisation>('organisationById', async (ids) =>
      byKeys(ids, await this.organisations.findByIds(ids), (o) => o.id),
    );
  }

  /** Batched per request: one query for the services of all organisations in a response. */
  servicesOfOrganisationLoader(loaders: LoaderRegistry) {
    return loaders.get<Service[]>('servicesByOrganisation', async (ids) => {
      const map = await this.services.findByOrganisations(ids);
      return ids.map((id) => map.get(id) ?? []);
    });
  }
}
