import { RankingRow } from '../catalogue/service-row';
import { Assessed, Assessor, matchOf } from './assessor';
import { RankingContext, ReferralCriteria } from './criteria';
import { counting, inArea, Judge, needKeys, Ranked } from './evaluation';
import { expandGroups, GroupExpansion } from './groups';
import { CoverageMatch } from './models/referral.model';
import { NeedMatch, nextNeeds } from './needs';
import { sortByKm, sortOptions } from './order';
import { MAX_CODES, Table } from './request-table';
import {
  alternativesIfFullOnce,
  Chosen,
  followUpSelections,
  lazyRanking,
  Ranking,
  Rankings,
  ReferralSelection,
  selectCoveringNeeds,
} from './selection';
import { selectFromTable } from './table-selection';

/*
 * The request's evaluations: the rules applied to many candidates at once, through the request
 * table (`Table`, one bit per need) or, for a request asking about more needs than it holds, the
 * assessor (`Assessor`). They answer exactly as the rules applied one candidate at a time
 * (`evaluate`); the reference evaluator in test support does that, and the specs hold the two
 * equal through the `Evaluator` interface both implement.
 */

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
   * The ranking of the candidates the judge accepts for a list of needs, for any criteria that
   * differ from one another only in their needs.
   */
  rankings(candidates: readonly RankingRow[], ctx: RankingContext, judge: Judge): Rankings;
  /** The options in the ranking's order. */
  sort(options: Ranked[]): Ranked[];
  /** What the referral returns (see `selectEvaluating`), over these evaluations. */
  select(
    candidates: readonly RankingRow[],
    criteria: ReferralCriteria,
    ctx: RankingContext,
  ): ReferralSelection;
}

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
  private requestTable: Table | null | undefined = undefined;

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
    return needs.length > 0
      ? { ...a.base, needs, ...needKeys(a.base, needs, criteria, ctx.taxonomy) }
      : null;
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

  /**
   * The table of the criteria these evaluations answer for (see `Table`), the one `metInArea`
   * and `select` read; null when they ask about too many needs for one.
   */
  tableOf(base: ReferralCriteria, ctx: RankingContext): Table | null {
    return this.table(expandGroups(ctx.taxonomy, base.targetGroupCodes), base, ctx);
  }

  /** The request's table (see `Table`); null when it asks about too many needs for one. */
  private table(
    expansion: GroupExpansion,
    base: ReferralCriteria,
    ctx: RankingContext,
  ): Table | null {
    if (this.requestTable === undefined) {
      const codes = [...new Set([...base.needCodes, ...nextNeeds(base, ctx, [])])];
      this.requestTable = codes.length <= MAX_CODES ? new Table(expansion, base, codes, ctx) : null;
    }
    return this.requestTable;
  }

  /**
   * What the referral returns: read from the request's table when it holds the request's needs
   * (`selectFromTable`), else every candidate evaluated (`selectEvaluating`).
   */
  select(
    candidates: readonly RankingRow[],
    criteria: ReferralCriteria,
    ctx: RankingContext,
  ): ReferralSelection {
    const expansion = expandGroups(ctx.taxonomy, criteria.targetGroupCodes);
    const table = this.table(expansion, criteria, ctx);
    if (!table || table.maskOf(criteria.needCodes) === null) {
      return selectEvaluating(candidates, criteria, ctx, this);
    }
    const judge: Judge = (row, c) => this.of(row, expansion, c, criteria, ctx);
    return selectFromTable(table, candidates, criteria, ctx, judge);
  }
}

/**
 * Decides the whole answer from the candidate set, without further queries, every candidate
 * evaluated and the options sorted whole. In the person's area (municipality, region, or
 * national) everything eligible is ranked; a service outside the area appears only for the needs
 * nothing in the area meets, and counts only those needs. Without a place only national services
 * are used. The candidates must hold every eligible service in the area and, outside it, every
 * one meeting a need of `needsBeyondArea`.
 */
export function selectEvaluating(
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
        return needs.length > 0 ? [counting(e, needs, criteria, tax)] : [];
      })
    : [];
  const ranked = evaluations.sort([...near, ...outside]);
  const rankOf = new Map(ranked.map((e, i) => [e, i + 1]));
  const byId = new Map(candidates.map((s) => [s.id, s]));
  const judge: Judge = (row, c) => evaluations.of(row, expansion, c, criteria, ctx);
  const rank = evaluations.rankings(candidates, ctx, judge);
  const ifFull = alternativesIfFullOnce(rank, byId, criteria, judge);
  const pick = (option: Ranked): Chosen => ({
    option,
    rank: rankOf.get(option) ?? 0,
    ifFull: ifFull(option, criteria),
  });
  const meets = (code: string) => (e: Ranked) => e.needs.some((m) => m.code === code);

  return {
    options: selectCoveringNeeds(
      ranked,
      criteria.needCodes,
      criteria.limit,
      (e, code) => meets(code)(e),
      (e) => e.coverage === CoverageMatch.MUNICIPALITY,
    ).map(pick),
    byNeed: criteria.needCodes.map((code) => ({
      code,
      options: ranked.filter(meets(code)).slice(0, criteria.limit).map(pick),
    })),
    unmetNeeds: unmet.map((code) => {
      const [nearest] = sortByKm(outside.filter(meets(code)));
      return { code, nearest: nearest ? pick(nearest) : null };
    }),
    followUps: followUpSelections(ctx, criteria, rank, ifFull, candidates),
  };
}
