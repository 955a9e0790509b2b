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
  /** Per requested code: the service codes that match it. */
  byRequested: string[][];
  /**
   * A service serving one of these (the other gender) and none of `sameGender` never matches:
   * a men's shelter that also takes LGBT+ men is not for a woman. Empty unless the request
   * names exactly one gender.
   */
  otherGender: string[];
  sameGender: string[];
  /**
   * Groups through which a service helps with the needs any victim can have (risk assessment,
   * digital safety) whatever group the person was given; empty for a perpetrator request.
   */
  open: string[];
}

/** A group narrower than one below the top (pregnant women, minority women). */
function narrow(tax: Taxonomy, code: string): boolean {
  return tax.targetGroups.ancestorsAndSelf(code).length > 2;
}

/**
 * The service codes that match one requested group: the group and the broader ones (a service
 * for victims serves women), and the narrower ones (a request for victims meets a service for
 * women), except groups only for a narrower situation (pregnant women, minority women): those
 * match only when the person is said to be in them.
 */
function matchingCodes(tax: Taxonomy, requested: string): string[] {
  const down = tax.targetGroups
    .descendantsAndSelf(requested)
    .filter((c) => c === requested || !narrow(tax, c));
  return [...new Set([...tax.targetGroups.ancestorsAndSelf(requested), ...down])].sort();
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
  const ours = (c: string): boolean => perpetrators.has(c) === perpetratorRequest;
  const byRequested = used.map((r) => matchingCodes(tax, r).filter(ours));
  const codes = [...new Set(byRequested.flat())].sort();
  const women = tax.targetGroups.subtree(CODES.women);
  const men = tax.targetGroups.subtree(CODES.men);
  const isWoman = used.some((c) => women.has(c));
  const isMan = used.some((c) => men.has(c));
  const gender = isWoman === isMan || perpetratorRequest ? null : isWoman ? CODES.women : CODES.men;
  const other = gender === CODES.women ? men : gender === CODES.men ? women : null;
  // the top of the victims' groups (the taxonomy's `victims`)
  const victims = tax.targetGroups.ancestorsAndSelf(CODES.women).at(-1);
  return {
    perpetratorRequest,
    requested: used,
    codes,
    byRequested,
    otherGender: other ? [...other] : [],
    sameGender: gender
      ? [
          ...new Set([
            ...tax.targetGroups.subtree(gender),
            ...tax.targetGroups.ancestorsAndSelf(gender),
          ]),
        ]
      : [],
    open: perpetratorRequest || victims === undefined ? [] : [...tax.targetGroups.subtree(victims)],
  };
}

/** Per request: the codes a service may serve, what each requested group matches, gender. */
const setsOf = new WeakMap<
  GroupExpansion,
  {
    allowed: Set<string>;
    byRequested: Set<string>[];
    other: Set<string>;
    same: Set<string>;
    open: Set<string>;
  }
>();

/**
 * Requested groups the service serves, and the service's own groups that made it match.
 * `open` when it matches no requested group but serves victims, so it helps only with the needs
 * any victim can have; nothing when it is for the other gender only.
 */
export function matchGroups(
  service: RankingRow,
  expansion: GroupExpansion,
): { groupCodes: string[]; servedVia: string[]; open: boolean } {
  let sets = setsOf.get(expansion);
  if (!sets) {
    sets = {
      allowed: new Set(expansion.codes),
      byRequested: expansion.byRequested.map((codes) => new Set(codes)),
      other: new Set(expansion.otherGender),
      same: new Set(expansion.sameGender),
      open: new Set(expansion.open),
    };
    setsOf.set(expansion, sets);
  }
  const { allowed, byRequested, other, same, open } = sets;
  const none = { groupCodes: [], servedVia: [], open: false };
  const groups = service.targetGroupCodes;
  if (groups.some((c) => other.has(c)) && !groups.some((c) => same.has(c))) {
    return none;
  }
  const served = new Set(groups.filter((c) => allowed.has(c)));
  if (served.size === 0) {
    return groups.some((c) => open.has(c)) ? { ...none, open: true } : none;
  }
  const groupCodes = expansion.requested.filter((_r, i) => {
    for (const c of byRequested[i]) {
      if (served.has(c)) {
        return true;
      }
    }
    return false;
  });
  return { groupCodes, servedVia: [...served].sort(), open: false };
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
export function personIsChild(
  criteria: Pick<ReferralCriteria, 'targetGroupCodes' | 'age'>,
  tax: Taxonomy,
): boolean {
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
