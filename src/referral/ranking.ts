import { Service } from '../catalogue/models/service.model';
import { CodeMask, codeMask, needMaskOf, overlaps } from '../catalogue/catalogue-snapshot';
import { RankingRow } from '../catalogue/service-row';
import { Geography } from '../geography/geography';
import { Need, TargetGroup } from '../taxonomy/models/taxonomy.models';
import {
  availabilityOf,
  NeedMatch,
  compareKeyed,
  compareNames,
  compareOptions,
  coverageOf,
  distanceOf,
  Evaluated,
  excluded,
  exclusionOf,
  expandGroups,
  followUpContext,
  GroupExpansion,
  guidanceCodes,
  Keyed,
  keyed,
  matchGroups,
  matchNeeds,
  offersStay,
  RankingContext,
  rankKey,
  ReferralCriteria,
  ReferralPlace,
  scoreOf,
  sortOptions,
  stayNeeds,
} from './matching';
import { Availability, CoverageMatch, Referral, ReferralOption } from './models/referral.model';
import { declaredReason, guidanceText, nextStepsFor, reasonsFor } from './referral-texts';

/** The codes the candidate query looks for: expanded groups (perpetrator rule applied) and needs. */
export function candidateCodes(
  criteria: Pick<ReferralCriteria, 'targetGroupCodes' | 'needCodes' | 'languages'>,
  ctx: Pick<RankingContext, 'taxonomy'>,
  laterNeeds: readonly string[] = [],
): { targetGroupCodes: string[]; needCodes: string[] } {
  return {
    targetGroupCodes: expandGroups(ctx.taxonomy, criteria.targetGroupCodes).codes,
    needCodes: ctx.taxonomy.needs.expandForMatch([
      ...criteria.needCodes,
      ...nextNeeds(criteria, ctx, laterNeeds),
    ]),
  };
}

/** The referral chain's next needs (conditions applied), and any later steps a plan adds. */
function nextNeeds(
  criteria: Pick<ReferralCriteria, 'needCodes' | 'languages'>,
  ctx: Pick<RankingContext, 'taxonomy'>,
  laterNeeds: readonly string[],
): string[] {
  const next = ctx.taxonomy
    .followUps(criteria.needCodes, followUpContext(criteria))
    .map((f) => f.code);
  return [...new Set([...next, ...laterNeeds])];
}

/** A candidate as the rules see it, or null when it does not match or cannot take the person. */
export function evaluate(
  service: RankingRow,
  expansion: GroupExpansion,
  criteria: ReferralCriteria,
  ctx: RankingContext,
): Evaluated<RankingRow> | null {
  const tax = ctx.taxonomy;
  const { groupCodes, servedVia } = matchGroups(service, expansion, tax);
  const needs = matchNeeds(service, criteria.needCodes, tax);
  if (groupCodes.length === 0 || needs.length === 0 || exclusionOf(service, criteria, tax)) {
    return null;
  }
  const spoken = new Set(service.languages);
  return {
    service,
    groupCodes,
    servedVia,
    needs,
    coverage: coverageOf(service, criteria.place, ctx.geography),
    distanceKm: distanceOf(service, criteria.place, ctx.geography),
    availability: availabilityOf(service, ctx.now, ctx.availabilityFreshHours),
    placesMatter: service.capacity !== null || offersStay(service, tax),
    languages: criteria.languages.filter((l) => spoken.has(l)),
  };
}

/**
 * The first `limit` of a ranked list, but never without the best option for a requested need
 * that has one: ten shelters with free places must not hide the only pregnancy team. The best
 * option of each need is taken first, the rest filled by rank, and the result kept in rank order.
 */
export function selectCoveringNeeds<T>(
  ranked: readonly T[],
  needs: readonly string[],
  limit: number,
  meetsNeed: (item: T, need: string) => boolean,
): T[] {
  const chosen = new Set<T>();
  for (const need of needs) {
    const best = ranked.find((item) => meetsNeed(item, need));
    if (best !== undefined && chosen.size < limit) {
      chosen.add(best);
    }
  }
  for (const item of ranked) {
    if (chosen.size >= limit) {
      break;
    }
    chosen.add(item);
  }
  return ranked.filter((item) => chosen.has(item));
}

/** Options shown for each next step of the referral chain. */
export const FOLLOW_UP_OPTIONS = 3;
/** Alternatives shown for an option that is full. */
export const IF_FULL_OPTIONS = 3;

export type Ranked = Evaluated<RankingRow>;

const byDistance = (a: Ranked, b: Ranked): number =>
  (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || compareOptions(a, b);

const inArea = (e: Pick<Ranked, 'coverage'>): boolean => e.coverage !== CoverageMatch.OUTSIDE_AREA;

/**
 * The candidates meeting one list of needs for the person, ranked as `rankForNeeds` ranks them:
 * the first `n` of those in the area, or outside it (nearest first), that `keep` accepts.
 */
export interface Ranking {
  anyClose: boolean;
  close(n: number, keep: (e: Ranked) => boolean): Ranked[];
  outside(n: number, keep: (e: Ranked) => boolean): Ranked[];
}

/** A ranking read from the sorted lists. */
function sortedRanking({ close, outside }: { close: Ranked[]; outside: Ranked[] }): Ranking {
  return {
    anyClose: close.length > 0,
    close: (n, keep) => close.filter(keep).slice(0, Math.max(0, n)),
    outside: (n, keep) => outside.filter(keep).slice(0, Math.max(0, n)),
  };
}

/**
 * The first `n` items `keep` accepts, in the order of `compare` (a total order): what
 * `items.filter(keep).sort(compare).slice(0, n)` gives, without sorting them all.
 */
export function firstInOrder<T>(
  items: readonly T[],
  n: number,
  keep: (item: T) => boolean,
  compare: (a: T, b: T) => number,
): T[] {
  const best: T[] = [];
  if (n <= 0) {
    return best;
  }
  for (const item of items) {
    if (best.length === n && compare(item, best[n - 1]) >= 0) {
      continue;
    }
    if (!keep(item)) {
      continue;
    }
    let i = best.length;
    while (i > 0 && compare(item, best[i - 1]) < 0) {
      i--;
    }
    best.splice(i, 0, item);
    if (best.length > n) {
      best.pop();
    }
  }
  return best;
}

/** A ranking that orders only as many as it is asked for (see `firstInOrder`). */
function lazyRanking(matching: readonly Ranked[], withOutside: boolean): Ranking {
  const close: Keyed<Ranked>[] = [];
  const outside: Keyed<Ranked>[] = [];
  for (const e of matching) {
    if (inArea(e)) {
      close.push(keyed(e));
    } else if (withOutside) {
      outside.push(keyed(e));
    }
  }
  const first =
    (list: Keyed<Ranked>[], compare: typeof compareKeyed) =>
    (n: number, keep: (e: Ranked) => boolean): Ranked[] =>
      firstInOrder(list, n, (x) => keep(x.e), compare).map((x) => x.e);
  return {
    anyClose: close.length > 0,
    close: first(close, compareKeyed),
    outside: first(outside, (a, b) => a.d - b.d || compareKeyed(a, b)),
  };
}

/** The ranking of the candidates for the needs of the criteria given (the rest as the request's). */
export type Rankings = (criteria: ReferralCriteria) => Ranking;

/** How a selection evaluates a row for a list of needs (`base`: the request itself). */
export interface Evaluator {
  of(
    row: RankingRow,
    expansion: GroupExpansion,
    criteria: ReferralCriteria,
    base: ReferralCriteria,
    ctx: RankingContext,
  ): Ranked | null;
  /**
   * The codes among `codes` that some candidate in the area meets for the person (`base`, its
   * needs aside).
   */
  metInArea(
    rows: readonly RankingRow[],
    expansion: GroupExpansion,
    base: ReferralCriteria,
    codes: readonly string[],
    ctx: RankingContext,
  ): Set<string>;
  /**
   * `rankForNeeds` over the candidates with the judge, for any criteria that differ from one
   * another only in their needs.
   */
  rankings(candidates: readonly RankingRow[], ctx: RankingContext, judge: Judge): Rankings;
  /** The options in the ranking's order (`compareOptions`). */
  sort(options: Ranked[]): Ranked[];
  /** What `selectReferral` returns, over these evaluations. */
  select(
    candidates: readonly RankingRow[],
    criteria: ReferralCriteria,
    ctx: RankingContext,
  ): ReferralSelection;
}

/**
 * The straightforward evaluator (the reference): every row evaluated again for every list of
 * needs, every ranking computed again when it is asked for.
 */
export class DirectEvaluations implements Evaluator {
  of(
    row: RankingRow,
    expansion: GroupExpansion,
    criteria: ReferralCriteria,
    _base: ReferralCriteria,
    ctx: RankingContext,
  ): Ranked | null {
    return evaluate(row, expansion, criteria, ctx);
  }

  metInArea(
    rows: readonly RankingRow[],
    expansion: GroupExpansion,
    base: ReferralCriteria,
    codes: readonly string[],
    ctx: RankingContext,
  ): Set<string> {
    return new Set(
      codes.filter((code) =>
        rows.some((s) => {
          const e = this.of(s, expansion, { ...base, needCodes: [code] }, base, ctx);
          return e !== null && inArea(e);
        }),
      ),
    );
  }

  rankings(candidates: readonly RankingRow[], ctx: RankingContext, judge: Judge): Rankings {
    return (criteria) => sortedRanking(rankForNeeds(candidates, criteria, ctx, judge));
  }

  sort(options: Ranked[]): Ranked[] {
    return options.sort(compareOptions);
  }

  select(
    candidates: readonly RankingRow[],
    criteria: ReferralCriteria,
    ctx: RankingContext,
  ): ReferralSelection {
    return selectEvaluating(candidates, criteria, ctx, this);
  }
}

/** What a row is to one request whatever needs are asked about, with its match for each need. */
interface Assessed {
  base: Omit<Ranked, 'needs'>;
  /** Its match for each need asked about that it meets (each code once). */
  matches: NeedMatch[];
}

const matchOf = (a: Assessed, code: string): NeedMatch | undefined => {
  for (const m of a.matches) {
    if (m.code === code) {
      return m;
    }
  }
  return undefined;
};

/**
 * The evaluations of one request: each row is assessed once (groups, exclusion, place, places,
 * languages, and its match for every need the request or its next steps ask about); the
 * evaluation for a list of needs is then read from that, exactly as `evaluate` would give it
 * (a need's match does not depend on the other needs asked for). A ranking for a list of needs
 * is computed once per selection and reused (next steps, alternatives of full options).
 */
export class Evaluations implements Evaluator {
  private readonly assessed = new Map<RankingRow, Assessed | null>();
  private assessor: Assessor | null = null;
  private facts: Table | null | undefined = undefined;

  private assessment(
    row: RankingRow,
    expansion: GroupExpansion,
    base: ReferralCriteria,
    ctx: RankingContext,
  ): Assessed | null {
    let a = this.assessed.get(row);
    if (a === undefined) {
      this.assessor ??= new Assessor(
        expansion,
        base,
        [...base.needCodes, ...nextNeeds(base, ctx, [])],
        ctx,
      );
      a = this.assessor.assess(row);
      this.assessed.set(row, a);
    }
    return a;
  }

  of(
    row: RankingRow,
    expansion: GroupExpansion,
    criteria: ReferralCriteria,
    base: ReferralCriteria,
    ctx: RankingContext,
  ): Ranked | null {
    const a = this.assessment(row, expansion, base, ctx);
    if (!a) {
      return null;
    }
    const needs: NeedMatch[] = [];
    for (const code of criteria.needCodes) {
      const m = matchOf(a, code);
      if (m) {
        needs.push(m);
      }
    }
    return needs.length > 0 ? { ...a.base, needs } : null;
  }

  metInArea(
    rows: readonly RankingRow[],
    expansion: GroupExpansion,
    base: ReferralCriteria,
    codes: readonly string[],
    ctx: RankingContext,
  ): Set<string> {
    const table = this.table(expansion, base, ctx);
    const mask = table?.maskOf(codes) ?? null;
    if (table && mask !== null) {
      let bits = 0;
      for (const row of rows) {
        const f = table.fact(row);
        if (f?.inArea) {
          bits |= f.bits;
        }
      }
      return new Set(codes.filter((code) => (table.bitOf(code) & bits & mask) !== 0));
    }
    const met = new Set<string>();
    for (const row of rows) {
      const a = this.assessment(row, expansion, base, ctx);
      if (a && inArea(a.base)) {
        for (const code of codes) {
          if (matchOf(a, code)) {
            met.add(code);
          }
        }
      }
    }
    return met;
  }

  rankings(candidates: readonly RankingRow[], _ctx: RankingContext, judge: Judge): Rankings {
    const known = new Map<string, Ranking>();
    return (criteria) => {
      const key = criteria.needCodes.join('\n');
      let ranking = known.get(key);
      if (!ranking) {
        const matching: Ranked[] = [];
        for (const row of candidates) {
          const e = judge(row, criteria);
          if (e) {
            matching.push(e);
          }
        }
        ranking = lazyRanking(matching, criteria.place !== null);
        known.set(key, ranking);
      }
      return ranking;
    };
  }

  sort(options: Ranked[]): Ranked[] {
    return sortOptions(options);
  }

  /** The request's table (see `Table`); null when it asks about too many needs for one. */
  private table(
    expansion: GroupExpansion,
    base: ReferralCriteria,
    ctx: RankingContext,
  ): Table | null {
    if (this.facts === undefined) {
      const codes = [...new Set([...base.needCodes, ...nextNeeds(base, ctx, [])])];
      this.facts = codes.length <= MAX_CODES ? new Table(expansion, base, codes, ctx) : null;
    }
    return this.facts;
  }

  /**
   * `selectReferral` read from the request's table: no candidate is evaluated whole unless the
   * answer returns it (or a keep test asks about it), and the options are never sorted whole:
   * each list takes its first few (`firstInOrder`), and an option's rank is the number of
   * options before it.
   */
  select(
    candidates: readonly RankingRow[],
    criteria: ReferralCriteria,
    ctx: RankingContext,
  ): ReferralSelection {
    const tax = ctx.taxonomy;
    const expansion = expandGroups(tax, criteria.targetGroupCodes);
    const table = this.table(expansion, criteria, ctx);
    const all = table?.maskOf(criteria.needCodes) ?? null;
    if (!table || all === null) {
      return selectEvaluating(candidates, criteria, ctx, this);
    }
    const facts = table.facts(candidates);
    let nearBits = 0;
    for (const f of facts) {
      if (f.inArea) {
        nearBits |= f.bits & all;
      }
    }
    const unmetBits = all & ~nearBits;
    const unmet = criteria.needCodes.filter((n) => (table.bitOf(n) & unmetBits) !== 0);
    // the needs each option counts: all in the area; beyond it only those the area does not meet
    const counted = (f: Fact): number => f.bits & (f.inArea ? all : unmetBits);
    const ranked: Fact[] = [];
    for (const f of facts) {
      if (counted(f) !== 0 && (f.inArea || criteria.place)) {
        ranked.push(f);
      }
    }
    const compare = (a: Fact, b: Fact): number =>
      orderFacts(a, popcount(counted(a)), b, popcount(counted(b)));
    const meets = (code: string): ((f: Fact) => boolean) => {
      const bit = table.bitOf(code);
      return (f) => (counted(f) & bit) !== 0;
    };
    const made = new Map<Fact, Ranked>();
    const evaluated = (f: Fact): Ranked => {
      let e = made.get(f);
      if (!e) {
        e = this.of(f.row, expansion, criteria, criteria, ctx)!;
        if (!f.inArea) {
          e = { ...e, needs: e.needs.filter((m) => unmet.includes(m.code)) };
        }
        made.set(f, e);
      }
      return e;
    };
    let byIdMap: Map<string, RankingRow> | undefined;
    const byId = {
      get: (id: string): RankingRow | undefined =>
        (byIdMap ??= new Map(candidates.map((s) => [s.id, s]))).get(id),
    };
    const judge: Judge = (row, c) => this.of(row, expansion, c, criteria, ctx);
    const rank = this.tableRankings(table, facts, judge);
    const ifFull = alternativesIfFullOnce(rank, byId, criteria, judge);
    // the first `limit` and the best for each need: `selectCoveringNeeds` picks from those alone
    const first = firstInOrder(ranked, criteria.limit, () => true, compare);
    for (const code of criteria.needCodes) {
      const [best] = firstInOrder(ranked, 1, meets(code), compare);
      if (best && !first.includes(best)) {
        first.push(best);
      }
    }
    first.sort(compare);
    const outside = ranked.filter((f) => !f.inArea);
    const byDistance = (a: Fact, b: Fact): number =>
      (a.d === b.d ? 0 : a.d < b.d ? -1 : 1) || compare(a, b);
    const options = selectCoveringNeeds(first, criteria.needCodes, criteria.limit, (f, code) =>
      meets(code)(f),
    );
    const byNeed = criteria.needCodes.map((code) => ({
      code,
      options: firstInOrder(ranked, criteria.limit, meets(code), compare),
    }));
    const unmetNeeds = unmet.map((code) => ({
      code,
      nearest: firstInOrder(outside, 1, meets(code), byDistance).at(0) ?? null,
    }));
    const ranks = ranksAmong(
      ranked,
      [
        ...options,
        ...byNeed.flatMap((b) => b.options),
        ...unmetNeeds.flatMap((u) => (u.nearest ? [u.nearest] : [])),
      ],
      compare,
    );
    const pick = (f: Fact): Chosen => {
      const e = evaluated(f);
      return { e, rank: ranks.get(f)!, ifFull: ifFull(e, criteria) };
    };

    return {
      options: options.map(pick),
      byNeed: byNeed.map(({ code, options: best }) => ({ code, options: best.map(pick) })),
      unmetNeeds: unmetNeeds.map(({ code, nearest }) => ({
        code,
        nearest: nearest ? pick(nearest) : null,
      })),
      followUps: followUpSelections(ctx, criteria, rank, ifFull),
    };
  }

  /**
   * `rankings` with the request's own judge, read from its table: for a list of needs, the facts
   * meeting any of them in the area and outside it, ordered only as far as asked.
   */
  private tableRankings(table: Table, facts: readonly Fact[], judge: Judge): Rankings {
    const known = new Map<string, Ranking>();
    return (criteria) => {
      const key = criteria.needCodes.join('\n');
      let ranking = known.get(key);
      if (ranking) {
        return ranking;
      }
      const mask = table.maskOf(criteria.needCodes);
      if (mask === null) {
        const matching: Ranked[] = [];
        for (const f of facts) {
          const e = judge(f.row, criteria);
          if (e) {
            matching.push(e);
          }
        }
        ranking = lazyRanking(matching, criteria.place !== null);
      } else {
        const close: Fact[] = [];
        const outside: Fact[] = [];
        for (const f of facts) {
          if ((f.bits & mask) !== 0) {
            if (f.inArea) {
              close.push(f);
            } else if (criteria.place !== null) {
              outside.push(f);
            }
          }
        }
        const made = new Map<Fact, Ranked>();
        const evaluated = (f: Fact): Ranked => {
          let e = made.get(f);
          if (!e) {
            e = judge(f.row, criteria)!;
            made.set(f, e);
          }
          return e;
        };
        const compare = (a: Fact, b: Fact): number =>
          orderFacts(a, popcount(a.bits & mask), b, popcount(b.bits & mask));
        const first =
          (list: Fact[], order: (a: Fact, b: Fact) => number) =>
          (n: number, keep: (e: Ranked) => boolean): Ranked[] =>
            firstInOrder(list, n, (f) => keep(evaluated(f)), order).map(evaluated);
        ranking = {
          anyClose: close.length > 0,
          close: first(close, compare),
          outside: first(
            outside,
            (a, b) => (a.d === b.d ? 0 : a.d < b.d ? -1 : 1) || compare(a, b),
          ),
        };
      }
      known.set(key, ranking);
      return ranking;
    };
  }
}

/**
 * The rank (1 first) of each of `picked` among `all` in the order of `compare` (a total order
 * holding every picked one): one pass over `all`, each placed among the picked by bisection.
 */
function ranksAmong<T>(
  all: readonly T[],
  picked: readonly T[],
  compare: (a: T, b: T) => number,
): Map<T, number> {
  const sorted = [...new Set(picked)].sort(compare);
  // before[i]: how many of `all` come before sorted[i] and not before sorted[i - 1]
  const before = new Array<number>(sorted.length + 1).fill(0);
  for (const x of all) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(sorted[mid], x) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    // x comes before sorted[lo], sorted[lo + 1], …
    before[lo]++;
  }
  const ranks = new Map<T, number>();
  let count = 0;
  sorted.forEach((p, i) => {
    count += before[i];
    ranks.set(p, count + 1);
  });
  return ranks;
}

/** Codes of needs a request's table holds at most (one bit each in a 32-bit number). */
const MAX_CODES = 30;
/** The bit of a `Table` code that makes a service a stay. */
const STAY = 1 << 30;

/** A row as one request sees it whatever needs are asked about (see `Table`). */
interface Fact {
  row: RankingRow;
  /** The table's needs (by their bits) the row meets, fully or partly. */
  bits: number;
  inArea: boolean;
  /** `Keyed.k`: availability, coverage, a free place, a language. */
  k: number;
  /** `Keyed.d`: km, or Infinity without one. */
  d: number;
}

/** The number of bits set. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Orders as `compareKeyed` orders their options, `na` and `nb` the needs each meets. */
function orderFacts(a: Fact, na: number, b: Fact, nb: number): number {
  return (
    nb - na || a.k - b.k || (a.d === b.d ? 0 : a.d < b.d ? -1 : 1) || compareNames(a.row, b.row)
  );
}

/** What the rules read of a row whatever the request: its codes as masks, where it is. */
interface RowInfo {
  geography: Geography;
  groups: CodeMask;
  /** The bits (see `codeMask`) of its need codes. */
  needBits: readonly number[];
  /** The municipality it is located in and those it covers. */
  municipalities: readonly string[];
  /** The regions it covers and those of its municipalities. */
  regions: readonly string[];
}

const ROW_INFO = new WeakMap<RankingRow, RowInfo>();

/** The bits set in a mask, in order. */
function bitsOf(mask: CodeMask): number[] {
  const out: number[] = [];
  mask.forEach((word, w) => {
    for (let b = 0; b < 32; b++) {
      if ((word & (1 << b)) !== 0) {
        out.push(w * 32 + b);
      }
    }
  });
  return out;
}

/** A row's `RowInfo`, kept with the row (a cached row never changes; only a new one replaces it). */
function infoOf(row: RankingRow, geography: Geography): RowInfo {
  let info = ROW_INFO.get(row);
  if (!info || info.geography !== geography) {
    const municipalities = [
      ...(row.municipalityCode ? [row.municipalityCode] : []),
      ...row.coverage.municipalityCodes,
    ];
    const regions = new Set(row.coverage.regionCodes);
    for (const code of municipalities) {
      const region = geography.municipality(code)?.regionCode;
      if (region !== undefined) {
        regions.add(region);
      }
    }
    info = {
      geography,
      groups: codeMask(row.targetGroupCodes),
      needBits: bitsOf(needMaskOf(row)),
      municipalities,
      regions: [...regions],
    };
    ROW_INFO.set(row, info);
  }
  return info;
}

/** `coverageOf`, read from the row's info. */
function coverageFrom(info: RowInfo, row: RankingRow, place: ReferralPlace | null): CoverageMatch {
  if (place) {
    if (info.municipalities.includes(place.municipality.code)) {
      return CoverageMatch.MUNICIPALITY;
    }
    if (info.regions.includes(place.region.code)) {
      return CoverageMatch.REGION;
    }
  }
  return row.coverage.national ? CoverageMatch.NATIONAL : CoverageMatch.OUTSIDE_AREA;
}

/**
 * One request's view of the rows, as numbers: whether a row takes the person at all (groups and
 * exclusions, as `evaluate` decides them), which of the request's needs and next steps it meets
 * (a bit each), whether it is in the area, and its ranking keys. Lists of needs are then masks,
 * and a row is evaluated whole only when the answer returns it. Lives as long as the request.
 */
class Table {
  private readonly bits = new Map<string, number>();
  /** Groups through which a row matches some requested group. */
  private readonly matchable: CodeMask;
  /**
   * Per code (by its bit, see `codeMask`): the needs of the table it meets, fully (as itself or
   * a narrower one) or partly (as a broader one), and STAY when it makes a service a stay.
   */
  private readonly byCode: Int32Array;
  private readonly known = new Map<RankingRow, Fact | null>();
  private readonly distances = new Map<string | null, number | null>();
  private readonly lists = new WeakMap<readonly RankingRow[], Fact[]>();

  constructor(
    expansion: GroupExpansion,
    private readonly criteria: ReferralCriteria,
    codes: readonly string[],
    private readonly ctx: RankingContext,
  ) {
    const tax = ctx.taxonomy;
    const byRequested = expansion.requested.map(
      (r) => new Set(tax.targetGroups.expandForMatch([r])),
    );
    this.matchable = codeMask(expansion.codes.filter((c) => byRequested.some((s) => s.has(c))));
    codes.forEach((code, i) => this.bits.set(code, 1 << i));
    const meeting = codes.map((code) =>
      bitsOf(
        codeMask([...tax.needs.ancestorsAndSelf(code), ...tax.needs.descendantsAndSelf(code)]),
      ),
    );
    const stays = bitsOf(codeMask(stayNeeds(tax)));
    this.byCode = new Int32Array(1 + Math.max(0, ...meeting.flat(), ...stays));
    meeting.forEach((bits, i) => bits.forEach((b) => (this.byCode[b] |= 1 << i)));
    stays.forEach((b) => (this.byCode[b] |= STAY));
  }

  /** The bit of a need code (0 when the table does not hold it). */
  bitOf(code: string): number {
    return this.bits.get(code) ?? 0;
  }

  /** The mask of a list of need codes, or null when the table does not hold one of them. */
  maskOf(codes: readonly string[]): number | null {
    let mask = 0;
    for (const code of codes) {
      const bit = this.bits.get(code);
      if (bit === undefined) {
        return null;
      }
      mask |= bit;
    }
    return mask;
  }

  /** The facts of the rows that take the person, in the rows' order (kept per list). */
  facts(rows: readonly RankingRow[]): Fact[] {
    let list = this.lists.get(rows);
    if (!list) {
      list = [];
      for (const row of rows) {
        const f = this.fact(row);
        if (f) {
          list.push(f);
        }
      }
      this.lists.set(rows, list);
    }
    return list;
  }

  /** The row's facts, or null when it does not take the person (whatever the needs). */
  fact(row: RankingRow): Fact | null {
    let f = this.known.get(row);
    if (f === undefined) {
      f = this.assess(row);
      this.known.set(row, f);
    }
    return f;
  }

  private assess(row: RankingRow): Fact | null {
    const { criteria, ctx } = this;
    const info = infoOf(row, ctx.geography);
    if (!overlaps(info.groups, this.matchable)) {
      return null;
    }
    let bits = 0;
    const byCode = this.byCode;
    for (const b of info.needBits) {
      if (b < byCode.length) {
        bits |= byCode[b];
      }
    }
    const stay = (bits & STAY) !== 0;
    bits &= ~STAY;
    if (excluded(row, criteria, stay)) {
      return null;
    }
    let distance = this.distances.get(row.municipalityCode);
    if (distance === undefined) {
      distance = distanceOf(row, criteria.place, ctx.geography);
      this.distances.set(row.municipalityCode, distance);
    }
    const coverage = coverageFrom(info, row, criteria.place);
    const availability = availabilityOf(row, ctx.now, ctx.availabilityFreshHours);
    let speaks = false;
    for (const l of criteria.languages) {
      if (row.languages.includes(l)) {
        speaks = true;
        break;
      }
    }
    return {
      row,
      bits,
      inArea: coverage !== CoverageMatch.OUTSIDE_AREA,
      k: rankKey(row.capacity !== null || stay, availability, coverage, speaks),
      d: distance ?? Infinity,
    };
  }
}

/**
 * Assesses rows for one request as `evaluate` would, with what the request asks prepared once:
 * the group and need codes as sets, the distance per municipality, the stay needs.
 */
class Assessor {
  private readonly allowed: Set<string>;
  private readonly byRequested: Set<string>[];
  /** Per need code asked about: met fully through `up`, partly through `down`. */
  private readonly needs: {
    code: string;
    full: NeedMatch;
    up: CodeMask;
    downMask: CodeMask;
    down: Set<string>;
  }[];
  private readonly stays: CodeMask;
  private readonly distances = new Map<string | null, number | null>();

  constructor(
    private readonly expansion: GroupExpansion,
    private readonly criteria: ReferralCriteria,
    codes: readonly string[],
    private readonly ctx: RankingContext,
  ) {
    const tax = ctx.taxonomy;
    this.allowed = new Set(expansion.codes);
    this.byRequested = expansion.requested.map(
      (r) => new Set(tax.targetGroups.expandForMatch([r])),
    );
    this.needs = [...new Set(codes)].map((code) => {
      const down = tax.needs.descendantsAndSelf(code).filter((c) => c !== code);
      return {
        code,
        full: { code, partlyVia: null },
        up: codeMask(tax.needs.ancestorsAndSelf(code)),
        downMask: codeMask(down),
        down: new Set(down),
      };
    });
    this.stays = codeMask(stayNeeds(tax));
  }

  assess(service: RankingRow): Assessed | null {
    const { criteria, ctx } = this;
    const served: string[] = [];
    for (const c of service.targetGroupCodes) {
      if (this.allowed.has(c)) {
        served.push(c);
      }
    }
    if (served.length === 0) {
      return null;
    }
    const groupCodes: string[] = [];
    const requested = this.expansion.requested;
    for (let i = 0; i < requested.length; i++) {
      const within = this.byRequested[i];
      for (const c of served) {
        if (within.has(c)) {
          groupCodes.push(requested[i]);
          break;
        }
      }
    }
    const needMask = needMaskOf(service);
    const stay = overlaps(needMask, this.stays);
    if (groupCodes.length === 0 || excluded(service, criteria, stay)) {
      return null;
    }
    const matches: NeedMatch[] = [];
    for (const need of this.needs) {
      if (overlaps(needMask, need.up)) {
        matches.push(need.full);
      } else if (overlaps(needMask, need.downMask)) {
        const via = service.needCodes.filter((c) => need.down.has(c));
        matches.push({
          code: need.code,
          partlyVia: via.length > 1 ? [...new Set(via)].sort() : via,
        });
      }
    }
    let distance = this.distances.get(service.municipalityCode);
    if (distance === undefined) {
      distance = distanceOf(service, criteria.place, ctx.geography);
      this.distances.set(service.municipalityCode, distance);
    }
    return {
      base: {
        service,
        groupCodes,
        servedVia: served.length > 1 ? [...new Set(served)].sort() : served,
        coverage: coverageOf(service, criteria.place, ctx.geography),
        distanceKm: distance,
        availability: availabilityOf(service, ctx.now, ctx.availabilityFreshHours),
        placesMatter: service.capacity !== null || stay,
        languages:
          criteria.languages.length === 0
            ? []
            : criteria.languages.filter((l) => service.languages.includes(l)),
      },
      matches,
    };
  }
}

/**
 * The needs a referral must look for outside the person's area, given every candidate in the
 * area (located in or covering the municipality or its region, or national): the requested needs
 * nothing there meets, and the next steps nothing there offers. Without a place: none (only
 * national services are used).
 */
export function needsBeyondArea(
  areaCandidates: readonly RankingRow[],
  criteria: ReferralCriteria,
  ctx: RankingContext,
  evaluations: Evaluator = new DirectEvaluations(),
): string[] {
  if (!criteria.place) {
    return [];
  }
  const expansion = expandGroups(ctx.taxonomy, criteria.targetGroupCodes);
  const next = nextNeeds(criteria, ctx, []);
  const met = evaluations.metInArea(
    areaCandidates,
    expansion,
    criteria,
    [...new Set([...criteria.needCodes, ...next])],
    ctx,
  );
  return [
    ...criteria.needCodes.filter((n) => !met.has(n)),
    ...next.filter((code) => !met.has(code)),
  ];
}

/**
 * One chosen candidate and its rank in its list; `needsFor` when it was chosen for other needs
 * than the request's (a next step, an alternative), `declaredBy` when an organisation's declared
 * onward referral put it there, and the alternatives when it is full.
 */
export interface Chosen {
  e: Ranked;
  rank: number;
  needsFor?: ReferralCriteria;
  declaredBy?: { name: string; kind: 'CONTINUES_TO' | 'IF_FULL_TRY' };
  ifFull: Chosen[];
}

/** Evaluates a row for the needs (and groups) of `criteria`; null when it does not match. */
export type Judge = (row: RankingRow, criteria: ReferralCriteria) => Ranked | null;

/** Every row evaluated afresh (for criteria whose groups differ from the request's). */
export function judgeDirectly(ctx: RankingContext): Judge {
  return (row, criteria) =>
    evaluate(row, expandGroups(ctx.taxonomy, criteria.targetGroupCodes), criteria, ctx);
}

/**
 * The candidates that meet `criteria.needCodes` for the person, ranked as everywhere: those in the
 * area by the ranking, and (with a place) those outside it after them, nearest first.
 */
export function rankForNeeds(
  candidates: readonly RankingRow[],
  criteria: ReferralCriteria,
  ctx: RankingContext,
  judge: Judge = judgeDirectly(ctx),
): { close: Ranked[]; outside: Ranked[] } {
  const matching = candidates.flatMap((s) => judge(s, criteria) ?? []);
  return {
    close: matching.filter(inArea).sort(compareOptions),
    outside: criteria.place ? matching.filter((e) => !inArea(e)).sort(byDistance) : [],
  };
}

/**
 * The options of a next step: the declared ones first (in declared order), then the ranked
 * ones in the area, or the nearest outside it when none is; at most `max`.
 */
export function stepOptions(
  rank: Rankings,
  next: ReferralCriteria,
  declared: readonly { e: Ranked; by: string }[],
  max: number,
): Chosen[] {
  const ranking = rank(next);
  const taken = new Set(declared.map((d) => d.e.service.id));
  const keep = (e: Ranked): boolean => !taken.has(e.service.id);
  const wanted = max - declared.length;
  const ranked = ranking.anyClose ? ranking.close(wanted, keep) : ranking.outside(wanted, keep);
  return [
    ...declared.map((d): Chosen => ({
      e: d.e,
      rank: 0,
      needsFor: next,
      declaredBy: { name: d.by, kind: 'CONTINUES_TO' },
      ifFull: [],
    })),
    ...ranked.map((e): Chosen => ({ e, rank: 0, needsFor: next, ifFull: [] })),
  ]
    .slice(0, max)
    .map((c, i) => ({ ...c, rank: i + 1 }));
}

/**
 * `alternativesIfFull`, remembered per option for the request's own criteria (an option can be
 * picked for several needs); for other criteria (a next step's) worked out each time.
 */
function alternativesIfFullOnce(
  rank: Rankings,
  byId: { get(id: string): RankingRow | undefined },
  criteria: ReferralCriteria,
  judge: Judge,
): (e: Ranked, c: ReferralCriteria) => Chosen[] {
  const alternatives = new Map<Ranked, Chosen[]>();
  return (e, c) => {
    let found = c === criteria ? alternatives.get(e) : undefined;
    if (!found) {
      found = alternativesIfFull(e, rank, byId, c, judge);
      if (c === criteria) {
        alternatives.set(e, found);
      }
    }
    return found;
  };
}

/**
 * Where to try when an option is full: the services its organisation declared ("if we are
 * full, try"), in declared order, that take the person for the same needs and are not full
 * themselves; then the next best that are not full, by the usual ranking, in the area (and, for
 * an option outside the area, the nearest outside it); at most IF_FULL_OPTIONS. Empty unless
 * the option is FULL.
 */
export function alternativesIfFull(
  full: Ranked,
  rank: Rankings,
  byId: { get(id: string): RankingRow | undefined },
  criteria: ReferralCriteria,
  judge: Judge,
): Chosen[] {
  if (full.availability !== Availability.FULL) {
    return [];
  }
  const same: ReferralCriteria = { ...criteria, needCodes: full.needs.map((m) => m.code) };
  const usable = (e: Ranked): boolean =>
    e.service.id !== full.service.id && e.availability !== Availability.FULL;
  const declared = full.service.ifFullTryIds.flatMap((id) => {
    const row = byId.get(id);
    const e = row ? judge(row, same) : null;
    return e && usable(e) ? [e] : [];
  });
  const taken = new Set(declared.map((e) => e.service.id));
  const ranking = rank(same);
  const keep = (e: Ranked): boolean => usable(e) && !taken.has(e.service.id);
  const wanted = IF_FULL_OPTIONS - declared.length;
  const close = ranking.close(wanted, keep);
  // Beyond the area only for an option that is itself beyond it: the candidates outside the
  // area are read only for needs the area cannot meet, so this is what they always hold.
  const ranked = inArea(full) ? close : [...close, ...ranking.outside(wanted - close.length, keep)];
  return [
    ...declared.map((e): Chosen => ({
      e,
      rank: 0,
      needsFor: same,
      declaredBy: { name: full.service.name, kind: 'IF_FULL_TRY' },
      ifFull: [],
    })),
    ...ranked.map((e): Chosen => ({ e, rank: 0, needsFor: same, ifFull: [] })),
  ]
    .slice(0, IF_FULL_OPTIONS)
    .map((c, i) => ({ ...c, rank: i + 1 }));
}

/**
 * What a referral returns, decided on light rows: which candidates, in which order, for which
 * part of the answer. `renderReferral` turns it into the answer once the chosen services are
 * loaded whole.
 */
export interface ReferralSelection {
  options: Chosen[];
  byNeed: { code: string; options: Chosen[] }[];
  unmetNeeds: { code: string; nearest: Chosen | null }[];
  followUps: { code: string; after: string[]; options: Chosen[] }[];
}

/**
 * Decides the whole answer from the candidate set, without further queries. In the person's area
 * (municipality, region, or national) everything eligible is ranked; a service outside the area
 * appears only for the needs nothing in the area meets, and counts only those needs. Without a
 * place only national services are used. The candidates must hold every eligible service in the
 * area and, outside it, every one meeting a need of `needsBeyondArea`.
 */
export function selectReferral(
  candidates: readonly RankingRow[],
  criteria: ReferralCriteria,
  ctx: RankingContext,
  evaluations: Evaluator = new DirectEvaluations(),
): ReferralSelection {
  return evaluations.select(candidates, criteria, ctx);
}

/** `selectReferral` as written: every candidate evaluated, the options sorted whole. */
function selectEvaluating(
  candidates: readonly RankingRow[],
  criteria: ReferralCriteria,
  ctx: RankingContext,
  evaluations: Evaluator,
): ReferralSelection {
  const tax = ctx.taxonomy;
  const expansion = expandGroups(tax, criteria.targetGroupCodes);
  const evaluated = candidates.flatMap(
    (s) => evaluations.of(s, expansion, criteria, criteria, ctx) ?? [],
  );
  const near = evaluated.filter(inArea);
  const unmet = criteria.needCodes.filter(
    (n) => !near.some((e) => e.needs.some((m) => m.code === n)),
  );
  const outside = criteria.place
    ? evaluated.flatMap((e) => {
        if (inArea(e)) {
          return [];
        }
        const needs = e.needs.filter((m) => unmet.includes(m.code));
        return needs.length > 0 ? [{ ...e, needs }] : [];
      })
    : [];
  const ranked = evaluations.sort([...near, ...outside]);
  const rankOf = new Map(ranked.map((e, i) => [e, i + 1]));
  const byId = new Map(candidates.map((s) => [s.id, s]));
  const judge: Judge = (row, c) => evaluations.of(row, expansion, c, criteria, ctx);
  const rank = evaluations.rankings(candidates, ctx, judge);
  const ifFull = alternativesIfFullOnce(rank, byId, criteria, judge);
  const pick = (e: Ranked): Chosen => ({
    e,
    rank: rankOf.get(e) ?? 0,
    ifFull: ifFull(e, criteria),
  });
  const meets = (code: string) => (e: Ranked) => e.needs.some((m) => m.code === code);

  return {
    options: selectCoveringNeeds(ranked, criteria.needCodes, criteria.limit, (e, code) =>
      meets(code)(e),
    ).map(pick),
    byNeed: criteria.needCodes.map((code) => ({
      code,
      options: ranked.filter(meets(code)).slice(0, criteria.limit).map(pick),
    })),
    unmetNeeds: unmet.map((code) => {
      const [nearest] = outside.filter(meets(code)).sort(byDistance);
      return { code, nearest: nearest ? pick(nearest) : null };
    }),
    followUps: followUpSelections(ctx, criteria, rank, ifFull),
  };
}

/** The follow-ups of a selection: per next need, its best options for the person. */
function followUpSelections(
  ctx: RankingContext,
  criteria: ReferralCriteria,
  rank: Rankings,
  ifFull: (e: Ranked, c: ReferralCriteria) => Chosen[],
): ReferralSelection['followUps'] {
  return ctx.taxonomy
    .followUps(criteria.needCodes, followUpContext(criteria))
    .map(({ code, after }) => {
      const next: ReferralCriteria = { ...criteria, needCodes: [code] };
      return {
        code,
        after,
        options: stepOptions(rank, next, [], FOLLOW_UP_OPTIONS).map((c) => ({
          ...c,
          needsFor: undefined,
          ifFull: ifFull(c.e, next),
        })),
      };
    });
}

/** The ids of every service a selection returns (each once), to load them whole. */
export function selectedIds(selection: ReferralSelection, more: readonly Chosen[] = []): string[] {
  const picks = [
    ...selection.options,
    ...selection.byNeed.flatMap((b) => b.options),
    ...selection.unmetNeeds.flatMap((u) => (u.nearest ? [u.nearest] : [])),
    ...selection.followUps.flatMap((f) => f.options),
    ...more,
  ];
  return [...new Set(picks.flatMap((p) => [p, ...p.ifFull]).map((p) => p.e.service.id))];
}

/**
 * Renders chosen options once their services are loaded whole: texts in `ctx.language` for the
 * needs each was chosen for, the declared onward referral that put it there said first, and its
 * alternatives when it is full. A service gone since it was ranked is left out.
 */
export function optionRenderer(
  services: ReadonlyMap<string, Service>,
  criteria: ReferralCriteria,
  ctx: RankingContext,
): (chosen: Chosen, needsFor?: ReferralCriteria) => ReferralOption[] {
  const tax = ctx.taxonomy;
  const needNode = (code: string): Need[] => {
    const node = tax.needs.get(code);
    return node ? [node] : [];
  };
  const groupNode = (code: string): TargetGroup[] => {
    const node = tax.targetGroups.get(code);
    return node ? [node] : [];
  };
  const optionOf = new Map<Ranked, ReferralOption>();
  const render = (chosen: Chosen, listNeeds?: ReferralCriteria): ReferralOption[] => {
    const { e: light, rank } = chosen;
    const needsFor = chosen.needsFor ?? listNeeds ?? criteria;
    const cacheable = needsFor === criteria && !chosen.declaredBy;
    const cached = cacheable ? optionOf.get(light) : undefined;
    if (cached) {
      return [{ ...cached, rank }];
    }
    const service = services.get(light.service.id);
    if (!service) {
      return [];
    }
    const e: Evaluated = { ...light, service };
    const option: ReferralOption = {
      rank,
      score: scoreOf(e),
      service,
      matchedNeeds: e.needs.flatMap((m) => needNode(m.code)),
      matchedTargetGroups: e.groupCodes.flatMap(groupNode),
      coverage: e.coverage,
      distanceKm: e.distanceKm,
      availability: e.availability,
      reasons: [
        ...(chosen.declaredBy ? [declaredReason(chosen.declaredBy, ctx.language)] : []),
        ...reasonsFor(e, needsFor, ctx),
      ],
      nextSteps: nextStepsFor(e, needsFor, ctx),
      ifFull: chosen.ifFull.flatMap((alternative) => render(alternative)),
    };
    if (cacheable) {
      optionOf.set(light, option);
    }
    return [option];
  };
  return render;
}

/**
 * The answer from a selection and the chosen services loaded whole (by id): texts are built only
 * for the options returned. A service gone since it was ranked (archived in between) is left out.
 */
export function renderReferral(
  selection: ReferralSelection,
  services: ReadonlyMap<string, Service>,
  criteria: ReferralCriteria,
  ctx: RankingContext,
): Omit<Referral, 'municipality'> {
  const tax = ctx.taxonomy;
  const needNode = (code: string): Need[] => {
    const node = tax.needs.get(code);
    return node ? [node] : [];
  };
  const toOption = optionRenderer(services, criteria, ctx);

  return {
    options: selection.options.flatMap((p) => toOption(p)),
    byNeed: selection.byNeed.flatMap(({ code, options }) =>
      needNode(code).map((need) => ({
        need,
        options: options.flatMap((p) => toOption(p)),
      })),
    ),
    unmetNeeds: selection.unmetNeeds.flatMap(({ code, nearest }) =>
      needNode(code).map((need) => ({
        need,
        nearest: nearest ? (toOption(nearest)[0] ?? null) : null,
      })),
    ),
    followUps: selection.followUps.map(({ code, after, options }) => {
      const next: ReferralCriteria = { ...criteria, needCodes: [code] };
      return {
        need: needNode(code)[0],
        after: after.flatMap(needNode),
        options: options.flatMap((p) => toOption(p, next)),
      };
    }),
    guidance: guidanceCodes(criteria, tax).map((code) => ({
      code,
      text: guidanceText(code, ctx.language),
    })),
  };
}

/**
 * The whole answer from a candidate set of whole services, without further queries (the
 * reference evaluation: `selectReferral` then `renderReferral` over the same services).
 */
export function buildReferral(
  candidates: readonly Service[],
  criteria: ReferralCriteria,
  ctx: RankingContext,
): Omit<Referral, 'municipality'> {
  return renderReferral(
    selectReferral(candidates, criteria, ctx),
    new Map(candidates.map((s) => [s.id, s])),
    criteria,
    ctx,
  );
}
