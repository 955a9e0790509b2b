import { RankingRow } from '../catalogue/service-row';
import { Taxonomy } from '../taxonomy/taxonomy';
import { CODES, ReferralCriteria } from './criteria';

/** The rule of groups: whom a service serves, and which requests it may match. */

export interface GroupExpansion {
  perpetratorRequest: boolean;
  /** The requested codes that take part in matching (a perpetrator request ignores the rest). */
  requested: string[];
  /** Codes a service may serve and match. */
  codes: string[];
}

/**
 * The group codes a service may serve to match. Perpetrators and victims never meet: a request
 * with a perpetrator group matches only services serving perpetrators (a service serving both,
 * like an intervention centre, matches either way), and a victims' request never reaches
 * perpetrator groups, whatever the hierarchy above them.
 */
export function expandGroups(tax: Taxonomy, requested: readonly string[]): GroupExpansion {
  const perpetrators = tax.targetGroups.subtree(CODES.perpetrators);
  const perpetratorCodes = requested.filter((c) => perpetrators.has(c));
  const perpetratorRequest = perpetratorCodes.length > 0;
  const used = perpetratorRequest ? perpetratorCodes : [...requested];
  const codes = tax.targetGroups
    .expandForMatch(used)
    .filter((c) => perpetrators.has(c) === perpetratorRequest);
  return { perpetratorRequest, requested: used, codes };
}

/** Per request: the codes a service may serve, and what each requested group matches. */
const setsOf = new WeakMap<GroupExpansion, { allowed: Set<string>; byRequested: Set<string>[] }>();

/** Requested groups the service serves, and the service's own groups that made it match. */
export function matchGroups(
  service: RankingRow,
  expansion: GroupExpansion,
  tax: Taxonomy,
): { groupCodes: string[]; servedVia: string[] } {
  let sets = setsOf.get(expansion);
  if (!sets) {
    sets = {
      allowed: new Set(expansion.codes),
      byRequested: expansion.requested.map((r) => new Set(tax.targetGroups.expandForMatch([r]))),
    };
    setsOf.set(expansion, sets);
  }
  const { allowed, byRequested } = sets;
  const served = new Set(service.targetGroupCodes.filter((c) => allowed.has(c)));
  if (served.size === 0) {
    return { groupCodes: [], servedVia: [] };
  }
  const groupCodes = expansion.requested.filter((_r, i) => {
    for (const c of byRequested[i]) {
      if (served.has(c)) {
        return true;
      }
    }
    return false;
  });
  return { groupCodes, servedVia: [...served].sort() };
}

/**
 * True when the person is a child, children are in the groups, or children come along or live
 * in the home.
 */
export function childInvolved(criteria: ReferralCriteria, tax: Taxonomy): boolean {
  return (
    personIsChild(criteria, tax) ||
    criteria.accompanyingChildren.length > 0 ||
    criteria.childrenAtHome.length > 0
  );
}

/** True when the person is a child: under 18, or in a children's group. */
export function personIsChild(criteria: ReferralCriteria, tax: Taxonomy): boolean {
  const children = tax.targetGroups.subtree(CODES.children);
  return (
    criteria.targetGroupCodes.some((c) => children.has(c)) ||
    (criteria.age !== null && criteria.age < 18)
  );
}

/** Whether a service serves children (or a narrower group of them). */
export function servesChildren(service: RankingRow, tax: Taxonomy): boolean {
  const children = tax.targetGroups.subtree(CODES.children);
  return service.targetGroupCodes.some((c) => children.has(c));
}
