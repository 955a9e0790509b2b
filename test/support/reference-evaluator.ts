import { Service } from '../../src/catalogue/models/service.model';
import { RankingRow } from '../../src/catalogue/service-row';
import { RankingContext, ReferralCriteria } from '../../src/referral/criteria';
import {
  evaluate,
  Evaluated,
  inArea,
  Judge,
  judgeDirectly,
  Ranked,
} from '../../src/referral/evaluation';
import { Evaluator, selectEvaluating } from '../../src/referral/evaluations';
import { GroupExpansion } from '../../src/referral/groups';
import { Availability, CoverageMatch, Referral } from '../../src/referral/models/referral.model';
import { renderReferral } from '../../src/referral/rendering';
import { Ranking, Rankings, ReferralSelection } from '../../src/referral/selection';

/*
 * The reference evaluator: the referral's rules applied the straightforward way (every row
 * evaluated again for every list of needs, every list sorted whole by the order compared field
 * by field). The request's evaluations (src/referral/evaluations.ts) must answer exactly as this
 * does; src/referral/evaluations.spec.ts and test/referral-differential.test.ts hold them equal.
 */

const AVAILABILITY_ORDER: Record<Availability, number> = {
  [Availability.AVAILABLE]: 0,
  [Availability.UNKNOWN]: 1,
  [Availability.STALE]: 1,
  [Availability.FULL]: 2,
  [Availability.NO_PLACES]: 0,
};

/** The availability key of the ranking (0 best); see `Evaluated.placesMatter`. */
function availabilityRank(e: Evaluated<RankingRow>): number {
  return e.placesMatter ? AVAILABILITY_ORDER[e.availability] : 0;
}

const COVERAGE_ORDER: Record<CoverageMatch, number> = {
  [CoverageMatch.MUNICIPALITY]: 0,
  [CoverageMatch.REGION]: 1,
  [CoverageMatch.NATIONAL]: 2,
  [CoverageMatch.OUTSIDE_AREA]: 3,
};

const DANISH = new Intl.Collator('da');

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The ranking's order (see src/referral/order.ts) compared field by field: a service in or near a
 * place to keep away from after all others; more requested needs met; made for those needs (see
 * `Evaluated.fit`); a free place before unknown/stale before full, and a free place before an
 * equal one without, only where the needs are about a place to stay (`placesMatter`);
 * municipality, region, national, outside; a language the person speaks; nearer; then name
 * (Danish order) and id.
 */
export function compareOptions(a: Evaluated<RankingRow>, b: Evaluated<RankingRow>): number {
  return (
    Number(a.away) - Number(b.away) ||
    b.needs.length - a.needs.length ||
    a.fit - b.fit ||
    availabilityRank(a) - availabilityRank(b) ||
    COVERAGE_ORDER[a.coverage] - COVERAGE_ORDER[b.coverage] ||
    Number(b.placesMatter && b.availability === Availability.AVAILABLE) -
      Number(a.placesMatter && a.availability === Availability.AVAILABLE) ||
    Number(b.languages.length > 0) - Number(a.languages.length > 0) ||
    (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) ||
    DANISH.compare(a.service.name, b.service.name) ||
    byText(a.service.id, b.service.id)
  );
}

const byDistance = (a: Ranked, b: Ranked): number =>
  Number(a.away) - Number(b.away) ||
  (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) ||
  compareOptions(a, b);

/** A ranking read from the sorted lists. */
function sortedRanking({ close, outside }: { close: Ranked[]; outside: Ranked[] }): Ranking {
  return {
    anyClose: close.length > 0,
    close: (n, keep) => close.filter(keep).slice(0, Math.max(0, n)),
    outside: (n, keep) => outside.filter(keep).slice(0, Math.max(0, n)),
  };
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

/** The referral's selection, by the reference evaluator unless another is given. */
export function selectReferral(
  candidates: readonly RankingRow[],
  criteria: ReferralCriteria,
  ctx: RankingContext,
  evaluations: Evaluator = new DirectEvaluations(),
): ReferralSelection {
  return evaluations.select(candidates, criteria, ctx);
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
