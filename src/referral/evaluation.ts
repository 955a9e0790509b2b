import { Service } from '../catalogue/models/service.model';
import { RankingRow } from '../catalogue/service-row';
import { CODES, RankingContext, ReferralCriteria } from './criteria';
import { exclusionOf } from './eligibility';
import { expandGroups, GroupExpansion, matchGroups } from './groups';
import { Availability, CoverageMatch } from './models/referral.model';
import { matchNeeds, NeedMatch, offersStay, stayNeeds } from './needs';
import { availabilityOf, coverageOf, distanceOf, keptAway } from './place';
import { Taxonomy } from '../taxonomy/taxonomy';

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
   * Whether free places decide the call: the service meets a need about a place to stay (a
   * safety need). For counselling, advice or a pregnancy team, places do not rank at all.
   */
  placesMatter: boolean;
  /**
   * How well the service is made for the needs it is counted for, 0 best: one more each for a
   * stay met only for other needs (a shelter that also counsels), and for a service for after a
   * rape when the request is not about one.
   */
  fit: number;
  /** The service offers a stay (any safety need). */
  stay: boolean;
  /** The service is for after a rape (it offers the acute examination). */
  rape: boolean;
  /** Located in or near a municipality the person must keep away from: after all others. */
  away: boolean;
  /** Requested languages the service speaks. */
  languages: string[];
}

/** A candidate evaluated on its light row, as the ranking sees it. */
export type Ranked = Evaluated<RankingRow>;

/** In the person's area: their municipality, their region, or national. */
export const inArea = (e: Pick<Ranked, 'coverage'>): boolean =>
  e.coverage !== CoverageMatch.OUTSIDE_AREA;

/** The keys that depend on the needs an option is counted for (see `placesMatter`, `fit`). */
export function needKeys(
  e: Pick<Ranked, 'stay' | 'rape'>,
  needs: readonly NeedMatch[],
  criteria: Pick<ReferralCriteria, 'afterRape'>,
  tax: Taxonomy,
): { placesMatter: boolean; fit: number } {
  const stays = stayNeeds(tax);
  const forStay = needs.some((m) => stays.has(m.code));
  return {
    placesMatter: forStay,
    fit: (e.stay && !forStay ? 1 : 0) + (e.rape && !criteria.afterRape ? 1 : 0),
  };
}

/** The option counted for `needs` only (an option beyond the area counts only unmet needs). */
export function counting<E extends Ranked>(
  e: E,
  needs: NeedMatch[],
  criteria: Pick<ReferralCriteria, 'afterRape'>,
  tax: Taxonomy,
): E {
  return { ...e, needs, ...needKeys(e, needs, criteria, tax) };
}

/** Whether the service is for after a rape: it offers the acute examination. */
export function forAfterRape(service: RankingRow, tax: Taxonomy): boolean {
  const rape = tax.needs.subtree(CODES.acuteExaminationAfterRape);
  return service.needCodes.some((c) => rape.has(c));
}

/** The requested needs a service matching only through `open` (any victim's needs) meets. */
export function anyVictimNeeds(needs: NeedMatch[], tax: Taxonomy): NeedMatch[] {
  const open = tax.needs.subtree(CODES.anyVictimNeeds);
  return needs.filter((m) => open.has(m.code));
}

/** A candidate as the rules see it, or null when it does not match or cannot take the person. */
export function evaluate(
  service: RankingRow,
  expansion: GroupExpansion,
  criteria: ReferralCriteria,
  ctx: RankingContext,
): Evaluated<RankingRow> | null {
  const tax = ctx.taxonomy;
  const { groupCodes, servedVia, open } = matchGroups(service, expansion);
  const all = matchNeeds(service, criteria.needCodes, tax);
  const needs = open ? anyVictimNeeds(all, tax) : all;
  if (
    (groupCodes.length === 0 && !open) ||
    needs.length === 0 ||
    exclusionOf(service, criteria, tax)
  ) {
    return null;
  }
  const spoken = new Set(service.languages);
  const flags = { stay: offersStay(service, tax), rape: forAfterRape(service, tax) };
  return {
    service,
    groupCodes,
    servedVia,
    needs,
    coverage: coverageOf(service, criteria.place, ctx.geography),
    distanceKm: distanceOf(service, criteria.place, ctx.geography),
    availability: availabilityOf(service, ctx.now, ctx.availabilityFreshHours, flags.stay),
    ...flags,
    ...needKeys(flags, needs, criteria, tax),
    away: keptAway(service, criteria, ctx),
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
