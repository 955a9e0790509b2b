import { referenceData } from './reference-data';
import { ReferralRoute, Service } from '../../src/catalogue/models/service.model';
import { Municipality, Region } from '../../src/geography/models/geography.models';
import {
  RankingContext,
  ReferralCriteria,
  ReferralPlace,
  requestFlags,
} from '../../src/referral/criteria';
import { Language } from '../../src/referral/models/referral.model';

/** Shared by the referral unit specs: the seed's reference data and a plain listing. */
export const { taxonomy: tax, geography: geo } = referenceData();
export const NOW = new Date('2025-03-01T12:00:00Z');

export function placeIn(code: string): ReferralPlace {
  const municipality = geo.municipality(code) as Municipality;
  const region = geo.region(municipality.regionCode) as Region;
  return { municipality, region, origin: municipality.location, fromPoint: false };
}

/** A referral for women in the municipality (none of the narrowing criteria), up to 10 options. */
export function criteriaIn(
  municipalityCode: string,
  over: Partial<ReferralCriteria> = {},
): ReferralCriteria {
  const targetGroupCodes = over.targetGroupCodes ?? ['women'];
  const needCodes = over.needCodes ?? ['social-counselling'];
  return {
    targetGroupCodes,
    needCodes,
    place: placeIn(municipalityCode),
    age: null,
    accompanyingChildren: [],
    accompanyingBoys: null,
    childrenAtHome: [],
    languages: [],
    wheelchair: false,
    selfReferralOnly: false,
    limit: 10,
    keepAwayFrom: [],
    ...requestFlags(targetGroupCodes, needCodes, tax),
    ...over,
  };
}

/** Ranking at NOW on the reference data; capacity reports count as fresh for 24 hours. */
export function rankingContext(language = Language.DA): RankingContext {
  return { taxonomy: tax, geography: geo, now: NOW, availabilityFreshHours: 24, language };
}

/** A self-referral counselling listing for victims in Aarhus (461), without capacity. */
export function listing(id: string, over: Partial<Service> = {}): Service {
  return {
    id,
    name: `Service ${id}`,
    description: null,
    typeCode: 'counselling',
    organisationId: 'org',
    municipalityCode: '461',
    targetGroupCodes: ['victims'],
    needCodes: ['social-counselling'],
    coverage: { national: false, regionCodes: [], municipalityCodes: [] },
    publicAddress: null,
    addressConfidential: false,
    contact: { phone: null, email: null, website: null },
    openingHours: null,
    open24h: false,
    eligibility: { minAge: null, maxAge: null, acceptsChildren: false, maxBoyAge: null },
    languages: ['da'],
    wheelchairAccessible: null,
    anonymous: false,
    referralRoutes: [ReferralRoute.SELF],
    selfReferral: true,
    capacity: null,
    demo: false,
    version: 1,
    updatedAt: NOW,
    verifiedAt: null,
    continuesToIds: [],
    ifFullTryIds: [],
    ...over,
  };
}
