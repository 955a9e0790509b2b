import { SearchEngine } from '../config/app-config';
import { SERVICE_FILTER_PREDICATE } from '../catalogue/service-query';
import { Neo4jService } from '../neo4j/neo4j.service';
import { buildLuceneQuery, MatchMode } from './lucene-query';
import { emptyFacets, FacetCount, SearchIndex, SearchPage, SearchRequest } from './search-index';

/**
 * Full-text search, filter, ranking and facets in one query. Ranked by Lucene score, then name,
 * then id, so equal scores always come in the same order. Facets count the whole filtered result:
 * a group or need counts every hit a filter on that code would return (the hierarchy both ways),
 * a region every hit located in or covering it.
 */
const SEARCH = `
CALL db.index.fulltext.queryNodes('service_search', $lucene) YIELD node AS s, score
WHERE ${SERVICE_FILTER_PREDICATE}
WITH s, score ORDER BY score DESC, s.name, s.id
WITH collect({id: s.id, score: score}) AS ranked, collect(s) AS matched
RETURN size(ranked) AS total,
  ranked[toInteger($skip)..toInteger($skip + $limit)] AS hits,
  COLLECT {
    UNWIND matched AS s
    MATCH (s)-[:OF_TYPE]->(t:ServiceType)
    WITH t.code AS code, count(DISTINCT s) AS n
    RETURN {code: code, count: n}
  } AS types,
  COLLECT {
    UNWIND matched AS s
    UNWIND [(s)-[:COVERS]->(r:Region) | r.code]
      + [(s)-[:LOCATED_IN|COVERS]->(:Municipality)-[:IN_REGION]->(r:Region) | r.code] AS code
    WITH code, count(DISTINCT s) AS n
    RETURN {code: code, count: n}
  } AS regions,
  COLLECT {
    UNWIND matched AS s
    UNWIND [(s)-[:SERVES]->(:TargetGroup)-[:NARROWER_THAN*0..]->(g:TargetGroup) | g.code]
      + [(s)-[:SERVES]->(:TargetGroup)<-[:NARROWER_THAN*0..]-(g:TargetGroup) | g.code] AS code
    WITH code, count(DISTINCT s) AS n
    RETURN {code: code, count: n}
  } AS targetGroups,
  COLLECT {
    UNWIND matched AS s
    UNWIND [(s)-[:MEETS]->(:Need)-[:NARROWER_THAN*0..]->(x:Need) | x.code]
      + [(s)-[:MEETS]->(:Need)<-[:NARROWER_THAN*0..]-(x:Need) | x.code] AS code
    WITH code, count(DISTINCT s) AS n
    RETURN {code: code, count: n}
  } AS needs,
  COLLECT {
    UNWIND matched AS s
    UNWIND coalesce(s.languages, []) AS code
    WITH code, count(DISTINCT s) AS n
    RETURN {code: code, count: n}
  } AS languages`;

interface SearchRow {
  total: number;
  hits: { id: string; score: number }[];
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

  constructor(private readonly neo: Neo4jService) {
    super();
  }

  prepare(): Promise<void> {
    return Promise.resolve();
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
      ...request.filter,
      lucene: buildLuceneQuery(request.terms, mode),
      skip: request.offset,
      limit: request.limit,
    });
    if (!row) {
      return { hits: [], total: 0, facets: emptyFacets() };
    }
    return {
      hits: row.hits,
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
