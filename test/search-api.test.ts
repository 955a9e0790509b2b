import { randomBytes } from 'node:crypto';
import { closeApi, errorOf, ok, startApi, TestApi } from './support/api';
import {
  createListings,
  markedLegalAid,
  markedShelter,
  organisation,
  uniquePrefix,
} from './support/factory';

const P = uniquePrefix('search-api');
const M = `zq${randomBytes(3).toString('hex')}`;
const shelter = `${P}-shelter`;
const legal = `${P}-legal`;

let api: TestApi;

beforeAll(async () => {
  api = await startApi();
  const org = `${P}-org`;
  await createListings(
    api.neo,
    [organisation(org, { name: 'Søgeorganisationen' })],
    [
      markedShelter(shelter, org, M, 'Søg Kvindekrisecenter', 'Skjultvej 3'),
      markedLegalAid(legal, org, M, 'Søg Retshjælp', ['ethnic-minority-women']),
    ],
  );
});

afterAll(() => closeApi(api, P));

const SERVICE_FIELDS = `id name type { code name } organisation { name } targetGroups { code }
  needs { code } municipality { code name } coverage { national regions { code } }
  address { street postalCode city } addressConfidential languages version`;

const SEARCH = `query($query: String!, $filter: ServiceFilterInput, $first: Int, $after: String) {
  searchServices(query: $query, filter: $filter, first: $first, after: $after) {
    totalHits
    hits { score service { ${SERVICE_FIELDS} } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    facets {
      types { code name count } regions { code name count } targetGroups { code name count }
      needs { code name count } languages { code name count }
    }
  }
}`;

interface SearchData {
  searchServices: {
    totalHits: number;
    hits: { score: number; service: Record<string, unknown> & { id: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    facets: Record<string, { code: string; name: string; count: number }[]>;
  };
}

function searchFor(variables: Record<string, unknown>) {
  return api.gql<SearchData>(SEARCH, variables);
}

describe('searchServices', () => {
  it('ranks, and returns each hit exactly as service(id) shows it', async () => {
    const data = ok(await searchFor({ query: `${M} juridisk forældremyndighed arabisk` }));
    const result = data.searchServices;
    expect(result.totalHits).toBe(1);
    expect(result.hits.map((h) => h.service.id)).toEqual([legal]);
    const byId = ok(
      await api.gql<{ service: Record<string, unknown> }>(
        `query($id: ID!) { service(id: $id) { ${SERVICE_FIELDS} } }`,
        { id: legal },
      ),
    );
    expect(result.hits[0].service).toEqual(byId.service);
    expect(result.hits[0].service.address).toEqual({
      street: 'Åbenvej 1',
      postalCode: '5000',
      city: 'Odense C',
    });
    expect(result.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('filters like services and gives named facets over the filtered result', async () => {
    const data = ok(
      await searchFor({ query: `${M} søg`, filter: { targetGroupCodes: ['women'] } }),
    );
    const result = data.searchServices;
    expect(result.hits.map((h) => h.service.id).sort()).toEqual([legal, shelter].sort());
    expect(result.facets.types).toEqual([
      { code: 'legal-aid', name: 'Juridisk rådgivning', count: 1 },
      { code: 'womens-shelter', name: 'Kvindekrisecenter', count: 1 },
    ]);
    expect(result.facets.regions).toEqual([
      { code: '1082', name: 'Region Midtjylland', count: 1 },
      { code: '1083', name: 'Region Syddanmark', count: 1 },
    ]);
    expect(result.facets.languages).toEqual([
      { code: 'ar', name: 'arabisk', count: 2 },
      { code: 'da', name: 'dansk', count: 1 },
    ]);
    expect(result.facets.targetGroups.find((g) => g.code === 'women')).toEqual({
      code: 'women',
      name: 'Kvinder',
      count: 2,
    });
  });

  it('never shows a confidential address', async () => {
    const res = await searchFor({ query: `${M} kvindekrisecenter` });
    const result = ok(res).searchServices;
    expect(result.hits.map((h) => h.service.id)).toEqual([shelter]);
    expect(result.hits[0].service.address).toBeNull();
    expect(JSON.stringify(res)).not.toContain('Skjultvej');
    expect(ok(await searchFor({ query: 'Skjultvej' })).searchServices.totalHits).toBe(0);
  });

  it('pages with cursors', async () => {
    const first = ok(await searchFor({ query: `${M} søg`, first: 1 })).searchServices;
    expect(first.totalHits).toBe(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = ok(
      await searchFor({ query: `${M} søg`, first: 1, after: first.pageInfo.endCursor }),
    ).searchServices;
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect([first.hits[0].service.id, second.hits[0].service.id].sort()).toEqual(
      [legal, shelter].sort(),
    );
  });
});

describe('searchServices: bad input', () => {
  it.each([
    ['an empty query', ''],
    ['a blank query', '   '],
    ['a query over 500 characters', 'a'.repeat(501)],
    ['a query with no words', '*** ?'],
  ])('rejects %s', async (_what, query) => {
    const error = errorOf(await searchFor({ query }));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('accepts a query of exactly 500 characters', async () => {
    const res = await searchFor({ query: `${M} ${'a'.repeat(500 - M.length - 1)}` });
    expect(res.errors).toBeUndefined();
  });

  it('rejects unknown filter codes, listing them', async () => {
    const error = errorOf(
      await searchFor({
        query: 'krisecenter',
        filter: { targetGroupCodes: ['women', 'nope', 'nix'] },
      }),
    );
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter.targetGroupCodes',
      unknownPositions: [1, 2],
    });
    const region = errorOf(
      await searchFor({ query: 'krisecenter', filter: { regionCode: '9999' } }),
    );
    expect(region.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'filter.regionCode' });
  });

  it.each([0, 101, -1])('rejects first = %d', async (first) => {
    const error = errorOf(await searchFor({ query: 'krisecenter', first }));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('rejects a cursor it did not make', async () => {
    const error = errorOf(await searchFor({ query: 'krisecenter', after: 'bm9wZQ' }));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
  });
});
