import { RankingRow } from '../catalogue/service-row';
import { RankingContext, ReferralCriteria } from './criteria';
import { CoverageMatch } from './models/referral.model';
import { counting, Judge, Ranked } from './evaluation';
import { firstInOrder, ranksAmong } from './first-in-order';
import { compareAway, compareKm, compareRanked } from './order';
import { Fact, popcount, Table } from './request-table';
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

/**
 * The referral's selection read from the request's table (see `Table`): no candidate is
 * evaluated whole unless the answer returns it (or a keep test asks about it), and the options
 * are never sorted whole: each list takes its first few (`firstInOrder`), and an option's rank is
 * the number of options before it. `judge` evaluates a row for the request's groups and the
 * needs asked; the table must hold every need of `criteria`.
 */
export function selectFromTable(
  table: Table,
  candidates: readonly RankingRow[],
  criteria: ReferralCriteria,
  ctx: RankingContext,
  judge: Judge,
): ReferralSelection {
  const all = table.maskOf(criteria.needCodes) ?? 0;
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
  const keys = new Map<Fact, { needs: number; key: number }>();
  for (const f of ranked) {
    const c = counted(f);
    keys.set(f, { needs: popcount(c), key: table.keyOf(f, c) });
  }
  const compare = (a: Fact, b: Fact): number => {
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    return compareRanked(a, ka.needs, ka.key, b, kb.needs, kb.key);
  };
  const meets = (code: string): ((f: Fact) => boolean) => {
    const bit = table.bitOf(code);
    return (f) => (counted(f) & bit) !== 0;
  };
  const made = new Map<Fact, Ranked>();
  const evaluated = (f: Fact): Ranked => {
    let e = made.get(f);
    if (!e) {
      e = judge(f.row, criteria)!;
      if (!f.inArea) {
        e = counting(
          e,
          e.needs.filter((m) => unmet.includes(m.code)),
          criteria,
          ctx.taxonomy,
        );
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
  const rank = tableRankings(table, facts, judge);
  const ifFull = alternativesIfFullOnce(rank, byId, criteria, judge);
  // the first `limit` and the best for each need: `selectCoveringNeeds` picks from those alone
  const first = firstInOrder(ranked, criteria.limit, () => true, compare);
  const local = (f: Fact): boolean => f.coverage === CoverageMatch.MUNICIPALITY;
  for (const code of criteria.needCodes) {
    const [best] = firstInOrder(ranked, 1, meets(code), compare);
    const [bestLocal] = firstInOrder(ranked, 1, (f) => local(f) && meets(code)(f), compare);
    for (const f of [best, bestLocal]) {
      if (f && !first.includes(f)) {
        first.push(f);
      }
    }
  }
  first.sort(compare);
  const outside = ranked.filter((f) => !f.inArea);
  const byDistance = (a: Fact, b: Fact): number =>
    compareAway(a, b) || compareKm(a, b) || compare(a, b);
  const options = selectCoveringNeeds(
    first,
    criteria.needCodes,
    criteria.limit,
    (f, code) => meets(code)(f),
    local,
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
    const option = evaluated(f);
    return { option, rank: ranks.get(f)!, ifFull: ifFull(option, criteria) };
  };

  return {
    options: options.map(pick),
    byNeed: byNeed.map(({ code, options: best }) => ({ code, options: best.map(pick) })),
    unmetNeeds: unmetNeeds.map(({ code, nearest }) => ({
      code,
      nearest: nearest ? pick(nearest) : null,
    })),
    followUps: followUpSelections(ctx, criteria, rank, ifFull, candidates),
  };
}

/**
 * The rankings of a judge, read from a table: for a list of needs, the facts meeting any of them
 * in the area and outside it, ordered only as far as asked. A fact the judge rejects (a rule the
 * table does not hold, such as a plan's) is passed over; the request's own judge accepts every
 * fact its table holds.
 */
export function tableRankings(table: Table, facts: readonly Fact[], judge: Judge): Rankings {
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
      const made = new Map<Fact, Ranked | null>();
      const evaluated = (f: Fact): Ranked | null => {
        let e = made.get(f);
        if (e === undefined) {
          e = judge(f.row, criteria);
          made.set(f, e);
        }
        return e;
      };
      const keys = new Map<Fact, { needs: number; key: number }>();
      for (const f of [...close, ...outside]) {
        keys.set(f, { needs: popcount(f.bits & mask), key: table.keyOf(f, f.bits & mask) });
      }
      const compare = (a: Fact, b: Fact): number => {
        const ka = keys.get(a)!;
        const kb = keys.get(b)!;
        return compareRanked(a, ka.needs, ka.key, b, kb.needs, kb.key);
      };
      const first =
        (list: Fact[], order: (a: Fact, b: Fact) => number) =>
        (n: number, keep: (e: Ranked) => boolean): Ranked[] =>
          firstInOrder(
            list,
            n,
            (f) => {
              const e = evaluated(f);
              return e !== null && keep(e);
            },
            order,
          ).flatMap((f) => evaluated(f) ?? []);
      let anyClose: boolean | undefined;
      ranking = {
        get anyClose(): boolean {
          return (anyClose ??= close.some((f) => evaluated(f) !== null));
        },
        close: first(close, compare),
        outside: first(outside, (a, b) => compareAway(a, b) || compareKm(a, b) || compare(a, b)),
      };
    }
    known.set(key, ranking);
    return ranking;
  };
}
