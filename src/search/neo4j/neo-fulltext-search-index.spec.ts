import { CachedRow, CatalogueSnapshot } from '../../catalogue/catalogue-snapshot';
import { cachedRow, rankingRow } from '../../../test/support/ranking-rows';
import { NO_FILTER } from '../../catalogue/service-query';
import { listing } from '../../../test/support/referral-fixtures';
import { FacetMaps, rankMatches } from './neo-fulltext-search-index';

function cached(
  id: string,
  name: string,
  spec: {
    type: string;
    groups: string[];
    needs: string[];
    municipality: string;
    regions?: string[];
  },
): CachedRow {
  return cachedRow(
    rankingRow(id, {
      name,
      typeCode: spec.type,
      municipalityCode: spec.municipality,
      targetGroupCodes: spec.groups,
      needCodes: spec.needs,
      coverage: { national: false, regionCodes: spec.regions ?? [], municipalityCodes: [] },
      languages: ['da', 'en'],
    }),
  );
}

const rows = [
  cached('a', 'Beta', {
    type: 'shelter',
    groups: ['women'],
    needs: ['emergency-stay'],
    municipality: '461',
  }),
  cached('b', 'Alfa', { type: 'shelter', groups: ['men'], needs: ['safety'], municipality: '101' }),
  cached('c', 'Alfa', {
    type: 'counselling',
    groups: ['women'],
    needs: ['safety'],
    municipality: '461',
    regions: ['1084'],
  }),
];
const snapshot = new CatalogueSnapshot(new Map(rows.map((c) => [c.row.id, c])));
const maps: FacetMaps = {
  regionOf: new Map([
    ['461', '1083'],
    ['101', '1084'],
  ]),
  groupFacets: new Map([
    ['women', ['women', 'victims']],
    ['men', ['men', 'victims']],
  ]),
  needFacets: new Map([
    ['emergency-stay', ['emergency-stay', 'safety']],
    ['safety', ['safety', 'emergency-stay']],
  ]),
};

const sortCounts = (counts: { code: string; count: number }[]) =>
  [...counts].sort((x, y) => (x.code < y.code ? -1 : 1));

const all = { offset: 0, limit: 10 };
const facetsOf = (ids: string[]) =>
  rankMatches(
    ids.map((id) => ({ id, score: 1, version: null })),
    snapshot,
    NO_FILTER,
    all,
    maps,
  ).facets;

describe('rankMatches: facets of the filtered hits, on their cached rows', () => {
  it('counts each facet over every hit, a service once per code, unknown ids left out', () => {
    const facets = facetsOf(['a', 'c', 'gone']);
    expect(sortCounts(facets.types)).toEqual([
      { code: 'counselling', count: 1 },
      { code: 'shelter', count: 1 },
    ]);
    // c is located in 461 (region 1083) and covers region 1084
    expect(sortCounts(facets.regions)).toEqual([
      { code: '1083', count: 2 },
      { code: '1084', count: 1 },
    ]);
    expect(sortCounts(facets.targetGroups)).toEqual([
      { code: 'victims', count: 2 },
      { code: 'women', count: 2 },
    ]);
    expect(sortCounts(facets.needs)).toEqual([
      { code: 'emergency-stay', count: 2 },
      { code: 'safety', count: 2 },
    ]);
    expect(sortCounts(facets.languages)).toEqual([
      { code: 'da', count: 2 },
      { code: 'en', count: 2 },
    ]);
    expect(facetsOf(['b']).regions).toEqual([{ code: '1084', count: 1 }]);
  });
});

describe('rankMatches: the filtered hits ranked and paged', () => {
  const matches = [
    { id: 'a', score: 1.5, version: null },
    { id: 'gone', score: 9, version: null },
    { id: 'c', score: 1.5, version: null },
    { id: 'b', score: 2, version: null },
  ];

  it('ranks by score, then name, then id; leaves out ids that are no current service', () => {
    const page = rankMatches(matches, snapshot, NO_FILTER, all, maps);
    expect(page.hits).toEqual([
      { id: 'b', score: 2 },
      { id: 'c', score: 1.5 },
      { id: 'a', score: 1.5 },
    ]);
    expect(page.total).toBe(3);
  });

  it('filters like `services` and pages from the offset, the total and facets over all hits', () => {
    const shelters = { ...NO_FILTER, typeCodes: ['shelter'] };
    const page = rankMatches(matches, snapshot, shelters, { offset: 1, limit: 1 }, maps);
    expect(page.hits).toEqual([{ id: 'a', score: 1.5 }]);
    expect(page.total).toBe(2);
    expect(page.facets.types).toEqual([{ code: 'shelter', count: 2 }]);
  });
});

describe('rankMatches: a hit’s service from the snapshot', () => {
  const withServices = new CatalogueSnapshot(
    new Map(rows.map((c) => [c.row.id, c])),
    new Map([['a', listing('a', { version: 3 })]]),
  );

  it('is the snapshot’s service when it is at the version the index saw, else left to a read by id', () => {
    const at = (version: number | null) =>
      rankMatches([{ id: 'a', score: 1, version }], withServices, NO_FILTER, all, maps).hits[0];
    expect(at(3)).toEqual({ id: 'a', score: 1, service: listing('a', { version: 3 }) });
    expect(at(4)).toEqual({ id: 'a', score: 1, service: undefined });
  });
});
