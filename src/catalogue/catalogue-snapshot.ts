import { Injectable } from '@nestjs/common';
import { CatalogueRepository, CatalogueStamp, StampedService } from './catalogue.repository';
import { Service } from './models/service.model';
import { SharedRead } from './shared-read';
import { RankingRow, toService } from './service-row';

/**
 * Every code a cached row holds has a bit, given when the code is first seen (the codes are a
 * taxonomy's, so there are few). A set of codes is then a few 32-bit words, and "any in common"
 * a few ANDs.
 */
const BITS = new Map<string, number>();

function bitOf(code: string): number {
  let bit = BITS.get(code);
  if (bit === undefined) {
    bit = BITS.size;
    BITS.set(code, bit);
  }
  return bit;
}

/** A set of codes as bits (see BITS). */
export type CodeMask = readonly number[];

/** The mask of a set of codes (taxonomy codes: a code gets its bit when first seen). */
export function codeMask(codes: Iterable<string>): CodeMask {
  const words: number[] = [];
  for (const code of codes) {
    const bit = bitOf(code);
    const w = bit >>> 5;
    while (words.length <= w) {
      words.push(0);
    }
    words[w] |= 1 << (bit & 31);
  }
  return words;
}

/** The masks of a row's needs, kept for the rows the cache made (others computed when asked). */
const NEED_MASKS = new WeakMap<RankingRow, CodeMask>();

/** The mask of a row's need codes. */
export function needMaskOf(row: RankingRow): CodeMask {
  let m = NEED_MASKS.get(row);
  if (!m) {
    m = codeMask(row.needCodes);
    NEED_MASKS.set(row, m);
  }
  return m;
}

/** Whether two masks have a code in common. */
export function overlaps(a: CodeMask, b: CodeMask): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if ((a[i] & b[i]) !== 0) {
      return true;
    }
  }
  return false;
}

/** A current service's light row with its codes as masks, for the in-memory candidate reads. */
export interface CachedRow {
  row: RankingRow;
  groupMask: CodeMask;
  needMask: CodeMask;
  /** What it is located in or covers: its municipality, covered municipalities and regions. */
  places: readonly string[];
  national: boolean;
}

function cachedRow(row: RankingRow): CachedRow {
  return {
    row,
    groupMask: codeMask(row.targetGroupCodes),
    needMask: needMaskOf(row),
    places: [
      ...(row.municipalityCode ? [row.municipalityCode] : []),
      ...row.coverage.municipalityCodes,
      ...row.coverage.regionCodes,
    ],
    national: row.coverage.national,
  };
}

/** Appends `value` to the list under `key` (a new list for a new key). */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

/**
 * The catalogue snapshot: every current (not archived) service at one catalogue stamp, in its
 * public projection, with its light row (sharing the service's values) indexed by place and by
 * need. Listings, search and referral all read services from it. Never changed once built: a
 * request keeps reading the snapshot it started with.
 */
export class CatalogueSnapshot {
  private readonly byPlace = new Map<string, CachedRow[]>();
  private readonly byNeed = new Map<string, CachedRow[]>();
  private readonly nationwide: CachedRow[] = [];
  /** `inPlacesOrNational` by its place codes, remembered (a request's area is one of a few). */
  private readonly areas = new Map<string, readonly CachedRow[]>();

  constructor(
    private readonly current: ReadonlyMap<string, CachedRow>,
    private readonly services: ReadonlyMap<string, Service> = new Map(),
  ) {
    for (const c of current.values()) {
      new Set(c.places).forEach((code) => push(this.byPlace, code, c));
      new Set(c.row.needCodes).forEach((code) => push(this.byNeed, code, c));
      if (c.national) {
        this.nationwide.push(c);
      }
    }
  }

  /** How many current services the snapshot holds. */
  get size(): number {
    return this.current.size;
  }

  /** A current service's row by id. */
  get(id: string): CachedRow | undefined {
    return this.current.get(id);
  }

  /** A current service by id, as the public sees it (SERVICE_PROJECTION). */
  service(id: string): Service | undefined {
    return this.services.get(id);
  }

  /** The current services with these ids, in the order given (others left out). */
  servicesByIds(ids: readonly string[]): Service[] {
    return ids.flatMap((id) => this.services.get(id) ?? []);
  }

  /** Every current service located in or covering any of the place codes (each once). */
  inPlaces(codes: readonly string[]): CachedRow[] {
    const seen = new Set<CachedRow>();
    for (const code of codes) {
      this.byPlace.get(code)?.forEach((c) => seen.add(c));
    }
    return [...seen];
  }

  /**
   * Every current service located in or covering any of the place codes, then every one covering
   * the whole country (each once, in that order). Computed once per snapshot and list of codes.
   */
  inPlacesOrNational(codes: readonly string[]): readonly CachedRow[] {
    const key = codes.join('\n');
    let rows = this.areas.get(key);
    if (!rows) {
      rows = [...new Set([...this.inPlaces(codes), ...this.nationwide])];
      this.areas.set(key, rows);
    }
    return rows;
  }

  /** Every current service covering the whole country. */
  national(): readonly CachedRow[] {
    return this.nationwide;
  }

  /** Every current service meeting any of the need codes (each once). */
  meeting(codes: readonly string[]): CachedRow[] {
    const seen = new Set<CachedRow>();
    for (const code of codes) {
      this.byNeed.get(code)?.forEach((c) => seen.add(c));
    }
    return [...seen];
  }
}

interface CacheState {
  stamp: CatalogueStamp;
  /** Every service node read (archived too): its id → whether it is archived. */
  archived: ReadonlyMap<string, boolean>;
  rows: ReadonlyMap<string, CachedRow>;
  services: ReadonlyMap<string, Service>;
  snapshot: CatalogueSnapshot;
}

const EMPTY: CacheState = {
  stamp: { seq: 0, services: 0 },
  archived: new Map(),
  rows: new Map(),
  services: new Map(),
  snapshot: new CatalogueSnapshot(new Map()),
};

/**
 * Keeps this process's catalogue snapshot: every current service, in its public projection
 * (SERVICE_PROJECTION: no confidential address) with its light ranking row, brought up to date
 * from the catalogue stamp before each use. Every statement that changes a service bumps the stamp and stamps the
 * service in the same transaction (STAMP_CHANGE_OF_S), so `snapshot()` makes one small read (the
 * stamp, the number of services and the services stamped since the cache's stamp, through the
 * stamp index; with the driver's bookmarks like every read) and applies what changed. When
 * services were deleted (the count is less than the services known plus the new ones) it loads
 * everything again. A change made through any API instance is therefore seen by the very next
 * read anywhere, as a direct query would see it.
 *
 * Concurrent callers share stamp reads (SharedRead): a caller gets a read that started after it
 * called, never one already running (which could miss a write the caller saw complete), so a
 * busy moment costs one stamp read at a time, not one per request.
 */
@Injectable()
export class CatalogueSnapshotCache {
  private state: CacheState | null = null;
  private readonly reads = new SharedRead(() => this.sync());

  constructor(private readonly repo: CatalogueRepository) {}

  /** The current services, as of a stamp read started after this call. */
  snapshot(): Promise<CatalogueSnapshot> {
    return this.reads.join();
  }

  /** Forgets everything; the next use loads every service again. */
  invalidate(): void {
    this.state = null;
  }

  private async sync(): Promise<CatalogueSnapshot> {
    const state = this.state;
    const read = await this.repo.readStamp(state ? state.stamp.seq : null);
    if (state) {
      if (read.changed.length === 0 && same(state.stamp, read)) {
        return state.snapshot;
      }
      const added = read.changed.filter((c) => !state.archived.has(c.service.id)).length;
      // Every new service is stamped: fewer services than known plus new means some were deleted.
      if (state.archived.size + added === read.services) {
        return this.keep(apply(state, read.seq, read.changed));
      }
    }
    const all = await this.repo.findAllServices();
    // the stamp read before: whatever changed since is stamped later and read again next time
    return this.keep(apply(EMPTY, read.seq, all));
  }

  private keep(state: CacheState): CatalogueSnapshot {
    this.state = state;
    return state.snapshot;
  }
}

/** A service's light row: its ranking fields (the same values, shared, not copied). */
function rankingRowOf(s: Service): RankingRow {
  return {
    id: s.id,
    name: s.name,
    typeCode: s.typeCode,
    municipalityCode: s.municipalityCode,
    targetGroupCodes: s.targetGroupCodes,
    needCodes: s.needCodes,
    coverage: s.coverage,
    eligibility: s.eligibility,
    wheelchairAccessible: s.wheelchairAccessible,
    referralRoutes: s.referralRoutes,
    languages: s.languages,
    capacity: s.capacity,
    continuesToIds: s.continuesToIds,
    ifFullTryIds: s.ifFullTryIds,
  };
}

const same = (a: CatalogueStamp, b: CatalogueStamp): boolean =>
  a.seq === b.seq && a.services === b.services;

function apply(state: CacheState, seq: number, changed: readonly StampedService[]): CacheState {
  const archived = new Map(state.archived);
  const rows = new Map(state.rows);
  const services = new Map(state.services);
  for (const { service: row, archived: isArchived } of changed) {
    archived.set(row.id, isArchived);
    if (isArchived) {
      rows.delete(row.id);
      services.delete(row.id);
    } else {
      const service = toService(row);
      rows.set(row.id, cachedRow(rankingRowOf(service)));
      services.set(row.id, service);
    }
  }
  return {
    stamp: { seq, services: archived.size },
    archived,
    rows,
    services,
    snapshot: new CatalogueSnapshot(rows, services),
  };
}
