import { DemoSeed, MunicipalitySeed, readMunicipalities, ServiceSeed } from '../../seed/loader';

/** A small seeded PRNG (mulberry32): the same seed always builds the same network. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function helpers(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const n = min + Math.floor(random() * (max - min + 1));
    const pool = [...items];
    const out: T[] = [];
    while (out.length < n && pool.length > 0) {
      out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
    }
    return out;
  };
  const chance = (p: number): boolean => random() < p;
  return { pick, some, chance };
}

interface Profile {
  type: string;
  weight: number;
  groups: string[];
  extraGroups: string[];
  needs: string[];
  extraNeeds: string[];
  places: boolean;
  /** Share covering their region / the whole country. */
  region: number;
  national: number;
  routes: string[];
  minAge?: number;
  maxAge?: number;
  children?: boolean;
}

/** A realistic mix of Danish services against violence in close relationships, by type. */
const PROFILES: Profile[] = [
  {
    type: 'womens-shelter',
    weight: 14,
    groups: ['women'],
    extraGroups: ['ethnic-minority-women', 'pregnant-women', 'children', 'lgbt'],
    needs: ['emergency-stay'],
    extraNeeds: ['safety', 'stay-with-children', 'secret-address', 'social-counselling', 'housing'],
    places: true,
    region: 0.15,
    national: 0.01,
    routes: ['SELF', 'PROFESSIONAL', 'MUNICIPALITY'],
    minAge: 18,
    children: true,
  },
  {
    type: 'mens-shelter',
    weight: 4,
    groups: ['men'],
    extraGroups: ['children', 'lgbt'],
    needs: ['emergency-stay'],
    extraNeeds: ['safety', 'stay-with-children', 'social-counselling'],
    places: true,
    region: 0.2,
    national: 0.02,
    routes: ['SELF', 'PROFESSIONAL'],
    minAge: 18,
    children: true,
  },
  {
    type: 'mens-centre',
    weight: 3,
    groups: ['men'],
    extraGroups: ['perpetrators'],
    needs: ['social-counselling'],
    extraNeeds: ['network-support', 'psychological-treatment', 'housing'],
    places: false,
    region: 0.2,
    national: 0.02,
    routes: ['SELF'],
  },
  {
    type: 'childrens-house',
    weight: 2,
    groups: ['children'],
    extraGroups: ['young-people'],
    needs: ['child-investigation'],
    extraNeeds: ['child-psychological-treatment'],
    places: false,
    region: 0.9,
    national: 0,
    routes: ['MUNICIPALITY', 'POLICE'],
    maxAge: 17,
  },
  {
    type: 'rape-centre',
    weight: 2,
    groups: ['victims'],
    extraGroups: ['women', 'men', 'young-people'],
    needs: ['acute-examination-after-rape'],
    extraNeeds: ['health', 'psychological-treatment'],
    places: false,
    region: 0.9,
    national: 0,
    routes: ['SELF', 'PROFESSIONAL', 'POLICE'],
  },
  {
    type: 'intervention-centre',
    weight: 4,
    groups: ['victims', 'perpetrators'],
    extraGroups: ['children', 'families'],
    needs: ['risk-assessment'],
    extraNeeds: ['social-counselling', 'authority-contact', 'safety'],
    places: false,
    region: 0.1,
    national: 0,
    routes: ['SELF', 'MUNICIPALITY'],
  },
  {
    type: 'hotline',
    weight: 2,
    groups: ['victims'],
    extraGroups: ['women', 'men', 'young-people', 'relatives', 'professionals'],
    needs: ['anonymous-counselling'],
    extraNeeds: ['professional-advice', 'safety'],
    places: false,
    region: 0.2,
    national: 0.6,
    routes: ['SELF'],
  },
  {
    type: 'counselling',
    weight: 18,
    groups: ['victims'],
    extraGroups: ['women', 'men', 'ethnic-minority-women', 'lgbt', 'relatives'],
    needs: ['social-counselling'],
    extraNeeds: [
      'network-support',
      'psychological-treatment',
      'aftercare',
      'work-and-education',
      'danish-language',
      'anonymous-counselling',
    ],
    places: false,
    region: 0.1,
    national: 0.02,
    routes: ['SELF', 'PROFESSIONAL'],
  },
  {
    type: 'perpetrator-programme',
    weight: 5,
    groups: ['perpetrators'],
    extraGroups: ['families'],
    needs: ['perpetrator-treatment'],
    extraNeeds: ['family-treatment'],
    places: false,
    region: 0.3,
    national: 0.02,
    routes: ['SELF', 'MUNICIPALITY'],
  },
  {
    type: 'perpetrator-housing',
    weight: 1,
    groups: ['perpetrators'],
    extraGroups: [],
    needs: ['perpetrator-housing'],
    extraNeeds: ['perpetrator-treatment'],
    places: true,
    region: 0.4,
    national: 0.05,
    routes: ['SELF', 'POLICE'],
    minAge: 18,
  },
  {
    type: 'stalking-support',
    weight: 2,
    groups: ['stalking-victims'],
    extraGroups: ['women', 'men'],
    needs: ['stalking-support'],
    extraNeeds: ['digital-safety', 'risk-assessment'],
    places: false,
    region: 0.3,
    national: 0.3,
    routes: ['SELF'],
  },
  {
    type: 'pregnancy-team',
    weight: 5,
    groups: ['pregnant-women'],
    extraGroups: ['ethnic-minority-women'],
    needs: ['pregnancy-care'],
    extraNeeds: ['health', 'social-counselling'],
    places: false,
    region: 0.2,
    national: 0,
    routes: ['PROFESSIONAL'],
  },
  {
    type: 'youth-programme',
    weight: 4,
    groups: ['young-people'],
    extraGroups: ['lgbt', 'children'],
    needs: ['social-counselling'],
    extraNeeds: ['safety', 'emergency-stay', 'network-support'],
    places: false,
    region: 0.2,
    national: 0.05,
    routes: ['SELF', 'MUNICIPALITY'],
    minAge: 13,
    maxAge: 24,
  },
  {
    type: 'child-support',
    weight: 6,
    groups: ['children'],
    extraGroups: ['families', 'young-people'],
    needs: ['child-psychological-treatment'],
    extraNeeds: ['network-support', 'aftercare'],
    places: false,
    region: 0.1,
    national: 0.01,
    routes: ['MUNICIPALITY', 'PROFESSIONAL'],
    maxAge: 17,
  },
  {
    type: 'family-counselling',
    weight: 8,
    groups: ['families'],
    extraGroups: ['children', 'victims'],
    needs: ['family-treatment'],
    extraNeeds: ['custody-and-contact', 'social-counselling'],
    places: false,
    region: 0.05,
    national: 0,
    routes: ['SELF', 'MUNICIPALITY'],
  },
  {
    type: 'legal-aid',
    weight: 10,
    groups: ['victims'],
    extraGroups: ['women', 'ethnic-minority-women', 'men'],
    needs: ['legal-advice'],
    extraNeeds: ['divorce', 'custody-and-contact', 'residence-status', 'authority-contact'],
    places: false,
    region: 0.1,
    national: 0.05,
    routes: ['SELF'],
  },
  {
    type: 'police',
    weight: 3,
    groups: ['victims'],
    extraGroups: ['stalking-victims', 'children'],
    needs: ['police-protection'],
    extraNeeds: ['risk-assessment', 'safety'],
    places: false,
    region: 0.6,
    national: 0,
    routes: ['SELF', 'POLICE'],
  },
];
const TOTAL_WEIGHT = PROFILES.reduce((n, p) => n + p.weight, 0);
const LANGUAGES = ['en', 'ar', 'tr', 'so', 'fa', 'ur', 'pl', 'uk', 'de', 'ti'];
const BIG_CITIES = new Set(['101', '751', '461', '851']);

export interface SyntheticOptions {
  count: number;
  seed: number;
  /** Prefix of every id (a test's own prefix, or `bench`). */
  prefix: string;
  /** When capacity reports count from (fresh ones are within the day before, stale ones older). */
  now: Date;
}

/**
 * A synthetic national network: a realistic mix of types, groups, needs, capacities and coverage
 * over the 98 municipalities (the four big cities weigh more), built the same for the same seed.
 */
export function syntheticNetwork(opts: SyntheticOptions): DemoSeed {
  const random = prng(opts.seed);
  const { pick, some, chance } = helpers(random);
  const municipalities = readMunicipalities();
  const weighted: MunicipalitySeed[] = municipalities.flatMap((m) =>
    BIG_CITIES.has(m.code) ? [m, m, m, m, m] : [m],
  );
  const inRegion = (code: string) => municipalities.filter((m) => m.regionCode === code);
  const organisations = Array.from({ length: Math.max(1, Math.ceil(opts.count / 20)) }, (_, i) => ({
    id: `${opts.prefix}-org-${i}`,
    name: `Organisation ${i}`,
    description: null,
    website: null,
    demo: false,
  }));
  const services: ServiceSeed[] = [];
  for (let i = 0; i < opts.count; i++) {
    let w = random() * TOTAL_WEIGHT;
    const profile = PROFILES.find((p) => (w -= p.weight) < 0) ?? PROFILES[0];
    const m = pick(weighted);
    const national = chance(profile.national);
    const region = !national && chance(profile.region);
    const municipalitiesCovered =
      !national && !region && chance(0.2)
        ? some(
            inRegion(m.regionCode)
              .filter((x) => x.code !== m.code)
              .map((x) => x.code),
            1,
            3,
          )
        : [];
    const total = profile.places ? 2 + Math.floor(random() * 18) : null;
    const reported = profile.places ? random() : 1;
    const hoursAgo = reported < 0.6 ? random() * 20 : reported < 0.9 ? 30 + random() * 500 : null;
    const children = profile.children === true && chance(0.8);
    services.push({
      id: `${opts.prefix}-svc-${String(i).padStart(6, '0')}`,
      organisationId: organisations[i % organisations.length].id,
      name: `${profile.type} ${m.name} ${i}`,
      typeCode: profile.type,
      description: `A ${profile.type} in ${m.name}.`,
      targetGroupCodes: [...profile.groups, ...some(profile.extraGroups, 0, 2)],
      needCodes: [...profile.needs, ...some(profile.extraNeeds, 0, 3)],
      coverage: {
        national,
        regionCodes: region ? [m.regionCode] : [],
        municipalityCodes: municipalitiesCovered,
      },
      municipalityCode: m.code,
      address: chance(0.9)
        ? { street: `Vej ${i}`, postalCode: String(1000 + (i % 8999)), city: m.name }
        : null,
      addressConfidential: profile.type.endsWith('shelter') ? chance(0.7) : false,
      phone: chance(0.9) ? `+45 ${String(10000000 + i).slice(0, 8)}` : null,
      email: chance(0.5) ? `kontakt${i}@example.org` : null,
      website: chance(0.6) ? `https://example.org/${i}` : null,
      openingHours: chance(0.5) ? 'Man-fre 9-15' : null,
      open24h: profile.places ? chance(0.7) : chance(0.05),
      minAge: profile.minAge ?? (chance(0.1) ? 18 : null),
      maxAge: profile.maxAge ?? null,
      acceptsChildren: children,
      maxBoyAge: children && chance(0.5) ? 10 + Math.floor(random() * 8) : null,
      languages: ['da', ...some(LANGUAGES, 0, 3)],
      wheelchairAccessible: chance(0.3) ? null : chance(0.6),
      anonymous: chance(0.15),
      referralRoutes: some(profile.routes, 1, profile.routes.length),
      capacity:
        total === null
          ? null
          : {
              totalPlaces: total,
              freePlaces: hoursAgo === null && chance(0.5) ? null : Math.floor(random() * 4),
              reportedAt:
                hoursAgo === null
                  ? null
                  : new Date(opts.now.getTime() - hoursAgo * 3_600_000).toISOString(),
            },
      demo: false,
    });
  }
  return { organisations, services };
}
