import { AppError, positionsIn, unknownMessage } from '../common/app-error';
import { insideDenmark } from '../geography/denmark-outline';
import { distanceKm } from '../geography/distance';
import { Geography } from '../geography/geography';
import { Municipality, Region } from '../geography/models/geography.models';
import { LatLon } from '../neo4j/neo4j-values';
import { Taxonomy } from '../taxonomy/taxonomy';
import { ReferralInput } from './dto/referral.input';
import { Language } from './models/referral.model';

/*
 * The first stage of a referral or a plan: the request made criteria (codes known and
 * de-duplicated, the place resolved), and what every later stage reads beside them.
 */

/** Taxonomy codes the rules refer to (they exist in the canonical taxonomy the seed loads). */
export const CODES = {
  perpetrators: 'perpetrators',
  children: 'children',
  safety: 'safety',
  policeProtection: 'police-protection',
  acuteExaminationAfterRape: 'acute-examination-after-rape',
  pregnantWomen: 'pregnant-women',
  pregnancyCare: 'pregnancy-care',
  legalAdvice: 'legal-advice',
  familyTreatment: 'family-treatment',
  childPsychologicalTreatment: 'child-psychological-treatment',
  aftercare: 'aftercare',
  /** Aftercare needs every municipality meets by law, and the service that meets each. */
  municipalDuties: {
    'work-and-education': 'JOB_CENTRE',
    housing: 'HOUSING_ALLOCATION',
    'danish-language': 'LANGUAGE_CENTRE',
    'authority-contact': 'CITIZEN_SERVICE',
  } as Readonly<
    Record<string, 'JOB_CENTRE' | 'HOUSING_ALLOCATION' | 'LANGUAGE_CENTRE' | 'CITIZEN_SERVICE'>
  >,
  /** Needs about a child: matched on the children when the person is an adult. */
  childNeeds: ['child-psychological-treatment', 'child-investigation'],
  women: 'women',
  men: 'men',
  /** Needs only a service made for those who use violence meets. */
  perpetratorNeeds: ['perpetrator-treatment', 'perpetrator-housing'],
  /**
   * Needs any victim can have (risk assessment, digital safety): a service meeting them helps
   * whatever victims' group it lists.
   */
  anyVictimNeeds: 'stalking-support',
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
  /** Ages of children who live in the home and do not come along. */
  childrenAtHome: number[];
  languages: string[];
  wheelchair: boolean;
  selfReferralOnly: boolean;
  limit: number;
  /** Municipalities to keep away from (where the family or a stalker lives); never stored. */
  keepAwayFrom: Municipality[];
  /**
   * Whether services made for those who use violence may be offered: only when the person is in
   * a perpetrators' group or asked for perpetrator treatment (or housing after a removal). Kept
   * with the request, so the next steps of a victim never reach them either.
   */
  perpetratorServices: boolean;
  /** The request asked for an acute examination after rape: what follows is after a rape. */
  afterRape: boolean;
}

/** What the rules read beside the criteria: reference data, the time, the answer's language. */
export interface RankingContext {
  taxonomy: Taxonomy;
  geography: Geography;
  now: Date;
  availabilityFreshHours: number;
  language: Language;
  /** LISTING_CONFIRM_DAYS: an option confirmed longer ago says when (left out: never said). */
  listingConfirmDays?: number;
  /** KEEP_AWAY_KM: how near a municipality to keep away from counts as there (default 25). */
  keepAwayKm?: number;
}

/** KEEP_AWAY_KM when the context does not say. */
export const DEFAULT_KEEP_AWAY_KM = 25;

/**
 * What the conditions of the referral chain may look at: only whether the person speaks a
 * language other than Danish (Danish lessons are a next step for them, not for everyone).
 */
export function followUpContext(criteria: Pick<ReferralCriteria, 'languages'>): {
  otherLanguage: boolean;
} {
  return { otherLanguage: criteria.languages.some((l) => l !== 'da') };
}

const unique = (codes: readonly string[]): string[] => [...new Set(codes)];

/** Throws BAD_USER_INPUT listing every unknown group and need code at once. */
function assertCodes(tax: Taxonomy, groups: string[], needs: string[]): void {
  const unknownGroups = tax.unknown('targetGroups', groups);
  const unknownNeeds = tax.unknown('needs', needs);
  if (unknownGroups.length === 0 && unknownNeeds.length === 0) {
    return;
  }
  const groupPositions = positionsIn(groups, unknownGroups);
  const needPositions = positionsIn(needs, unknownNeeds);
  const parts = [
    ...(unknownGroups.length > 0
      ? [unknownMessage('target group code(s)', 'input.targetGroupCodes', groupPositions)]
      : []),
    ...(unknownNeeds.length > 0
      ? [unknownMessage('need code(s)', 'input.needCodes', needPositions)]
      : []),
  ];
  const argument =
    unknownGroups.length > 0 && unknownNeeds.length > 0
      ? 'input'
      : unknownGroups.length > 0
        ? 'input.targetGroupCodes'
        : 'input.needCodes';
  throw AppError.badInput(parts.join('; '), {
    argument,
    ...(unknownGroups.length > 0 ? { unknownTargetGroupPositions: groupPositions } : {}),
    ...(unknownNeeds.length > 0 ? { unknownNeedPositions: needPositions } : {}),
  });
}

/** Each boy must be one of the children (same age, counted as often as given). */
function assertBoysAmongChildren(children: number[], boys: number[]): void {
  const left = [...children];
  for (const age of boys) {
    const i = left.indexOf(age);
    if (i < 0) {
      throw AppError.badInput(
        'input.accompanyingBoys must list ages that are also in input.accompanyingChildren',
        { argument: 'input.accompanyingBoys' },
      );
    }
    left.splice(i, 1);
  }
}

/** The person's place: the municipality given, or the one nearest to a position in Denmark. */
function resolvePlace(input: ReferralInput, geo: Geography): ReferralPlace | null {
  if (input.municipalityCode !== undefined && input.municipalityCode !== null && input.near) {
    throw AppError.badInput('Give either input.municipalityCode or input.near, not both', {
      argument: 'input',
    });
  }
  if (input.near) {
    const point = { latitude: input.near.latitude, longitude: input.near.longitude };
    if (!insideDenmark(point)) {
      throw AppError.badInput('input.near must be a position inside Denmark', {
        argument: 'input.near',
      });
    }
    let nearest = geo.municipalities[0];
    let best = Infinity;
    for (const m of geo.municipalities) {
      const d = distanceKm(point, m.location);
      if (d < best) {
        best = d;
        nearest = m;
      }
    }
    const region = nearest ? geo.region(nearest.regionCode) : null;
    return nearest && region
      ? { municipality: nearest, region, origin: point, fromPoint: true }
      : null;
  }
  if (input.municipalityCode !== undefined && input.municipalityCode !== null) {
    geo.assertMunicipality(input.municipalityCode, 'input.municipalityCode');
    const municipality = geo.municipality(input.municipalityCode);
    const region = municipality ? geo.region(municipality.regionCode) : null;
    if (municipality && region) {
      return { municipality, region, origin: municipality.location, fromPoint: false };
    }
  }
  return null;
}

/** The municipalities to keep away from, known codes only (unknown ones named by position). */
function resolveKeepAway(codes: readonly string[], geo: Geography): Municipality[] {
  const unknown = codes.flatMap((c, i) => (geo.municipality(c) ? [] : [i]));
  if (unknown.length > 0) {
    throw AppError.badInput(unknownMessage('municipality code(s)', 'input.keepAwayFrom', unknown), {
      argument: 'input.keepAwayFrom',
      unknownPositions: unknown,
    });
  }
  return unique(codes).flatMap((c) => geo.municipality(c) ?? []);
}

/** Flags the rules read off the request's groups and needs (kept for every later step). */
export function requestFlags(
  groups: readonly string[],
  needs: readonly string[],
  tax: Taxonomy,
): Pick<ReferralCriteria, 'perpetratorServices' | 'afterRape'> {
  const perpetrators = tax.targetGroups.subtree(CODES.perpetrators);
  const perpetratorNeeds = new Set(
    CODES.perpetratorNeeds.flatMap((c) => [...tax.needs.subtree(c)]),
  );
  const rape = tax.needs.subtree(CODES.acuteExaminationAfterRape);
  return {
    perpetratorServices:
      groups.some((g) => perpetrators.has(g)) || needs.some((n) => perpetratorNeeds.has(n)),
    afterRape: needs.some((n) => rape.has(n)),
  };
}

/**
 * Validates a request against the taxonomy and geography and makes it criteria: codes known and
 * de-duplicated, boys among the children, the place resolved.
 */
export function referralCriteria(
  input: ReferralInput,
  tax: Taxonomy,
  geo: Geography,
): ReferralCriteria {
  const targetGroupCodes = unique(input.targetGroupCodes);
  const needCodes = unique(input.needCodes);
  assertCodes(tax, input.targetGroupCodes, input.needCodes);
  const children = input.accompanyingChildren ?? [];
  const boys = input.accompanyingBoys ?? null;
  if (boys) {
    assertBoysAmongChildren(children, boys);
  }
  return {
    targetGroupCodes,
    needCodes,
    place: resolvePlace(input, geo),
    age: input.age ?? null,
    accompanyingChildren: children,
    accompanyingBoys: boys,
    childrenAtHome: input.childrenAtHome ?? [],
    languages: unique(input.languages ?? []),
    wheelchair: input.wheelchair ?? false,
    selfReferralOnly: input.selfReferralOnly ?? false,
    limit: input.limit,
    keepAwayFrom: resolveKeepAway(input.keepAwayFrom ?? [], geo),
    ...requestFlags(targetGroupCodes, needCodes, tax),
  };
}
