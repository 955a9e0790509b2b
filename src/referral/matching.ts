import { ReferralRoute, Service } from '../catalogue/models/service.model';
import { RankingRow } from '../catalogue/service-row';
import { distanceKm } from '../geography/distance';
import { Geography } from '../geography/geography';
import { Municipality, Region } from '../geography/models/geography.models';
import { LatLon } from '../neo4j/neo4j-values';
import { Taxonomy } from '../taxonomy/taxonomy';
import { Availability, CoverageMatch, GuidanceCode, Language } from './models/referral.model';

/** Taxonomy codes the rules refer to (they exist in the canonical taxonomy, see DOMAIN.md). */
export const CODES = {
  perpetrators: 'perpetrators',
  children: 'children',
  safety: 'safety',
  policeProtection: 'police-protection',
  acuteExaminationAfterRape: 'acute-examination-after-rape',
  /** The household a plan's next steps are also for, when a child is involved. */
  household: ['children', 'families'],
  /** A victim's stay: free shelter places are known nationally by Lev Uden Vold (1888). */
  victimStays: ['safety', 'emergency-stay', 'stay-with-children', 'secret-address'],
} as const;

/** Where the person is: a municipality (given, or nearest to a position) and its region. */
export interface ReferralPlace {
  municipality: Municipality;
  region: Region;
  /** Distances are measured from here: the given position, or the municipality's location. */
  origin: LatLon;
  fromPoint: boolean;
}

/** A validated request, codes known and de-duplicated in the order given. */
export interface ReferralCriteria {
  targetGroupCodes: string[];
  needCodes: string[];
  place: ReferralPlace | null;
  age: number | null;
  accompanyingChildren: number[];
  /** Ages of the boys among the children; null when the caller did not say. */
  accompanyingBoys: number[] | null;
  languages: string[];
  wheelchair: boolean;
  selfReferralOnly: boolean;
  limit: number;
}

export interface RankingContext {
  taxonomy: Taxonomy;
  geography: Geography;
  now: Date;
  availabilityFreshHours: number;
  language: Language;
  /** LISTING_CONFIRM_DAYS: an option confirmed longer ago says when (left out: never said). */
  listingConfirmDays?: number;
}

/** How a service meets one requested need: fully (partlyVia null) or partly by narrower needs. */
export interface NeedMatch {
  code: string;
  partlyVia: string[] | null;
}

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

export interface GroupExpansion {
  perpetratorRequest: boolean;
  /** The requested codes that take part in matching (a perpetrator request ignores the rest). */
  requested: string[];
  /** Codes a service may serve and match. */
  codes: string[];
}

const subtrees = new WeakMap<Taxonomy, Map<string, Set<string>>>();

/** The code and everything narrower (computed once per taxonomy, which never changes). */
function subtree(tax: Taxonomy, kind: 'targetGroups' | 'needs', code: string): Set<string> {
  let cache = subtrees.get(tax);
  if (!cache) {
    cache = new Map();
    subtrees.set(tax, cache);
  }
  const key = `${kind}:${code}`;
  let set = cache.get(key);
  if (!set) {
    const hierarchy = tax[kind];
    set = new Set(hierarchy.has(code) ? hierarchy.descendantsAndSelf(code) : []);
    cache.set(key, set);
  }
  return set;
}

/**
 * The group codes a service may serve to match. Perpetrators and victims never meet: a request
 * with a perpetrator group matches only services serving perpetrators (a service serving both,
 * like an intervention centre, matches either way), and a victims' request never reaches
 * perpetrator groups, whatever the hierarchy above them.
 */
export function expandGroups(tax: Taxonomy, requested: readonly string[]): GroupExpansion {
  const perpetrators = subtree(tax, 'targetGroups', CODES.perpetrators);
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

const walks = new WeakMap<Taxonomy, Map<string, { up: string[]; down: string[] }>>();

/** A need's broader and narrower codes (each with itself), computed once per taxonomy. */
function needWalks(tax: Taxonomy, code: string): { up: string[]; down: string[] } {
  let cache = walks.get(tax);
  if (!cache) {
    cache = new Map();
    walks.set(tax, cache);
  }
  let walk = cache.get(code);
  if (!walk) {
    walk = { up: tax.needs.ancestorsAndSelf(code), down: tax.needs.descendantsAndSelf(code) };
    cache.set(code, walk);
  }
  return walk;
}

/**
 * Requested needs the service meets: fully when it meets the need or a broader one, partly when
 * it meets only narrower ones (a request for legal-advice is partly met by divorce).
 */
export function matchNeeds(
  service: RankingRow,
  requested: readonly string[],
  tax: Taxonomy,
): NeedMatch[] {
  const met = new Set(service.needCodes);
  const out: NeedMatch[] = [];
  for (const code of requested) {
    const { up, down } = needWalks(tax, code);
    if (up.some((c) => met.has(c))) {
      out.push({ code, partlyVia: null });
      continue;
    }
    const via = down.filter((c) => c !== code && met.has(c));
    if (via.length > 0) {
      out.push({ code, partlyVia: via.sort() });
    }
  }
  return out;
}

/** The needs that make a service a stay: safety and everything narrower. */
export function stayNeeds(tax: Taxonomy): Set<string> {
  return subtree(tax, 'needs', CODES.safety);
}

/** A service offering a stay (any safety need): where children "come along" and places count. */
export function offersStay(service: RankingRow, tax: Taxonomy): boolean {
  const safety = stayNeeds(tax);
  return service.needCodes.some((c) => safety.has(c));
}

export type Exclusion = 'AGE' | 'CHILDREN' | 'BOYS' | 'WHEELCHAIR' | 'SELF_REFERRAL';

/**
 * Why the person cannot use the service, or null. Children matter only for a stay (a counselling
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

/** The service's relation to the person's place (without a place: national or outside). */
export function coverageOf(
  service: RankingRow,
  place: ReferralPlace | null,
  geo: Geography,
): CoverageMatch {
  if (place) {
    const m = place.municipality.code;
    const r = place.region.code;
    if (service.municipalityCode === m || service.coverage.municipalityCodes.includes(m)) {
      return CoverageMatch.MUNICIPALITY;
    }
    const inRegion = (c: string): boolean => geo.municipality(c)?.regionCode === r;
    if (
      service.coverage.regionCodes.includes(r) ||
      (service.municipalityCode ? inRegion(service.municipalityCode) : false) ||
      service.coverage.municipalityCodes.some(inRegion)
    ) {
      return CoverageMatch.REGION;
    }
  }
  return service.coverage.national ? CoverageMatch.NATIONAL : CoverageMatch.OUTSIDE_AREA;
}

/** Km (one decimal) from the person's place to the service's municipality. */
export function distanceOf(
  service: RankingRow,
  place: ReferralPlace | null,
  geo: Geography,
): number | null {
  const located = service.municipalityCode ? geo.municipality(service.municipalityCode) : null;
  if (!place || !located) {
    return null;
  }
  return Math.round(distanceKm(place.origin, located.location) * 10) / 10;
}

/**
 * Free places as reported: no report is UNKNOWN; a report older than the window (or undated) is
 * STALE whatever it said, since only a fresh report can promise a place or rule one out.
 */
export function availabilityOf(service: RankingRow, now: Date, freshHours: number): Availability {
  const capacity = service.capacity;
  if (!capacity || capacity.freePlaces === null) {
    return Availability.UNKNOWN;
  }
  const reportedAt = capacity.reportedAt;
  if (!reportedAt || now.getTime() - reportedAt.getTime() > freshHours * 3_600_000) {
    return Availability.STALE;
  }
  return capacity.freePlaces > 0 ? Availability.AVAILABLE : Availability.FULL;
}

const AVAILABILITY_ORDER: Record<Availability, number> = {
  [Availability.AVAILABLE]: 0,
  [Availability.UNKNOWN]: 1,
  [Availability.STALE]: 1,
  [Availability.FULL]: 2,
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

/** Compares exactly as `localeCompare(other, 'da')` does, without building a collator per call. */
const DANISH = new Intl.Collator('da');

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The ranking, in the order professionals asked for: more requested needs met; a free place
 * before unknown/stale before full (where places matter at all: a service without places ranks
 * with the free ones, and after a free place that is equal in the other keys); municipality, region, national, outside; a language the
 * person speaks; nearer; then name and id, so the same data always gives the same order.
 */
export function compareOptions(a: Evaluated<RankingRow>, b: Evaluated<RankingRow>): number {
  return (
    b.needs.length - a.needs.length ||
    availabilityRank(a) - availabilityRank(b) ||
    COVERAGE_ORDER[a.coverage] - COVERAGE_ORDER[b.coverage] ||
    Number(b.availability === Availability.AVAILABLE) -
      Number(a.availability === Availability.AVAILABLE) ||
    Number(b.languages.length > 0) - Number(a.languages.length > 0) ||
    (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) ||
    DANISH.compare(a.service.name, b.service.name) ||
    byText(a.service.id, b.service.id)
  );
}

/** An option with its ranking keys read once, to order many quickly (see `compareKeyed`). */
export interface Keyed<E extends Evaluated<RankingRow>> {
  e: E;
  /** Requested needs met. */
  n: number;
  /** Availability, coverage, a free place, a language, as one number (lower first). */
  k: number;
  /** Km, or Infinity without one. */
  d: number;
}

export function keyed<E extends Evaluated<RankingRow>>(e: E): Keyed<E> {
  return {
    e,
    n: e.needs.length,
    k: rankKey(e.placesMatter, e.availability, e.coverage, e.languages.length > 0),
    d: e.distanceKm ?? Infinity,
  };
}

/**
 * `Keyed.k` from its parts: availability (where places matter), coverage, a free place, a
 * language, as one number (lower first).
 */
export function rankKey(
  placesMatter: boolean,
  availability: Availability,
  coverage: CoverageMatch,
  speaks: boolean,
): number {
  return (
    (placesMatter ? AVAILABILITY_ORDER[availability] : 0) * 16 +
    COVERAGE_ORDER[coverage] * 4 +
    (availability === Availability.AVAILABLE ? 0 : 2) +
    (speaks ? 0 : 1)
  );
}

/**
 * Every service name seen, in Danish order, each with a number that orders as the names do: a
 * name met again is compared as two numbers, not by the collator. A new name is placed between
 * its neighbours (half way); when no number is left between them, all are numbered afresh.
 * Names are public (the catalogue's); the list is started again should it grow very long.
 */
const NAME_ORDER: { names: string[]; place: Map<string, { key: number }> } = {
  names: [],
  place: new Map(),
};
const MAX_NAMES = 200_000;
const GAP = 2 ** 20;

function nameKey(name: string): number {
  const known = NAME_ORDER.place.get(name);
  if (known !== undefined) {
    return known.key;
  }
  if (NAME_ORDER.names.length >= MAX_NAMES) {
    NAME_ORDER.names = [];
    NAME_ORDER.place = new Map();
  }
  const { names, place } = NAME_ORDER;
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = DANISH.compare(names[mid], name);
    if (c === 0) {
      // a different string the collator finds equal: the same place
      const same = place.get(names[mid])!;
      place.set(name, same);
      return same.key;
    }
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  const before = lo > 0 ? place.get(names[lo - 1])!.key : 0;
  const after = lo < names.length ? place.get(names[lo])!.key : before + 2 * GAP;
  const at = { key: (before + after) / 2 };
  names.splice(lo, 0, name);
  place.set(name, at);
  if (!(at.key > before && at.key < after)) {
    // no number left between the neighbours: number them all afresh (the order is kept)
    names.forEach((n, i) => (place.get(n)!.key = (i + 1) * GAP));
  }
  return at.key;
}

/** The last keys of the ranking, as `compareOptions` ends: name (Danish order), then id. */
export function compareNames(a: RankingRow, b: RankingRow): number {
  if (a.name === b.name) {
    return byText(a.id, b.id);
  }
  return nameKey(a.name) - nameKey(b.name) || byText(a.id, b.id);
}

/** Compares exactly as `compareOptions` compares the options keyed. */
export function compareKeyed(
  a: Keyed<Evaluated<RankingRow>>,
  b: Keyed<Evaluated<RankingRow>>,
): number {
  return b.n - a.n || a.k - b.k || a.d - b.d || compareNames(a.e.service, b.e.service);
}

/** The options in the order of `compareOptions` (a new array). */
export function sortOptions<E extends Evaluated<RankingRow>>(options: readonly E[]): E[] {
  return options
    .map(keyed)
    .sort(compareKeyed)
    .map((x) => x.e);
}

/** A number that orders like the ranking keys (ties beyond distance aside); for display. */
export function scoreOf(e: Evaluated<RankingRow>): number {
  const distance = e.distanceKm === null ? 0 : Math.max(0, 9.99 - e.distanceKm / 100);
  const raw =
    e.needs.length * 10_000 +
    (2 - availabilityRank(e)) * 1_000 +
    (3 - COVERAGE_ORDER[e.coverage]) * 100 +
    (e.languages.length > 0 ? 10 : 0) +
    distance;
  return Math.round(raw * 100) / 100;
}

/**
 * What the conditions of the referral chain may look at: only whether the person speaks a
 * language other than Danish (Danish lessons are a next step for them, not for everyone).
 */
export function followUpContext(criteria: Pick<ReferralCriteria, 'languages'>): {
  otherLanguage: boolean;
} {
  return { otherLanguage: criteria.languages.some((l) => l !== 'da') };
}

/** True when the person is a child, children are in the groups, or children come along. */
export function childInvolved(criteria: ReferralCriteria, tax: Taxonomy): boolean {
  const children = subtree(tax, 'targetGroups', CODES.children);
  return (
    criteria.targetGroupCodes.some((c) => children.has(c)) ||
    criteria.accompanyingChildren.length > 0 ||
    (criteria.age !== null && criteria.age < 18)
  );
}

/** The guidance that applies to a request, in a fixed order. */
export function guidanceCodes(criteria: ReferralCriteria, tax: Taxonomy): GuidanceCode[] {
  const danger = new Set([
    ...subtree(tax, 'needs', CODES.safety),
    ...subtree(tax, 'needs', CODES.policeProtection),
  ]);
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

/** Whether a service serves children (or a narrower group of them). */
export function servesChildren(service: RankingRow, tax: Taxonomy): boolean {
  const children = subtree(tax, 'targetGroups', CODES.children);
  return service.targetGroupCodes.some((c) => children.has(c));
}
