import { Taxonomy } from '../taxonomy/taxonomy';
import { CODES, ReferralCriteria } from './criteria';
import { childInvolved, expandGroups } from './groups';
import { GuidanceCode } from './models/referral.model';

/** The rule of guidance: what a professional must be told whatever the services found. */

/** The guidance that applies to a request, in a fixed order. */
export function guidanceCodes(criteria: ReferralCriteria, tax: Taxonomy): GuidanceCode[] {
  const safety = tax.needs.subtree(CODES.safety);
  const police = tax.needs.subtree(CODES.policeProtection);
  const danger = { has: (c: string): boolean => safety.has(c) || police.has(c) };
  const out: GuidanceCode[] = [];
  if (criteria.needCodes.some((c) => danger.has(c))) {
    out.push(GuidanceCode.DANGER_CALL_112);
  }
  const stays: readonly string[] = CODES.victimStays;
  if (
    criteria.needCodes.some((c) => stays.includes(c)) &&
    !expandGroups(tax, criteria.targetGroupCodes).perpetratorRequest
  ) {
    out.push(GuidanceCode.SHELTER_PLACES_1888);
  }
  if (criteria.needCodes.includes(CODES.acuteExaminationAfterRape)) {
    out.push(GuidanceCode.RAPE_ACUTE_EXAMINATION);
  }
  if (childInvolved(criteria, tax)) {
    out.push(GuidanceCode.DUTY_TO_NOTIFY);
  }
  if (!criteria.place) {
    out.push(GuidanceCode.NO_PLACE_GIVEN);
  }
  return out;
}
