import { Injectable } from '@nestjs/common';
import { GeographyService } from '../geography/geography.service';
import { CatalogueRepository } from './catalogue.repository';
import { listingIndexOf, pageOfRows, rowFilter, ServiceKey } from './listing-rows';
import { Service } from './models/service.model';
import { RankingRowCache } from './ranking-row-cache';
import { placeCodesOf, ServiceQuery } from './service-query';

/**
 * Pages of the service listing, decided and served from one snapshot of the services every API
 * process keeps (RankingRowCache, brought up to date from the catalogue stamp before each use):
 * from the smallest candidate set the per-code counts point to, the matches are counted (the
 * total) and the first of them after the cursor picked on the light rows, and the page's services
 * are the snapshot's, at the same stamp as the rows that chose them. So a listing costs the stamp
 * read and the candidates of its most selective code in memory, whatever the size of the country.
 */
@Injectable()
export class ServicePages {
  constructor(
    private readonly rows: RankingRowCache,
    private readonly repo: CatalogueRepository,
    private readonly geography: GeographyService,
  ) {}

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
    const [snapshot, geo] = await Promise.all([this.rows.snapshot(), this.geography.get()]);
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
