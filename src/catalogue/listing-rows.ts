import { push } from './catalogue-snapshot';
import type { CachedRow, CatalogueSnapshot } from './catalogue-snapshot';
import { ServiceKey, ServiceQuery } from './service-query';

/**
 * The per-code counts and code → rows maps of one snapshot of the cached rows that a listing
 * needs beyond the snapshot's own (place and need): every current row, and the rows per type and
 * per target group. Built once per snapshot (a snapshot is never changed once built, and the
 * cache makes a new one when the catalogue stamp moves), so it is refreshed by the stamp too.
 */
export class ListingIndex {
  readonly all: readonly CachedRow[];
  /** Whether `all` holds every row of the snapshot (see `listingIndexOf`). */
  readonly complete: boolean;
  private readonly byType = new Map<string, CachedRow[]>();
  private readonly byGroup = new Map<string, CachedRow[]>();
  private readonly placeCounts = new Map<string, number>();
  private readonly needCounts = new Map<string, number>();

  constructor(
    readonly snapshot: CatalogueSnapshot,
    placeCodes: readonly string[],
  ) {
    // The snapshot reads by place; every service is located in a municipality, covers a place
    // or the whole country (the write path requires it), so these are all of them.
    const all = new Set(snapshot.inPlaces(placeCodes));
    snapshot.national().forEach((c) => all.add(c));
    this.all = [...all];
    this.complete = this.all.length === snapshot.size;
    for (const c of this.all) {
      push(this.byType, c.row.typeCode, c);
      new Set(c.row.targetGroupCodes).forEach((code) => push(this.byGroup, code, c));
      new Set(c.places).forEach((code) => bump(this.placeCounts, code));
      new Set(c.row.needCodes).forEach((code) => bump(this.needCounts, code));
    }
  }

  /**
   * The smallest set of rows the filter's matches are certainly among: those of the named place
   * (and the national ones if asked for), needs, types or groups, whichever has the fewest rows
   * by the per-code counts (a row counted under two codes counts twice: an upper bound), or every
   * row when the filter names none of these.
   */
  candidates(query: ServiceQuery, placeCodes: readonly string[] | null): readonly CachedRow[] {
    const options: { size: number; rows: () => readonly CachedRow[] }[] = [
      { size: this.all.length, rows: () => this.all },
    ];
    if (placeCodes) {
      const national = query.includeNational ? this.snapshot.national() : [];
      options.push({
        size: sum(placeCodes, (c) => this.placeCounts.get(c)) + national.length,
        rows: () =>
          national.length > 0
            ? [...new Set([...this.snapshot.inPlaces(placeCodes), ...national])]
            : this.snapshot.inPlaces(placeCodes),
      });
    }
    const needCodes = query.needCodes;
    if (needCodes) {
      options.push({
        size: sum(needCodes, (c) => this.needCounts.get(c)),
        rows: () => this.snapshot.meeting(needCodes),
      });
    }
    const typeCodes = query.typeCodes;
    if (typeCodes) {
      options.push({
        size: sum(typeCodes, (c) => this.byType.get(c)?.length),
        rows: () => union(typeCodes.map((c) => this.byType.get(c) ?? [])),
      });
    }
    const groupCodes = query.targetGroupCodes;
    if (groupCodes) {
      options.push({
        size: sum(groupCodes, (c) => this.byGroup.get(c)?.length),
        rows: () => union(groupCodes.map((c) => this.byGroup.get(c) ?? [])),
      });
    }
    return options.reduce((a, b) => (b.size < a.size ? b : a)).rows();
  }
}

const indexes = new WeakMap<CatalogueSnapshot, ListingIndex>();

/** The listing index of a snapshot, built at its first use. */
export function listingIndexOf(
  snapshot: CatalogueSnapshot,
  placeCodes: readonly string[],
): ListingIndex {
  let index = indexes.get(snapshot);
  if (!index) {
    index = new ListingIndex(snapshot, placeCodes);
    indexes.set(snapshot, index);
  }
  return index;
}

const anyIn = (codes: readonly string[], wanted: ReadonlySet<string>): boolean =>
  codes.some((c) => wanted.has(c));

/**
 * A filter as a test on a cached row: exactly SERVICE_FILTER_PREDICATE (service-query.ts) on the
 * codes the row keeps (the cache holds only services that are not archived). Built once per
 * request, so each row costs a few set lookups.
 */
export function rowFilter(query: ServiceQuery): (c: CachedRow) => boolean {
  const types = query.typeCodes ? new Set(query.typeCodes) : null;
  const groups = query.targetGroupCodes ? new Set(query.targetGroupCodes) : null;
  const needs = query.needCodes ? new Set(query.needCodes) : null;
  const languages = query.languages ? new Set(query.languages) : null;
  const region =
    query.regionCode === null
      ? null
      : new Set([query.regionCode, ...query.regionMunicipalityCodes]);
  const municipality =
    query.municipalityCode === null
      ? null
      : new Set(
          query.municipalityRegionCode === null
            ? [query.municipalityCode]
            : [query.municipalityCode, query.municipalityRegionCode],
        );
  const placeOk = (c: CachedRow, wanted: ReadonlySet<string> | null): boolean =>
    wanted === null || (query.includeNational && c.national) || anyIn(c.places, wanted);
  return (c) =>
    (types === null || types.has(c.row.typeCode)) &&
    (groups === null || anyIn(c.row.targetGroupCodes, groups)) &&
    (needs === null || anyIn(c.row.needCodes, needs)) &&
    (languages === null || anyIn(c.row.languages, languages)) &&
    placeOk(c, region) &&
    placeOk(c, municipality);
}

/** (name, id) order, as Cypher orders strings (by UTF-16 code unit, like JavaScript's `<`). */
export function compareKeys(a: ServiceKey, b: ServiceKey): number {
  if (a.name !== b.name) {
    return a.name < b.name ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The matches among `rows`, counted, and the first `limit` of them after `after` in (name, id)
 * order: a bounded insertion into a sorted top list, so no sort of all matches.
 */
export function pageOfRows(
  rows: readonly CachedRow[],
  matches: (c: CachedRow) => boolean,
  after: ServiceKey | null,
  limit: number,
): { total: number; page: CachedRow[] } {
  let total = 0;
  const top: CachedRow[] = [];
  for (const c of rows) {
    if (!matches(c)) {
      continue;
    }
    total++;
    if (after && compareKeys(c.row, after) <= 0) {
      continue;
    }
    if (top.length === limit && compareKeys(c.row, top[limit - 1].row) >= 0) {
      continue;
    }
    let i = top.length;
    while (i > 0 && compareKeys(c.row, top[i - 1].row) < 0) {
      i--;
    }
    top.splice(i, 0, c);
    if (top.length > limit) {
      top.pop();
    }
  }
  return { total, page: top };
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function sum(codes: readonly string[], count: (code: string) => number | undefined): number {
  return codes.reduce((n, c) => n + (count(c) ?? 0), 0);
}

function union(lists: readonly (readonly CachedRow[])[]): CachedRow[] {
  return lists.length === 1 ? [...lists[0]] : [...new Set(lists.flat())];
}
