import { Injectable } from '@nestjs/common';
import { CatalogueRepository, CatalogueStamp, StampedRankingRow } from './catalogue.repository';
import { RankingRow, toRankingRow } from './service-row';

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
 * The current (not archived) services' light rows at one catalogue stamp, indexed by place and
 * by need. Never changed once built: a request keeps reading the snapshot it started with.
 */
export class RankingRowSnapshot {
  private readonly byPlace = new Map<string, CachedRow[]>();
  private readonly byNeed = new Map<string, CachedRow[]>();
  private readonly nationwide: CachedRow[] = [];
  /** `inPlacesOrNational` by its place codes, remembered (a request's area is one of a few). */
  private readonly areas = new Map<string, readonly CachedRow[]>();

  constructor(private readonly current: ReadonlyMap<string, CachedRow>) {
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

  /** A current service by id. */
  get(id: string): CachedRow | undefined {
    return this.current.get(id);
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
  snapshot: RankingRowSnapshot;
}

/**
 * The light ranking rows of every service, kept in this process and brought up to date from the
 * catalogue stamp before each use: every statement that changes a service bumps the stamp and
 * stamps the service in the same transaction (STAMP_CHANGE_OF_S), so `snapshot()` reads the stamp
 * and the number of services (one small read, with the driver's bookmarks like every read) and,
 * when the stamp moved, reloads only the rows stamped since. When services were deleted (the
 * count is less than the rows known plus the new ones) it loads everything again. A change made
 * through any API instance is therefore seen by the very next read anywhere, as a direct query
 * would see it.
 *
 * The rows hold only what the ranking reads (RANKING_PROJECTION): no address, no contact.
 */
@Injectable()
export class RankingRowCache {
  private state: CacheState | null = null;
  /** A refresh queued behind the running one and not yet started, which new callers join. */
  private queued: Promise<void> | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly repo: CatalogueRepository) {}

  /** The current rows, as of a stamp read now. */
  async snapshot(): Promise<RankingRowSnapshot> {
    const stamp = await this.repo.readStamp();
    const state = this.state;
    if (state && same(state.stamp, stamp)) {
      return state.snapshot;
    }
    await this.refreshAfter();
    // a refresh started after the stamp above was read, so it holds at least that
    return this.state!.snapshot;
  }

  /** Forgets everything; the next use loads every row again. */
  invalidate(): void {
    this.state = null;
  }

  /** Runs a refresh that starts after every one already running (joining one not yet started). */
  private refreshAfter(): Promise<void> {
    if (this.queued) {
      return this.queued;
    }
    const next: Promise<void> = this.chain.then(() => {
      if (this.queued === next) {
        this.queued = null;
      }
      return this.refresh();
    });
    this.queued = next;
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async refresh(): Promise<void> {
    const stamp = await this.repo.readStamp();
    const state = this.state;
    if (state && same(state.stamp, stamp)) {
      return;
    }
    if (state) {
      const changed = await this.repo.findRankingRowsChangedSince(state.stamp.seq);
      const added = changed.filter((c) => !state.archived.has(c.row.id)).length;
      // Every new service is stamped: fewer services than known plus new means some were deleted.
      if (state.archived.size + added === stamp.services) {
        this.state = apply(state, stamp, changed);
        return;
      }
    }
    const all = await this.repo.findAllRankingRows();
    this.state = apply(
      { stamp, archived: new Map(), rows: new Map(), snapshot: new RankingRowSnapshot(new Map()) },
      // the count of what was read, whatever was deleted or added since the stamp was read
      { seq: stamp.seq, services: all.length },
      all,
    );
  }
}

const same = (a: CatalogueStamp, b: CatalogueStamp): boolean =>
  a.seq === b.seq && a.services === b.services;

function apply(
  state: CacheState,
  stamp: CatalogueStamp,
  changed: readonly StampedRankingRow[],
): CacheState {
  const archived = new Map(state.archived);
  const rows = new Map(state.rows);
  for (const { row, archived: isArchived } of changed) {
    archived.set(row.id, isArchived);
    if (isArchived) {
      rows.delete(row.id);
    } else {
      rows.set(row.id, cachedRow(toRankingRow(row)));
    }
  }
  return {
    stamp: { seq: stamp.seq, services: archived.size },
    archived,
    rows,
    snapshot: new RankingRowSnapshot(rows),
  };
}
