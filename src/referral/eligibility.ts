import { ReferralRoute } from '../catalogue/models/service.model';
import { RankingRow } from '../catalogue/service-row';
import { Taxonomy } from '../taxonomy/taxonomy';
import { CODES, ReferralCriteria } from './criteria';
import { offersStay } from './needs';

/** The rule of eligibility: whether the person can use a service at all (age, children, access). */

export type Exclusion =
  'PERPETRATORS' | 'AGE' | 'CHILDREN' | 'BOYS' | 'WHEELCHAIR' | 'SELF_REFERRAL';

const PERPETRATOR_NEEDS: ReadonlySet<string> = new Set(CODES.perpetratorNeeds);

/**
 * A service made for those who use violence: it meets perpetrator treatment or housing after a
 * removal (a perpetrator programme that also takes families; an intervention centre is not one).
 */
export function forPerpetrators(service: RankingRow): boolean {
  return service.needCodes.some((c) => PERPETRATOR_NEEDS.has(c));
}

/**
 * Why the person cannot use the service, or null. A service made for those who use violence is
 * never for a person who is not one and did not ask for perpetrator treatment. Children matter only for a stay (a counselling
 * session or a hotline does not "take" children); boys are checked only when their ages are given.
 * Unknown step-free access is kept (and said in the reasons).
 */
export function exclusionOf(
  service: RankingRow,
  criteria: ReferralCriteria,
  tax: Taxonomy,
): Exclusion | null {
  return excludedBy(service, criteria, null, tax);
}

/** `exclusionOf`, with whether the service offers a stay known already. */
export function excluded(
  service: RankingRow,
  criteria: ReferralCriteria,
  stay: boolean,
): Exclusion | null {
  return excludedBy(service, criteria, stay, null);
}

/** `exclusionOf`; whether the service offers a stay is `stay`, or asked of `tax` when needed. */
function excludedBy(
  service: RankingRow,
  criteria: ReferralCriteria,
  stay: boolean | null,
  tax: Taxonomy | null,
): Exclusion | null {
  if (!criteria.perpetratorServices && forPerpetrators(service)) {
    return 'PERPETRATORS';
  }
  const e = service.eligibility;
  const age = criteria.age;
  if (
    age !== null &&
    ((e.minAge !== null && age < e.minAge) || (e.maxAge !== null && age > e.maxAge))
  ) {
    return 'AGE';
  }
  if (criteria.accompanyingChildren.length > 0 && (stay ?? offersStay(service, tax!))) {
    if (!e.acceptsChildren) {
      return 'CHILDREN';
    }
    const maxBoyAge = e.maxBoyAge;
    if (maxBoyAge !== null && (criteria.accompanyingBoys ?? []).some((a) => a > maxBoyAge)) {
      return 'BOYS';
    }
  }
  if (criteria.wheelchair && service.wheelchairAccessible === false) {
    return 'WHEELCHAIR';
  }
  if (criteria.selfReferralOnly && !service.referralRoutes.includes(ReferralRoute.SELF)) {
    return 'SELF_REFERRAL';
  }
  return null;
}

/** True when children come along, their sexes are not given, and one is older than the boy limit. */
export function boyLimitUnknown(
  service: RankingRow,
  criteria: ReferralCriteria,
  tax: Taxonomy,
): boolean {
  const maxBoyAge = service.eligibility.maxBoyAge;
  return (
    criteria.accompanyingBoys === null &&
    maxBoyAge !== null &&
    service.eligibility.acceptsChildren &&
    offersStay(service, tax) &&
    criteria.accompanyingChildren.some((a) => a > maxBoyAge)
  );
}
