import { SearchEngine } from '../../config/app-config';
import { GeographyService } from '../../geography/geography.service';
import { Hierarchy, HierarchyNode } from '../../taxonomy/taxonomy';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { CatalogueRepository } from '../../catalogue/catalogue.repository';
import {
  CachedRow,
  CatalogueSnapshotCache,
  CatalogueSnapshot,
} from '../../catalogue/catalogue-snapshot';
import { Service } from '../../catalogue/models/service.model';
import { compareKeys, rowFilter } from '../../catalogue/listing-rows';
import { ServiceQuery } from '../../catalogue/service-query';
import { Geography } from '../../geography/geography';
import { Taxonomy } from '../../taxonomy/taxonomy';
import { Neo4jService } from '../../neo4j/neo4j.service';
import { buildLuceneQuery, MatchMode } from './lucene-query';
import { FacetCount, FacetCounts, SearchIndex, SearchPage, SearchRequest } from '../search-index';
import { cypher } from '../../neo4j/cypher';

/**
 * The full-text index's matches that are not archived: ids, Lucene scores and versions only (as
 * lists in one record: the driver decodes that far faster than a record per match). Archived
 * matches are left out here, not only by the snapshot: a hit served from the snapshot must be
 * a current service as the graph has it now. Filter, ranking (score, then name, then id), paging
 * and facets are done on the light rows of the catalogue snapshot the API keeps in memory (read
 * beside this query; rowFilter is SERVICE_FILTER_PREDICATE on those rows, and they hold only
 * services that are not archived). A page hit's service is the one the
 * snapshot holds when it is at the version the index query saw; otherwise SearchService reads it
 * by id. The statement stays this short on purpose: the driver sends a request of more
 * than 1,400 bytes in two writes, and with Nagle's algorithm on its socket the second waits for
 * the server's delayed ACK (about 40 ms on Linux).
 */
export const SEARCH = cypher`
CALL db.index.fulltext.queryNodes('service_search', $lucene) YIELD node, score
WHERE NOT coalesce(node.archived, false)
RETURN collect(node.id) AS ids, collect(score) AS scores, collect(node.version) AS versions`;

/**
 * A hit's service from the snapshot when the snapshot holds it at the version the search query
 * saw; otherwise (changed between the two reads) none, and SearchService reads it by id.
 */
function served(
  snapshot: CatalogueSnapshot,
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

interface MatchRow {
  id: string;
  score: number;
  version: number | null;
}

interface SearchRow {
  ids: string[];
  scores: number[];
  versions: (number | null)[];
}

/** A filtered match: its cached row, its Lucene score and the version the index query saw. */
interface Ranked {
  c: CachedRow;
  score: number;
  version: number | null;
}

/** Score descending, then name, then id (as Cypher orders them). */
const byRank = (a: Ranked, b: Ranked): number => b.score - a.score || compareKeys(a.c.row, b.c.row);

/**
 * The index's matches that are current services (in the snapshot) and pass the filter, ranked,
 * the page of them from `offset`, and the facets over all of them.
 */
export function rankMatches(
  matches: readonly MatchRow[],
  snapshot: CatalogueSnapshot,
  filter: ServiceQuery,
  page: { offset: number; limit: number },
  maps: FacetMaps,
): SearchPage {
  const passes = rowFilter(filter);
  const ranked: Ranked[] = [];
  for (const m of matches) {
    const c = snapshot.get(m.id);
    if (c && passes(c)) {
      ranked.push({ c, score: m.score, version: m.version });
    }
  }
  ranked.sort(byRank);
  return {
    hits: ranked.slice(page.offset, page.offset + page.limit).map((h) => ({
      id: h.c.row.id,
      score: h.score,
      service: served(snapshot, { id: h.c.row.id, version: h.version }),
    })),
    total: ranked.length,
    facets: facetCounts(
      ranked.map((h) => h.c),
      maps,
    ),
  };
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

/**
 * The default adapter: Neo4j's full-text index `service_search` (standard-folding analyzer) over
 * the name and the denormalised `searchText` (search-text.ts), which every listing write refreshes
 * in its own transaction, so there is nothing to push: the sync methods do nothing.
 */
export class NeoFulltextSearchIndex extends SearchIndex {
  readonly engine: SearchEngine = 'neo4j';

  private readonly snapshots: CatalogueSnapshotCache;
  private maps: { tax: Taxonomy; geo: Geography; maps: FacetMaps } | null = null;

  /**
   * `snapshots`: the API's catalogue snapshot; a tool that builds the adapter alone (it never
   * searches, or searches rarely) gets one of its own, loaded at its first search.
   */
  constructor(
    private readonly neo: Neo4jService,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
    snapshots?: CatalogueSnapshotCache,
  ) {
    super();
    this.snapshots = snapshots ?? new CatalogueSnapshotCache(new CatalogueRepository(neo));
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
    // the stamp read (and any refresh of the snapshot) runs beside the index query
    const [[row], snapshot, maps] = await Promise.all([
      this.neo.read<SearchRow>(SEARCH, { lucene: buildLuceneQuery(request.terms, mode) }),
      this.snapshots.snapshot(),
      this.facetMaps(),
    ]);
    const matches = (row?.ids ?? []).map((id, i) => ({
      id,
      score: row.scores[i],
      version: row.versions[i],
    }));
    return rankMatches(matches, snapshot, request.filter, request, maps);
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
