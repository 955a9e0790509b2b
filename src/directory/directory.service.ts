import { Injectable } from '@nestjs/common';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { CatalogueService } from '../catalogue/catalogue.service';
import { ServicePages } from '../catalogue/service-pages';
import { decodeKeyCursor, Page, PageArgs, toKeysetPage } from '../common/pagination';
import { byKeys, LoaderRegistry } from '../common/request-context';
import { ServiceFilterInput } from '../catalogue/dto/service-filter.input';
import { Service } from '../catalogue/models/service.model';

@Injectable()
export class DirectoryService {
  constructor(
    private readonly services: CatalogueRepository,
    private readonly catalogue: CatalogueService,
    private readonly pages: ServicePages,
  ) {}

  /**
   * A page of services matching the filter, by name then id, after a keyset cursor. The total is
   * sent only when `withTotal` says the client asked for it (see ServicePages.findPage).
   */
  async listServices(
    filter: ServiceFilterInput | undefined,
    page: PageArgs,
    withTotal: boolean,
  ): Promise<Page<Service>> {
    const query = await this.catalogue.resolveFilter(filter);
    const keys = decodeKeyCursor(page.after, 2);
    const after = keys ? { name: keys[0], id: keys[1] } : null;
    const { services, total } = await this.pages.findPage(query, after, page.first + 1, withTotal);
    return toKeysetPage(services, page.first, after !== null, total, (s) => [s.name, s.id]);
  }

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
}
