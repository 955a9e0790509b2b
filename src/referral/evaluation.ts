import { Service } from '../catalogue/models/service.model';
import { RankingRow } from '../catalogue/service-row';
import { RankingContext, ReferralCriteria } from './criteria';
import { exclusionOf } from './eligibility';
import { expandGroups, GroupExpansion, matchGroups } from './groups';
import { Availability, CoverageMatch } from './models/referral.model';
import { matchNeeds, NeedMatch, offersStay } from './needs';
import { availabilityOf, coverageOf, distanceOf } from './place';

/*
 * A candidate evaluated by the rules, one at a time: the definition the request table and the
 * assessor (which evaluate many at once) must give exactly.
 */

/**
 * Everything the ranking and the texts need to know about one candidate: ranked on a light row,
 * texts built once the whole service is loaded.
 */
export interface Evaluated<S extends RankingRow = Service> {
  service: S;
  /** Requested groups the service serves. */
  groupCodes: string[];
  /** The service's own groups through which it matched (for the reason text). */
  servedVia: string[];
  /** Requested needs met, in request order. */
  needs: NeedMatch[];
  coverage: CoverageMatch;
  distanceKm: number | null;
  availability: Availability;
  /**
   * Whether free places decide the call: a stay, or a service that reports places. A pregnancy
   * team or a legal-aid office has no places, so having no report does not rank it down.
   */
  placesMatter: boolean;
  /** Requested languages the service speaks. */
  languages: string[];
}

/** A candidate evaluated on its light row, as the ranking sees it. */
export type Ranked = Evaluated<RankingRow>;

/** In the person's area: their municipality, their region, or national. */
export const inArea = (e: Pick<Ranked, 'coverage'>): boolean =>
  e.coverage !== CoverageMatch.OUTSIDE_AREA;

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

/** Evaluates a row for the needs (and groups) of `criteria`; null when it does not match. */
export type Judge = (row: RankingRow, criteria: ReferralCriteria) => Ranked | null;

/** Every row evaluated afresh (for criteria whose groups differ from the request's). */
export function judgeDirectly(ctx: RankingContext): Judge {
  // the groups' expansion, worked out once per list of groups (a judge serves one request)
  const expansions = new Map<string, GroupExpansion>();
  return (row, criteria) => {
    const key = criteria.targetGroupCodes.join('\n');
    let expansion = expansions.get(key);
    if (!expansion) {
      expansion = expandGroups(ctx.taxonomy, criteria.targetGroupCodes);
      expansions.set(key, expansion);
    }
    return evaluate(row, expansion, criteria, ctx);
  };
}
