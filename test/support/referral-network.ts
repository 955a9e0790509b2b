import { ServiceSeed } from '../../seed/loader';
import { GqlResponse, ok, TestApi } from './api';
import { service } from './factory';

/*
 * Purpose-built referral networks (not the demonstration seed) for the referral, plan and browser
 * suites: every service id is `${prefix}-<key>`, so a suite filters answers to its own services and
 * its orderings are exact. The kinds below are the listings those suites have in common; a suite
 * names, places and overrides them with what it is about.
 */

type Coverage = ServiceSeed['coverage'];

export const national: Coverage = { national: true, regionCodes: [], municipalityCodes: [] };
export const region = (code: string): Coverage => ({
  national: false,
  regionCodes: [code],
  municipalityCodes: [],
});
export const onlyMunicipality = (code: string): Coverage => ({
  national: false,
  regionCodes: [],
  municipalityCodes: [code],
});

/** What a listing of each common kind is, before a suite names and places it. */
const KINDS = {
  /** National, 18+, with children, open day and night, at a secret address. */
  womensShelter: {
    typeCode: 'womens-shelter',
    targetGroupCodes: ['women'],
    needCodes: ['emergency-stay', 'stay-with-children', 'secret-address'],
    coverage: national,
    addressConfidential: true,
    open24h: true,
    minAge: 18,
    acceptsChildren: true,
  },
  mensShelter: {
    typeCode: 'mens-shelter',
    targetGroupCodes: ['men'],
    needCodes: ['emergency-stay', 'stay-with-children'],
    coverage: national,
    minAge: 18,
    acceptsChildren: true,
  },
  /** Covers a region (pass `coverage: region(code)`); anonymous, open day and night. */
  rapeCentre: {
    typeCode: 'rape-centre',
    targetGroupCodes: ['women', 'men', 'young-people'],
    needCodes: ['acute-examination-after-rape', 'psychological-treatment', 'anonymous-counselling'],
    open24h: true,
    anonymous: true,
  },
  /** Children up to 17, referred by the municipality; covers a region. */
  childrensHouse: {
    typeCode: 'childrens-house',
    targetGroupCodes: ['children'],
    needCodes: ['child-investigation'],
    minAge: 0,
    maxAge: 17,
    referralRoutes: ['MUNICIPALITY'],
  },
  childSupport: {
    typeCode: 'child-support',
    targetGroupCodes: ['children'],
    needCodes: ['child-psychological-treatment'],
    referralRoutes: ['MUNICIPALITY'],
  },
  legalAid: {
    typeCode: 'legal-aid',
    targetGroupCodes: ['victims'],
    needCodes: ['divorce', 'custody-and-contact', 'residence-status'],
  },
  psychologist: { targetGroupCodes: ['victims'], needCodes: ['psychological-treatment'] },
  pregnancyTeam: {
    typeCode: 'pregnancy-team',
    targetGroupCodes: ['pregnant-women'],
    needCodes: ['pregnancy-care', 'social-counselling'],
    referralRoutes: ['PROFESSIONAL'],
  },
  familyCounselling: {
    typeCode: 'family-counselling',
    targetGroupCodes: ['families'],
    needCodes: ['family-treatment'],
  },
  interventionCentre: {
    typeCode: 'intervention-centre',
    targetGroupCodes: ['victims', 'perpetrators'],
    needCodes: ['social-counselling', 'authority-contact'],
  },
  perpetratorProgramme: {
    typeCode: 'perpetrator-programme',
    targetGroupCodes: ['perpetrators'],
    needCodes: ['perpetrator-treatment', 'family-treatment'],
  },
  stalkingSupport: {
    typeCode: 'stalking-support',
    targetGroupCodes: ['stalking-victims'],
    needCodes: ['digital-safety', 'risk-assessment'],
  },
} satisfies Record<string, Partial<ServiceSeed>>;

export type ListingKind = keyof typeof KINDS;

/** A listing of a kind: `(key, name, municipalityCode, overrides)`. */
export type KindBuilder = (
  key: string,
  name: string,
  municipalityCode: string,
  overrides?: Partial<ServiceSeed>,
) => ServiceSeed;

export interface ReferralNetwork {
  /** `${prefix}-<key>` */
  id(key: string): string;
  /** The key of one of this network's ids, null for anyone else's. */
  short(serviceId: string): string | null;
  /** The keys of this network's services among the options, in order. */
  mine(options: { service: { id: string } }[]): string[];
  /** Any listing of this network (of its organisation unless another is named). */
  listing(key: string, overrides: Partial<ServiceSeed>, organisationId?: string): ServiceSeed;
  kind: Record<ListingKind, KindBuilder>;
}

export function referralNetwork(prefix: string, organisationId: string): ReferralNetwork {
  const id = (key: string): string => `${prefix}-${key}`;
  const short = (serviceId: string): string | null =>
    serviceId.startsWith(`${prefix}-`) ? serviceId.slice(prefix.length + 1) : null;
  const listing = (key: string, overrides: Partial<ServiceSeed>, org = organisationId) =>
    service(id(key), org, overrides);
  const kind = Object.fromEntries(
    (Object.keys(KINDS) as ListingKind[]).map((k): [ListingKind, KindBuilder] => [
      k,
      (key, name, municipalityCode, overrides = {}) =>
        listing(key, { ...KINDS[k], name, municipalityCode, ...overrides }),
    ]),
  ) as Record<ListingKind, KindBuilder>;
  return {
    id,
    short,
    mine: (options) => options.flatMap((o) => short(o.service.id) ?? []),
    listing,
    kind,
  };
}

/** The variables of a referral or referralPlan operation: every answer up to 50 options. */
export const referralVariables = (
  input: Record<string, unknown>,
  language?: string,
): { input: Record<string, unknown>; language?: string } => ({
  input: { limit: 50, ...input },
  language,
});

/**
 * A suite's referral (or referralPlan) operation: `send` returns the whole response (for errors),
 * `answer` the data of one that must succeed. `api` is read at call time (set in beforeAll).
 */
export function referralOperation<F extends string, T>(
  api: () => TestApi,
  query: string,
  field: F,
): {
  send(input: Record<string, unknown>, language?: string): Promise<GqlResponse<Record<F, T>>>;
  answer(input: Record<string, unknown>, language?: string): Promise<T>;
} {
  const send = (input: Record<string, unknown>, language?: string) =>
    api().gql<Record<F, T>>(query, referralVariables(input, language));
  return {
    send,
    answer: async (input, language) => ok(await send(input, language))[field],
  };
}
