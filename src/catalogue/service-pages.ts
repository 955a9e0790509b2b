import { Injectable } from '@nestjs/common';
import { decodeKeyCursor, Page, PageArgs, toKeysetPage } from '../common/pagination';
import { GeographyService } from '../geography/geography.service';
import { CatalogueRepository } from './catalogue.repository';
import { CatalogueService, ServiceFilterInput } from './catalogue.service';
import { CatalogueSnapshotCache } from './catalogue-snapshot';
import { listingIndexOf, pageOfRows, rowFilter } from './listing-rows';
import { Service } from './models/service.model';
import { placeCodesOf, ServiceKey, ServiceQuery } from './service-query';

/**
 * Pages of the service listing (the public `services` query), decided and served from the
 * catalogue snapshot every API process keeps (brought up to date from the catalogue stamp before
 * each use):
 * from the smallest candidate set the per-code counts point to, the matches are counted (the
 * total) and the first of them after the cursor picked on the light rows, and the page's services
 * are the snapshot's, at the same stamp as the rows that chose them. So a listing costs the stamp
 * read and the candidates of its most selective code in memory, whatever the size of the country.
 */
@Injectable()
export class ServicePages {
  constructor(
    private readonly snapshots: CatalogueSnapshotCache,
    private readonly repo: CatalogueRepository,
    private readonly catalogue: CatalogueService,
    private readonly geography: GeographyService,
  ) {}

  /**
   * A page of services matching the filter, by name then id, after a keyset cursor. The total is
   * sent only when `withTotal` says the client asked for it (see `findPage`).
   */
  async listServices(
    filter: ServiceFilterInput | undefined,
    page: PageArgs,
    withTotal: boolean,
  ): Promise<Page<Service>> {
    const query = await this.catalogue.resolveFilter(filter);
    const keys = decodeKeyCursor(page.after, 2);
    const after = keys ? { name: keys[0], id: keys[1] } : null;
    const { services, total } = await this.findPage(query, after, page.first + 1, withTotal);
    return toKeysetPage(services, page.first, after !== null, total, (s) => [s.name, s.id]);
  }

  /**
   * Up to `limit` services matching the filter after `after`, in (name, id) order, and how many
   * match in all (0 unless `withTotal`).
   */
  async findPage(
    query: ServiceQuery,
    after: ServiceKey | null,
    limit: number,
    withTotal: boolean,
  ): Promise<{ services: Service[]; total: number }> {
    const [snapshot, geo] = await Promise.all([this.snapshots.snapshot(), this.geography.get()]);
    const index = listingIndexOf(snapshot, [
      ...geo.regions.map((r) => r.code),
      ...geo.municipalities.map((m) => m.code),
    ]);
    if (!index.complete) {
      // a service with no place at all (not written through the API): the graph decides alone
      return this.repo.findPage(query, after, limit, withTotal);
    }
    const candidates = index.candidates(query, placeCodesOf(query));
    const { total, page } = pageOfRows(candidates, rowFilter(query), after, limit);
    const services = snapshot.servicesByIds(page.map((c) => c.row.id));
    return { services, total: withTotal ? total : 0 };
  }
}
