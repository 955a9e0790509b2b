import { createListings, organisation, service, uniquePrefix } from './support/factory';
import { closeApi, errorOf, ok, startApi, TestApi } from './support/api';
import { getIntrospectionQuery } from 'graphql';
import { Neo4jService } from '../src/neo4j/neo4j.service';

const P = uniquePrefix('read');
const ids = {
  shelter: `${P}-alfa`,
  legal: `${P}-beta`,
  hotline: `${P}-delta`,
  perp: `${P}-epsilon`,
  mens: `${P}-gamma`,
};
const PAGE_COUNT = 25;

let api: TestApi;

beforeAll(async () => {
  api = await startApi();
  const orgA = `${P}-org-a`;
  const orgB = `${P}-org-b`;
  const pages = Array.from({ length: PAGE_COUNT }, (_, i) =>
    service(`${P}-page-${String(i).padStart(2, '0')}`, orgB, {
      name: `Zulu ${String(i).padStart(2, '0')}`,
      typeCode: 'youth-programme',
      targetGroupCodes: ['young-people'],
      needCodes: ['psychological-treatment'],
    }),
  );
  await createListings(
    api.neo,
    [
      organisation(orgA, { name: 'Alfa Organisation' }),
      organisation(orgB, { name: 'Bravo Organisation' }),
    ],
    [
      service(ids.shelter, orgA, {
        name: 'Alfa Krisecenter',
        typeCode: 'womens-shelter',
        targetGroupCodes: ['women'],
        needCodes: ['emergency-stay', 'stay-with-children'],
        coverage: { national: true, regionCodes: [], municipalityCodes: [] },
        municipalityCode: '461',
        address: { street: 'Hemmeligvej 7', postalCode: '5000', city: 'Odense C' },
        addressConfidential: true,
        phone: '+45 11 22 33 44',
        open24h: true,
        minAge: 18,
        acceptsChildren: true,
        maxBoyAge: 14,
        languages: ['da', 'ar'],
        wheelchairAccessible: true,
        capacity: { totalPlaces: 10, freePlaces: 2 },
      }),
      service(ids.legal, orgA, {
        name: 'Beta Retshjælp',
        typeCode: 'legal-aid',
        targetGroupCodes: ['ethnic-minority-women'],
        needCodes: ['divorce'],
        coverage: { national: false, regionCodes: ['1083'], municipalityCodes: [] },
        municipalityCode: '461',
        address: { street: 'Åbenvej 1', postalCode: '5000', city: 'Odense C' },
        email: 'ret@beta.example',
        website: 'https://beta.example',
        languages: ['ar', 'da'],
        wheelchairAccessible: false,
        referralRoutes: ['SELF', 'PROFESSIONAL'],
      }),
      service(ids.hotline, orgB, {
        name: 'Delta Hotline',
        typeCode: 'hotline',
        targetGroupCodes: ['victims'],
        needCodes: ['anonymous-counselling'],
        coverage: { national: true, regionCodes: [], municipalityCodes: [] },
        anonymous: true,
      }),
      service(ids.perp, orgB, {
        name: 'Epsilon Dialog',
        typeCode: 'perpetrator-programme',
        targetGroupCodes: ['perpetrators'],
        needCodes: ['perpetrator-treatment'],
        coverage: { national: false, regionCodes: ['1084'], municipalityCodes: [] },
      }),
      service(ids.mens, orgB, {
        name: 'Gamma Mandecenter',
        typeCode: 'mens-centre',
        targetGroupCodes: ['men'],
        needCodes: ['social-counselling'],
        coverage: { national: false, regionCodes: [], municipalityCodes: ['851'] },
        municipalityCode: '851',
        referralRoutes: ['MUNICIPALITY'],
      }),
      ...pages,
    ],
  );
});

afterAll(() => closeApi(api, P));

interface Names {
  services: { totalCount: number; edges: { node: { name: string } }[] };
}

async function names(filter: Record<string, unknown>): Promise<string[]> {
  const data = ok(
    await api.gql<Names>(
      `query($filter: ServiceFilterInput) { services(filter: $filter, first: 100) { totalCount edges { node { name } } } }`,
      { filter: { ...filter } },
    ),
  );
  const list = data.services.edges.map((e) => e.node.name).filter((n) => !n.startsWith('Zulu'));
  return list;
}

describe('geography', () => {
  it('lists the five regions with Danish and English names', async () => {
    const data = ok(
      await api.gql<{ regions: { code: string; name: string; nameEn: string }[] }>(
        '{ regions { code name nameEn } }',
      ),
    );
    expect(data.regions.map((r) => r.code)).toEqual(['1081', '1082', '1083', '1084', '1085']);
    expect(data.regions[2]).toEqual({
      code: '1083',
      name: 'Region Syddanmark',
      nameEn: 'Region of Southern Denmark',
    });
  });

  it('gives a region with its municipalities, and null for an unknown code', async () => {
    const data = ok(
      await api.gql<{ region: { name: string; municipalities: { code: string }[] }; none: null }>(
        '{ region(code: "1081") { name municipalities { code } } none: region(code: "9999") { name } }',
      ),
    );
    expect(data.region.name).toBe('Region Nordjylland');
    expect(data.region.municipalities).toHaveLength(11);
    expect(data.none).toBeNull();
  });

  it('lists municipalities by region, and all 98 without one', async () => {
    const data = ok(
      await api.gql<{ all: unknown[]; syd: { code: string; name: string }[] }>(
        '{ all: municipalities { code } syd: municipalities(regionCode: "1083") { code name } }',
      ),
    );
    expect(data.all).toHaveLength(98);
    expect(data.syd).toHaveLength(22);
    expect(data.syd).toContainEqual({ code: '461', name: 'Odense' });
  });

  it('gives a municipality with region and location', async () => {
    const data = ok(
      await api.gql<{ municipality: unknown }>(
        '{ municipality(code: "461") { code name region { code } location { latitude longitude } } }',
      ),
    );
    expect(data.municipality).toEqual({
      code: '461',
      name: 'Odense',
      region: { code: '1083' },
      location: { latitude: 55.403, longitude: 10.402 },
    });
  });

  it('rejects an unknown region code in municipalities()', async () => {
    const err = errorOf(await api.gql('{ municipalities(regionCode: "1099") { code } }'));
    expect(err.extensions.code).toBe('BAD_USER_INPUT');
    expect(err.extensions.argument).toBe('regionCode');
    expect(err.message).toBe('Unknown region code in regionCode');
  });
});

describe('taxonomy', () => {
  it('lists all 17 service types', async () => {
    const data = ok(
      await api.gql<{ serviceTypes: { code: string }[] }>('{ serviceTypes { code name nameEn } }'),
    );
    expect(data.serviceTypes).toHaveLength(17);
    expect(data.serviceTypes.map((t) => t.code)).toContain('childrens-house');
  });

  it('exposes the target group hierarchy', async () => {
    const data = ok(
      await api.gql<{
        targetGroups: {
          code: string;
          parent: { code: string } | null;
          children: { code: string }[];
        }[];
      }>('{ targetGroups { code name nameEn parent { code } children { code } } }'),
    );
    const women = data.targetGroups.find((g) => g.code === 'women');
    expect(women).toEqual({
      code: 'women',
      name: expect.any(String) as string,
      nameEn: 'Women',
      parent: { code: 'victims' },
      children: [{ code: 'ethnic-minority-women' }, { code: 'pregnant-women' }],
    });
    expect(data.targetGroups.find((g) => g.code === 'perpetrators')?.parent).toBeNull();
  });

  it('exposes the need hierarchy', async () => {
    const data = ok(
      await api.gql<{
        needs: { code: string; parent: { code: string } | null; children: { code: string }[] }[];
      }>('{ needs { code parent { code } children { code } } }'),
    );
    expect(data.needs).toHaveLength(31);
    expect(data.needs.find((n) => n.code === 'legal-advice')?.children.map((c) => c.code)).toEqual([
      'custody-and-contact',
      'divorce',
      'residence-status',
    ]);
    expect(data.needs.find((n) => n.code === 'divorce')?.parent).toEqual({ code: 'legal-advice' });
  });

  it('exposes the referral chain as data', async () => {
    const data = ok(
      await api.gql<{ needs: { code: string; followUps: { code: string }[] }[] }>(
        '{ needs { code followUps { code } } }',
      ),
    );
    const next = (code: string) =>
      data.needs.find((n) => n.code === code)?.followUps.map((f) => f.code);
    expect(next('acute-examination-after-rape')).toEqual([
      'psychological-treatment',
      'legal-advice',
    ]);
    expect(next('emergency-stay')).toEqual([
      'housing',
      'work-and-education',
      'danish-language',
      'authority-contact',
    ]);
    expect(next('perpetrator-treatment')).toEqual(['family-treatment']);
    expect(next('divorce')).toEqual([]);
  });

  it('gives every need and service type its phase of the action plans', async () => {
    const data = ok(
      await api.gql<{
        needs: { code: string; phase: string }[];
        serviceTypes: { code: string; phase: string }[];
      }>('{ needs { code phase } serviceTypes { code phase } }'),
    );
    const phase = (list: { code: string; phase: string }[], code: string) =>
      list.find((n) => n.code === code)?.phase;
    expect(
      ['child-investigation', 'emergency-stay', 'perpetrator-treatment', 'housing'].map((c) =>
        phase(data.needs, c),
      ),
    ).toEqual(['DETECTION', 'SUPPORT', 'SUPPORT', 'AFTERCARE']);
    expect(['hotline', 'rape-centre'].map((c) => phase(data.serviceTypes, c))).toEqual([
      'DETECTION',
      'SUPPORT',
    ]);
    expect(new Set(data.needs.map((n) => n.phase))).toEqual(
      new Set(['DETECTION', 'SUPPORT', 'AFTERCARE']),
    );
  });
});

describe('services', () => {
  it('returns every field of a service, with the confidential address null', async () => {
    const data = ok(
      await api.gql<{ service: Record<string, unknown> }>(
        `query($id: ID!) { service(id: $id) {
          id name description type { code } organisation { id name }
          targetGroups { code } needs { code }
          coverage { national regions { code } municipalities { code } }
          municipality { code } address { street postalCode city } addressConfidential
          contact { phone email website } openingHours open24h
          eligibility { minAge maxAge acceptsChildren maxBoyAge }
          languages wheelchairAccessible anonymous referralRoutes selfReferral
          capacity { totalPlaces freePlaces } demo version
        } }`,
        { id: ids.shelter },
      ),
    );
    expect(data.service).toEqual({
      id: ids.shelter,
      name: 'Alfa Krisecenter',
      description: null,
      type: { code: 'womens-shelter' },
      organisation: { id: `${P}-org-a`, name: 'Alfa Organisation' },
      targetGroups: [{ code: 'women' }],
      needs: [{ code: 'emergency-stay' }, { code: 'stay-with-children' }],
      coverage: { national: true, regions: [], municipalities: [] },
      municipality: { code: '461' },
      address: null,
      addressConfidential: true,
      contact: { phone: '+45 11 22 33 44', email: null, website: null },
      openingHours: null,
      open24h: true,
      eligibility: { minAge: 18, maxAge: null, acceptsChildren: true, maxBoyAge: 14 },
      languages: ['ar', 'da'],
      wheelchairAccessible: true,
      anonymous: false,
      referralRoutes: ['SELF'],
      selfReferral: true,
      capacity: { totalPlaces: 10, freePlaces: 2 },
      demo: false,
      version: 1,
    });
  });

  it('never sends a confidential address in any part of the response', async () => {
    const res = await api.gql(
      `{ services(first: 100) { edges { node { id address { street city } description name } } } }`,
    );
    expect(JSON.stringify(res)).not.toContain('Hemmeligvej');
  });

  it('shows a public address', async () => {
    const data = ok(
      await api.gql<{ service: unknown }>(
        `query($id: ID!) { service(id: $id) { address { street postalCode city } addressConfidential updatedAt } }`,
        {
          id: ids.legal,
        },
      ),
    );
    expect(data.service).toMatchObject({
      address: { street: 'Åbenvej 1', postalCode: '5000', city: 'Odense C' },
      addressConfidential: false,
    });
  });

  it('returns null for a missing id, also one that looks like Cypher', async () => {
    const data = ok(
      await api.gql<{ a: null; b: null; c: null }>(
        `{ a: service(id: "nope") { id } b: service(id: "x' OR 1=1 //") { id } c: organisation(id: "nope") { id } }`,
      ),
    );
    expect(data).toEqual({ a: null, b: null, c: null });
  });

  it('filters by region: located in it or covering it', async () => {
    expect(await names({ regionCode: '1083' })).toEqual(['Alfa Krisecenter', 'Beta Retshjælp']);
    expect(await names({ regionCode: '1083', includeNational: true })).toEqual([
      'Alfa Krisecenter',
      'Beta Retshjælp',
      'Delta Hotline',
    ]);
    expect(await names({ regionCode: '1081' })).toEqual(['Gamma Mandecenter']);
  });

  it('filters by municipality: located in, covering it, or covering its region', async () => {
    expect(await names({ municipalityCode: '851' })).toEqual(['Gamma Mandecenter']);
    // Svendborg (479) is in Syddanmark, which Beta covers as a whole.
    expect(await names({ municipalityCode: '479' })).toEqual(['Beta Retshjælp']);
  });

  it('expands target groups along the hierarchy', async () => {
    // women: narrower (ethnic-minority-women) and the broader victims' service
    expect(await names({ targetGroupCodes: ['women'] })).toEqual([
      'Alfa Krisecenter',
      'Beta Retshjælp',
      'Delta Hotline',
    ]);
    expect(await names({ targetGroupCodes: ['perpetrators'] })).toEqual(['Epsilon Dialog']);
    expect(await names({ targetGroupCodes: ['men'] })).toEqual([
      'Delta Hotline',
      'Gamma Mandecenter',
    ]);
  });

  it('expands needs along the hierarchy', async () => {
    expect(await names({ needCodes: ['legal-advice'] })).toEqual(['Beta Retshjælp']);
    expect(await names({ needCodes: ['safety'] })).toEqual(['Alfa Krisecenter']);
    expect(await names({ needCodes: ['counselling'] })).toEqual([
      'Delta Hotline',
      'Gamma Mandecenter',
    ]);
  });

  it('filters by type and language, and combines conditions', async () => {
    expect(await names({ typeCodes: ['mens-centre', 'hotline'] })).toEqual([
      'Delta Hotline',
      'Gamma Mandecenter',
    ]);
    expect(await names({ languages: ['ar'] })).toEqual(['Alfa Krisecenter', 'Beta Retshjælp']);
    expect(await names({ languages: ['ar'], needCodes: ['divorce'], regionCode: '1083' })).toEqual([
      'Beta Retshjælp',
    ]);
  });

  it('pages with cursors without duplicates or gaps', async () => {
    const query = `query($after: String) { services(first: 10, after: $after, filter: { typeCodes: ["youth-programme"] }) {
      totalCount edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
    type Res = {
      services: {
        totalCount: number;
        edges: { node: { name: string } }[];
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string };
      };
    };
    const seen: string[] = [];
    let after: string | null = null;
    const flags: [boolean, boolean][] = [];
    for (let i = 0; i < 5; i++) {
      const page: Res = ok(await api.gql<Res>(query, { after }));
      expect(page.services.totalCount).toBe(PAGE_COUNT);
      seen.push(...page.services.edges.map((e) => e.node.name));
      flags.push([page.services.pageInfo.hasNextPage, page.services.pageInfo.hasPreviousPage]);
      if (!page.services.pageInfo.hasNextPage) {
        break;
      }
      after = page.services.pageInfo.endCursor;
    }
    expect(seen).toEqual(
      Array.from({ length: PAGE_COUNT }, (_, i) => `Zulu ${String(i).padStart(2, '0')}`),
    );
    expect(flags).toEqual([
      [true, false],
      [true, true],
      [false, true],
    ]);
  });

  it('answers nested fields of a whole page without a query per row', async () => {
    const spy = jest.spyOn(Neo4jService.prototype, 'read');
    try {
      // warm the taxonomy/geography caches and the cached service rows first
      ok(
        await api.gql(
          '{ serviceTypes { code } regions { code } services(first: 1) { totalCount } }',
        ),
      );
      spy.mockClear();
      const data = ok(
        await api.gql<{ services: { edges: unknown[] } }>(
          `{ services(first: 30) { edges { node { type { code } organisation { name services { id } }
            targetGroups { code parent { code } } needs { code } municipality { name region { name } }
            coverage { regions { name } municipalities { name } } } } } }`,
        ),
      );
      expect(data.services.edges).toHaveLength(30);
      // the catalogue stamp (the page's services come from its snapshot), one for all
      // organisations, one for their services
      expect(spy).toHaveBeenCalledTimes(3);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('organisations', () => {
  it('pages organisations and lists their services', async () => {
    const data = ok(
      await api.gql<{
        organisations: {
          totalCount: number;
          edges: { node: { id: string; name: string; services: { name: string }[] } }[];
        };
      }>(
        '{ organisations(first: 100) { totalCount edges { node { id name services { name } } } } }',
      ),
    );
    const mine = data.organisations.edges.map((e) => e.node).filter((o) => o.id.startsWith(P));
    expect(mine.map((o) => o.name)).toEqual(['Alfa Organisation', 'Bravo Organisation']);
    expect(mine[0].services.map((s) => s.name)).toEqual(['Alfa Krisecenter', 'Beta Retshjælp']);
    expect(mine[1].services).toHaveLength(3 + PAGE_COUNT);
  });

  it('gives one organisation by id', async () => {
    const data = ok(
      await api.gql<{ organisation: unknown }>(
        `query($id: ID!) { organisation(id: $id) { id name demo } }`,
        {
          id: `${P}-org-a`,
        },
      ),
    );
    expect(data.organisation).toEqual({ id: `${P}-org-a`, name: 'Alfa Organisation', demo: false });
  });
});

describe('bad input', () => {
  it.each([0, 101, -5])('rejects first = %i', async (first) => {
    const err = errorOf(
      await api.gql(`query($first: Int!) { services(first: $first) { totalCount } }`, { first }),
    );
    expect(err.extensions.code).toBe('BAD_USER_INPUT');
    expect(err.message).toMatch(/first must not be (less than 1|greater than 100)/);
  });

  it('rejects first out of range on organisations too', async () => {
    expect(
      errorOf(await api.gql('{ organisations(first: 500) { totalCount } }')).extensions.code,
    ).toBe('BAD_USER_INPUT');
  });

  it('names every unknown code', async () => {
    const res = await api.gql(
      '{ services(filter: { targetGroupCodes: ["women", "martians", "robots"] }) { totalCount } }',
    );
    const err = errorOf(res);
    expect(err.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'filter.targetGroupCodes',
      unknownPositions: [1, 2],
    });
    expect(err.message).toBe(
      'Unknown target group code(s) in filter.targetGroupCodes at position(s) 1, 2',
    );
  });

  it.each([
    ['typeCodes', '["spa"]'],
    ['needCodes', '["flying"]'],
    ['regionCode', '"1090"'],
    ['municipalityCode', '"000"'],
  ])('rejects an unknown %s', async (field, value) => {
    const err = errorOf(
      await api.gql(`{ services(filter: { ${field}: ${value} }) { totalCount } }`),
    );
    expect(err.extensions.code).toBe('BAD_USER_INPUT');
    expect(err.extensions.argument).toBe(`filter.${field}`);
  });

  it('rejects a language that is not ISO 639-1, and a forged cursor', async () => {
    expect(
      errorOf(await api.gql('{ services(filter: { languages: ["arabic"] }) { totalCount } }'))
        .extensions.code,
    ).toBe('BAD_USER_INPUT');
    const err = errorOf(
      await api.gql('{ services(after: "MATCH (n) DETACH DELETE n") { totalCount } }'),
    );
    expect(err).toMatchObject({
      message: 'The cursor is not valid.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('never shows stack traces or Cypher in errors', async () => {
    const res = await api.gql(
      '{ services(filter: { needCodes: ["\' MATCH (n) RETURN n"] }) { totalCount } }',
    );
    const err = errorOf(res);
    expect(err.extensions.code).toBe('BAD_USER_INPUT');
    expect(err.extensions).not.toHaveProperty('stacktrace');
    expect(JSON.stringify(res)).not.toMatch(/EXISTS \{|Neo4jError|at .*\.ts:/);
  });

  it('rejects a query nested too deep before it runs, and still answers introspection', async () => {
    const spy = jest.spyOn(Neo4jService.prototype, 'read');
    try {
      const deep = errorOf(
        await api.gql(
          `{ organisations(first: 1) { edges { node { services { organisation { services { organisation {
            services { organisation { services { organisation { services { name } } } } } } } } } } } } }`,
        ),
      );
      expect(deep).toMatchObject({
        message: 'The query is nested 13 levels deep; at most 12 are allowed.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
    const schema = ok(
      await api.gql<{ __schema: { queryType: { name: string } } }>(getIntrospectionQuery()),
    );
    expect(schema.__schema.queryType.name).toBe('Query');
  });

  it('rejects a wrong argument type with a GraphQL validation error', async () => {
    const err = errorOf(await api.gql('{ services(first: "ten") { totalCount } }'));
    expect(err.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
