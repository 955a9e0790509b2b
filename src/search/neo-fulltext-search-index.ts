import { SearchEngine } from '../config/app-config';
import { GeographyService } from '../geography/geography.service';
import { Hierarchy, HierarchyNode } from '../taxonomy/taxonomy';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { CachedRow, RankingRowCache, RankingRowSnapshot } from '../catalogue/ranking-row-cache';
import { Service } from '../catalogue/models/service.model';
import { SERVICE_FILTER_PREDICATE } from '../catalogue/service-query';
import { Geography } from '../geography/geography';
import { Taxonomy } from '../taxonomy/taxonomy';
import { Neo4jService } from '../neo4j/neo4j.service';
import { buildLuceneQuery, MatchMode } from './lucene-query';
import {
  emptyFacets,
  FacetCount,
  FacetCounts,
  SearchIndex,
  SearchPage,
  SearchRequest,
} from './search-index';
import { cypher } from '../neo4j/cypher';

/**
 * Full-text search, filter and ranking in one query. Ranked by Lucene score, then name, then id,
 * so equal scores always come in the same order; the page's hits are returned as id, score and
 * version, and their services are the ones the API keeps in memory (RankingRowCache, read beside
 * this query) where the version is the same, so nothing is projected here. It also returns the ids of every filtered hit (their ids
 * are read for the ranking anyway), and the facets are counted on the cached light rows: no
 * counting pass over the hits in the graph.
 */
export const SEARCH = cypher`
CALL db.index.fulltext.queryNodes('service_search', $lucene) YIELD node AS s, score
WHERE ${SERVICE_FILTER_PREDICATE}
WITH s, score ORDER BY score DESC, s.name, s.id
WITH collect({s: s, score: score}) AS ranked
CALL (ranked) {
  UNWIND ranked[toInteger($skip)..toInteger($skip + $limit)] AS hit
  WITH hit.s AS s, hit.score AS score
  RETURN collect({id: s.id, score: score, version: s.version}) AS hits
}
RETURN size(ranked) AS total, hits, [hit IN ranked | hit.s.id] AS matchedIds`;

/**
 * A hit's service from the snapshot when the snapshot holds it at the version the search query
 * saw; otherwise (changed between the two reads) none, and SearchService reads it by id.
 */
function served(
  snapshot: RankingRowSnapshot,
  hit: { id: string; version: number | null },
): Service | undefined {
  const service = snapshot.service(hit.id);
  return service && service.version === (hit.version ?? 1) ? service : undefined;
}

/** The codes each code counts for in a facet: its broader and narrower codes, and itself. */
function facetCodes(hierarchy: Hierarchy<HierarchyNode>): Map<string, string[]> {
  return new Map(
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
  hits: { id: string; score: number; version: number | null }[];
  matchedIds: string[];
}

/** Per facet: the codes each code of a service counts for (see `facetCounts`). */
export interface FacetMaps {
  /** municipality code → its region code (a region code stands for itself). */
  regionOf: ReadonlyMap<string, string>;
  groupFacets: ReadonlyMap<string, readonly string[]>;
  needFacets: ReadonlyMap<string, readonly string[]>;
}

function tally(counts: Map<string, number>, codes: Iterable<string>): void {
  for (const code of codes) {
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
}

const toCounts = (counts: Map<string, number>): FacetCount[] =>
  [...counts].map(([code, count]) => ({ code, count }));

/**
 * Facets over the whole filtered result: a service counts once per code. A group or need counts
 * every hit a filter on that code would return (the hierarchy both ways), a region every hit
 * located in or covering it or one of its municipalities.
 */
export function facetCounts(rows: readonly CachedRow[], maps: FacetMaps): FacetCounts {
  const types = new Map<string, number>();
  const regions = new Map<string, number>();
  const groups = new Map<string, number>();
  const needs = new Map<string, number>();
  const languages = new Map<string, number>();
  const expand = (codes: Iterable<string>, by: ReadonlyMap<string, readonly string[]>) => {
    const out = new Set<string>();
    for (const code of codes) {
      (by.get(code) ?? [code]).forEach((c) => out.add(c));
    }
    return out;
  };
  for (const c of rows) {
    if (c.row.typeCode) {
      tally(types, [c.row.typeCode]);
    }
    tally(regions, new Set(c.places.map((p) => maps.regionOf.get(p) ?? p)));
    tally(groups, expand(new Set(c.row.targetGroupCodes), maps.groupFacets));
    tally(needs, expand(new Set(c.row.needCodes), maps.needFacets));
    tally(languages, new Set(c.row.languages));
  }
  return {
    types: toCounts(types),
    regions: toCounts(regions),
    targetGroups: toCounts(groups),
    needs: toCounts(needs),
    languages: toCounts(languages),
  };
}

/** The facets of the hits with these ids, counted on their cached rows. */
export function facetsOfIds(
  ids: readonly string[],
  snapshot: RankingRowSnapshot,
  maps: FacetMaps,
): FacetCounts {
  return facetCounts(
    ids.flatMap((id) => snapshot.get(id) ?? []),
    maps,
  );
}

/**
 * The default adapter: Neo4j's full-text index `service_search` (standard-folding analyzer) over
 * the name and the denormalised `searchText`, which SearchOutbox refreshes in the writing
 * transaction, so there is nothing to push: the sync methods do nothing.
 */
export class NeoFulltextSearchIndex extends SearchIndex {
  readonly engine: SearchEngine = 'neo4j';

  private readonly rows: RankingRowCache;
  private maps: { tax: Taxonomy; geo: Geography; maps: FacetMaps } | null = null;

  /**
   * `rows`: the API's shared cache of light rows; a tool that builds the adapter alone (it never
   * searches, or searches rarely) gets one of its own, loaded at its first search.
   */
  constructor(
    private readonly neo: Neo4jService,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
    rows?: RankingRowCache,
  ) {
    super();
    this.rows = rows ?? new RankingRowCache(new CatalogueRepository(neo));
  }

  /** The facet maps, from the (cached) taxonomy and geography; made again when those change. */
  private async facetMaps(): Promise<FacetMaps> {
    const [tax, geo] = await Promise.all([this.taxonomy.get(), this.geography.get()]);
    if (this.maps?.tax !== tax || this.maps.geo !== geo) {
      this.maps = {
        tax,
        geo,
        maps: {
          regionOf: new Map(geo.municipalities.map((m) => [m.code, m.regionCode])),
          groupFacets: facetCodes(tax.targetGroups),
          needFacets: facetCodes(tax.needs),
        },
      };
    }
    return this.maps.maps;
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
    // the stamp read (and any refresh of the cached rows) runs beside the search query
    const [[row], snapshot, maps] = await Promise.all([
      this.neo.read<SearchRow>(SEARCH, {
        ...request.filter,
        lucene: buildLuceneQuery(request.terms, mode),
        skip: request.offset,
        limit: request.limit,
      }),
      this.rows.snapshot(),
      this.facetMaps(),
    ]);
    if (!row) {
      return { hits: [], total: 0, facets: emptyFacets() };
    }
    return {
      hits: row.hits.map((h) => ({ id: h.id, score: h.score, service: served(snapshot, h) })),
      total: row.total,
      facets: facetsOfIds(row.matchedIds, snapshot, maps),
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
