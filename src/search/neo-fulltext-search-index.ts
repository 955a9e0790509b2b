import { SearchEngine } from '../config/app-config';
import { GeographyService } from '../geography/geography.service';
import { Hierarchy, HierarchyNode } from '../taxonomy/taxonomy';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { compareKeys, rowFilter } from '../catalogue/listing-rows';
import { CachedRow, RankingRowCache, RankingRowSnapshot } from '../catalogue/ranking-row-cache';
import { ServiceQuery } from '../catalogue/service-query';
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

/**
 * The full-text part of a search: every hit's id and Lucene score, nothing else read. The filter,
 * the ranking (score, then name, then id) and the facets are decided on the light rows the API
 * keeps in memory (RankingRowCache), and SearchService reads the page's services by id: the
 * graph is asked only what its full-text index knows.
 */
export const SEARCH_HITS = `
CALL db.index.fulltext.queryNodes('service_search', $lucene) YIELD node, score
RETURN collect(node.id) AS ids, collect(score) AS scores`;

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

interface HitsRow {
  ids: (string | null)[];
  scores: number[];
}

/** Per facet: the codes each code of a service counts for (see `facetCounts`). */
export interface FacetMaps {
  /** municipality code → its region code (a region code stands for itself). */
  regionOf: ReadonlyMap<string, string>;
  groupFacets: ReadonlyMap<string, readonly string[]>;
  needFacets: ReadonlyMap<string, readonly string[]>;
}

const byRank = (a: RankedHit, b: RankedHit): number =>
  b.score - a.score || compareKeys(a.row.row, b.row.row);

interface RankedHit {
  row: CachedRow;
  score: number;
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
    tally(groups, expand(c.groups, maps.groupFacets));
    tally(needs, expand(c.needs, maps.needFacets));
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

/**
 * The hits of a full-text query decided on the cached rows: those that are current services and
 * match the filter, ranked by score, then name, then id; the page from `offset`; the total and
 * the facets over all of them.
 */
export function rankHits(
  ids: readonly (string | null)[],
  scores: readonly number[],
  snapshot: RankingRowSnapshot,
  filter: ServiceQuery,
  maps: FacetMaps,
  offset: number,
  limit: number,
): SearchPage {
  const matches = rowFilter(filter);
  const ranked: RankedHit[] = [];
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    const row = id === null || seen.has(id) ? undefined : snapshot.get(id);
    if (row && matches(row)) {
      seen.add(row.row.id);
      ranked.push({ row, score: scores[i] });
    }
  });
  ranked.sort(byRank);
  return {
    hits: ranked.slice(offset, offset + limit).map((h) => ({ id: h.row.row.id, score: h.score })),
    total: ranked.length,
    facets: facetCounts(
      ranked.map((h) => h.row),
      maps,
    ),
  };
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
    // the stamp read (and any refresh of the cached rows) runs beside the full-text query
    const [[row], snapshot, maps] = await Promise.all([
      this.neo.read<HitsRow>(SEARCH_HITS, { lucene: buildLuceneQuery(request.terms, mode) }),
      this.rows.snapshot(),
      this.facetMaps(),
    ]);
    if (!row) {
      return { hits: [], total: 0, facets: emptyFacets() };
    }
    return rankHits(
      row.ids,
      row.scores,
      snapshot,
      request.filter,
      maps,
      request.offset,
      request.limit,
    );
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
