import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';
import { decodeCursor, toPage } from '../common/pagination';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { CatalogueService } from '../catalogue/catalogue.service';
import { GeographyService } from '../geography/geography.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { SearchServicesArgs } from './dto/search-services.args';
import { FacetValue, SearchFacets, SearchHit, ServiceSearchResult } from './models/search.models';
import { Service } from '../catalogue/models/service.model';
import { documentFieldsFor, documentHolds, HitDocument, serviceFromDocument } from './hit-document';
import { FacetCount, FacetCounts, SearchHitRef, SearchIndex } from './search-index';
import { SearchSourceRepository } from './sync/search-source.repository';
import { languageName } from '../taxonomy/language-names';
import { searchTerms } from './search-vocabulary';

const byCountThenCode = (a: FacetValue, b: FacetValue): number =>
  b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

@Injectable()
export class SearchService {
  constructor(
    private readonly index: SearchIndex,
    private readonly catalogue: CatalogueService,
    private readonly services: CatalogueRepository,
    private readonly graph: SearchSourceRepository,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
  ) {}

  /**
   * Ranked services for a query and filter (same filter and validation as `services`), with
   * facets over the whole filtered result. Hits look exactly as `service(id)` shows them whatever
   * engine found them: the catalogue snapshot's (the Neo4j adapter, when at the version its index
   * query saw), else read from the graph here by id, or, when `serviceFields` (the `Service` fields the query selects on a hit) are all
   * answerable from the index's document, served from that document once a version check shows
   * it is the graph's current state (see `resolveHits`).
   */
  async searchServices(
    args: SearchServicesArgs,
    serviceFields: ReadonlySet<string> | null = null,
  ): Promise<ServiceSearchResult> {
    const terms = searchTerms(args.query);
    if (terms.length === 0) {
      throw AppError.badInput('The query has no words to search for.', { argument: 'query' });
    }
    const filter = await this.catalogue.resolveFilter(args.filter);
    const offset = decodeCursor(args.after);
    const fromDocument = documentFieldsFor(serviceFields);
    const page = await this.index.search({
      terms,
      text: args.query.trim(),
      filter,
      offset,
      limit: args.first,
      documents: fromDocument !== null,
    });
    const [hits, facets] = await Promise.all([
      this.resolveHits(page.hits, fromDocument),
      this.nameFacets(page.facets),
    ]);
    return {
      hits,
      totalHits: page.total,
      pageInfo: toPage(hits, offset, page.total).pageInfo,
      facets,
    };
  }

  /**
   * The public service of each hit, in rank order; a hit archived since the index saw it is left
   * out. A hit whose document holds `fromDocument` is served from it only if the graph says the
   * service is live at exactly the document's version (one light read of id, version and archived
   * for the page): the outbox brings the index up to date soon after a commit, but not at once
   * (nor while a backlog drains or Meilisearch is down), so it cannot vouch for a document by
   * itself. Any other hit is read from the graph by id.
   */
  private async resolveHits(
    refs: SearchHitRef[],
    fromDocument: readonly (keyof HitDocument)[] | null,
  ): Promise<SearchHit[]> {
    const served = new Map<string, Service>();
    const gone = new Set<string>();
    const candidates = fromDocument
      ? refs.flatMap((h) =>
          !h.service && h.document && documentHolds(h.document, fromDocument)
            ? [{ id: h.id, document: h.document }]
            : [],
        )
      : [];
    if (candidates.length > 0) {
      const states = await this.graph.states(candidates.map((h) => h.id));
      for (const { id, document } of candidates) {
        const state = states.get(id);
        if (!state?.live) {
          gone.add(id);
        } else if (state.version === document.version) {
          served.set(id, serviceFromDocument(document));
        }
      }
    }
    const unread = refs
      .filter((h) => !h.service && !served.has(h.id) && !gone.has(h.id))
      .map((h) => h.id);
    if (unread.length > 0) {
      (await this.services.findByIds(unread)).forEach((s) => served.set(s.id, s));
    }
    return refs.flatMap((h) => {
      const service = h.service ?? served.get(h.id);
      return service ? [{ service, score: h.score }] : [];
    });
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
      languages: named(facets.languages, (c) => languageName(c, 'da')),
    };
  }
}
