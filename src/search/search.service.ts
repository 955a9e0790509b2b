import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { decodeCursor, toPage } from '../common/pagination';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { CatalogueService } from '../catalogue/catalogue.service';
import { GeographyService } from '../geography/geography.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { SearchServicesArgs } from './dto/search-services.args';
import { FacetValue, SearchFacets, SearchHit, ServiceSearchResult } from './models/search.models';
import { FacetCount, FacetCounts, SearchIndex } from './search-index';
import { languageName, searchTerms } from './search-vocabulary';

const byCountThenCode = (a: FacetValue, b: FacetValue): number =>
  b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

@Injectable()
export class SearchService {
  constructor(
    private readonly index: SearchIndex,
    private readonly catalogue: CatalogueService,
    private readonly services: CatalogueRepository,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
  ) {}

  /**
   * Ranked services for a query and filter (same filter and validation as `services`), with
   * facets over the whole filtered result. Hits are the public `Service` model, read from the
   * graph (by the Neo4j adapter in its search query, else here by id), so they look exactly as
   * `service(id)` shows them whatever engine found them.
   */
  async searchServices(args: SearchServicesArgs): Promise<ServiceSearchResult> {
    const terms = searchTerms(args.query);
    if (terms.length === 0) {
      throw AppError.badInput('The query has no words to search for.', { argument: 'query' });
    }
    const filter = await this.catalogue.resolveFilter(args.filter);
    const offset = decodeCursor(args.after);
    const page = await this.index.search({
      terms,
      text: args.query.trim(),
      filter,
      offset,
      limit: args.first,
    });
    const unread = page.hits.filter((h) => !h.service).map((h) => h.id);
    const found = new Map(
      unread.length > 0 ? (await this.services.findByIds(unread)).map((s) => [s.id, s]) : [],
    );
    // A hit archived since the index saw it is left out.
    const hits: SearchHit[] = page.hits.flatMap((h) => {
      const service = h.service ?? found.get(h.id);
      return service ? [{ service, score: h.score }] : [];
    });
    return {
      hits,
      totalHits: page.total,
      pageInfo: toPage(hits, offset, page.total).pageInfo,
      facets: await this.nameFacets(page.facets),
    };
  }

  private async nameFacets(facets: FacetCounts): Promise<SearchFacets> {
    const [tax, geo] = await Promise.all([this.taxonomy.get(), this.geography.get()]);
    const named = (counts: FacetCount[], name: (code: string) => string | undefined) =>
      counts
        .flatMap((c) => {
          const n = name(c.code);
          return n === undefined ? [] : [{ code: c.code, name: n, count: c.count }];
        })
        .sort(byCountThenCode);
    return {
      types: named(facets.types, (c) => tax.serviceTypeByCode.get(c)?.name),
      regions: named(facets.regions, (c) => geo.region(c)?.name),
      targetGroups: named(facets.targetGroups, (c) => tax.targetGroups.get(c)?.name),
      needs: named(facets.needs, (c) => tax.needs.get(c)?.name),
      languages: named(facets.languages, (c) => languageName(c)),
    };
  }
}
