import { SearchEngine } from '../config/app-config';
import { GeographyService } from '../geography/geography.service';
import { Hierarchy, HierarchyNode } from '../taxonomy/taxonomy';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { SERVICE_FILTER_PREDICATE } from '../catalogue/service-query';
import { SERVICE_PROJECTION, ServiceRow, toService } from '../catalogue/service-row';
import { Neo4jService } from '../neo4j/neo4j.service';
import { buildLuceneQuery, MatchMode } from './lucene-query';
import { emptyFacets, FacetCount, SearchIndex, SearchPage, SearchRequest } from './search-index';
import { cypher } from '../neo4j/cypher';

/**
 * Full-text search, filter, ranking, facets and the page's services in one query. Ranked by
 * Lucene score, then name, then id, so equal scores always come in the same order. Facets count
 * the whole filtered result: a group or need counts every hit a filter on that code would return
 * (the hierarchy both ways, `$groupFacets`/`$needFacets`: code → the codes it counts for), a
 * region every hit located in or covering it (`$regionOf`: municipality code → region code).
 * Everything is read from the codes the read model keeps on the node: no relationship is walked
 * per hit. Only the page's hits are projected whole (one query, no second read by id).
 */
export const SEARCH = cypher`
CALL db.index.fulltext.queryNodes('service_search', $lucene) YIELD node AS s, score
WHERE ${SERVICE_FILTER_PREDICATE}
WITH s, score ORDER BY score DESC, s.name, s.id
WITH collect({s: s, score: score}) AS ranked, collect(s) AS matched
CALL (ranked) {
  UNWIND ranked[toInteger($skip)..toInteger($skip + $limit)] AS hit
  WITH hit.s AS s, hit.score AS score
  RETURN collect({id: s.id, score: score, service: ${SERVICE_PROJECTION}}) AS hits
}
RETURN size(ranked) AS total, hits,
  COLLECT {
    UNWIND matched AS s
    WITH s.typeCode AS code, count(*) AS n
    WHERE code IS NOT NULL
    RETURN {code: code, count: n}
  } AS types,
  COLLECT {
    UNWIND matched AS s
    UNWIND [c IN coalesce(s.areaCodes, []) | coalesce($regionOf[c], c)] AS code
    WITH code, count(DISTINCT s) AS n
    RETURN {code: code, count: n}
  } AS regions,
  COLLECT {
    UNWIND matched AS s
    UNWIND reduce(codes = [], c IN coalesce(s.targetGroupCodes, []) | codes + coalesce($groupFacets[c], [c])) AS code
    WITH code, count(DISTINCT s) AS n
    RETURN {code: code, count: n}
  } AS targetGroups,
  COLLECT {
    UNWIND matched AS s
    UNWIND reduce(codes = [], c IN coalesce(s.needCodes, []) | codes + coalesce($needFacets[c], [c])) AS code
    WITH code, count(DISTINCT s) AS n
    RETURN {code: code, count: n}
  } AS needs,
  COLLECT {
    UNWIND matched AS s
    UNWIND coalesce(s.languages, []) AS code
    WITH code, count(DISTINCT s) AS n
    RETURN {code: code, count: n}
  } AS languages`;

/** The codes each code counts for in a facet: its broader and narrower codes, and itself. */
function facetCodes(hierarchy: Hierarchy<HierarchyNode>): Record<string, string[]> {
  return Object.fromEntries(
    hierarchy.nodes.map((n) => [
      n.code,
      [
        ...new Set([
          ...hierarchy.ancestorsAndSelf(n.code),
          ...hierarchy.descendantsAndSelf(n.code),
        ]),
      ],
    ]),
  );
}

interface SearchRow {
  total: number;
  hits: { id: string; score: number; service: ServiceRow }[];
  types: FacetCount[];
  regions: FacetCount[];
  targetGroups: FacetCount[];
  needs: FacetCount[];
  languages: FacetCount[];
}

/**
 * The default adapter: Neo4j's full-text index `service_search` (standard-folding analyzer) over
 * the name and the denormalised `searchText`, which SearchOutbox refreshes in the writing
 * transaction, so there is nothing to push: the sync methods do nothing.
 */
export class NeoFulltextSearchIndex extends SearchIndex {
  readonly engine: SearchEngine = 'neo4j';

  constructor(
    private readonly neo: Neo4jService,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
  ) {
    super();
  }

  /** The facet maps, from the (cached) taxonomy and geography. */
  private async facetParams(): Promise<Record<string, unknown>> {
    const [tax, geo] = await Promise.all([this.taxonomy.get(), this.geography.get()]);
    return {
      regionOf: Object.fromEntries(geo.municipalities.map((m) => [m.code, m.regionCode])),
      groupFacets: facetCodes(tax.targetGroups),
      needFacets: facetCodes(tax.needs),
    };
  }

  prepare(): Promise<void> {
    return Promise.resolve();
  }

  /** The index lives in Neo4j: it answers when Neo4j does. */
  ping(): Promise<void> {
    return this.neo.ping();
  }

  /**
   * Every word is required; if that finds nothing and there are several words, any word will do
   * (ranked so that hits with more words come first).
   */
  async search(request: SearchRequest): Promise<SearchPage> {
    const first = await this.query(request, 'all');
    if (first.total > 0 || request.terms.length < 2) {
      return first;
    }
    return this.query(request, 'any');
  }

  private async query(request: SearchRequest, mode: MatchMode): Promise<SearchPage> {
    const [row] = await this.neo.read<SearchRow>(SEARCH, {
      ...(await this.facetParams()),
      ...request.filter,
      lucene: buildLuceneQuery(request.terms, mode),
      skip: request.offset,
      limit: request.limit,
    });
    if (!row) {
      return { hits: [], total: 0, facets: emptyFacets() };
    }
    return {
      hits: row.hits.map((h) => ({ id: h.id, score: h.score, service: toService(h.service) })),
      total: row.total,
      facets: {
        types: row.types,
        regions: row.regions,
        targetGroups: row.targetGroups,
        needs: row.needs,
        languages: row.languages,
      },
    };
  }

  versions(): Promise<Map<string, number>> {
    return Promise.resolve(new Map<string, number>());
  }

  upsert(): Promise<void> {
    return Promise.resolve();
  }

  remove(): Promise<void> {
    return Promise.resolve();
  }
}
