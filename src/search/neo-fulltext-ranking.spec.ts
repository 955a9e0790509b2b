import { CachedRow, RankingRowSnapshot } from '../catalogue/ranking-row-cache';
import { ServiceQuery } from '../catalogue/service-query';
import { RankingRow } from '../catalogue/service-row';
import { FacetMaps, rankHits } from './neo-fulltext-search-index';

const none: ServiceQuery = {
  typeCodes: null,
  targetGroupCodes: null,
  needCodes: null,
  regionCode: null,
  municipalityCode: null,
  includeNational: false,
  languages: null,
  regionMunicipalityCodes: [],
  municipalityRegionCode: null,
};

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
  const row: RankingRow = {
    id,
    name,
    typeCode: spec.type,
    municipalityCode: spec.municipality,
    targetGroupCodes: spec.groups,
    needCodes: spec.needs,
    coverage: { national: false, regionCodes: spec.regions ?? [], municipalityCodes: [] },
    eligibility: { minAge: null, maxAge: null, acceptsChildren: false, maxBoyAge: null },
    wheelchairAccessible: null,
    referralRoutes: [],
    languages: ['da', 'en'],
    capacity: null,
    continuesToIds: [],
    ifFullTryIds: [],
  };
  return {
    row,
    groups: new Set(row.targetGroupCodes),
    needs: new Set(row.needCodes),
    places: [spec.municipality, ...(spec.regions ?? [])],
    national: false,
  };
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
const snapshot = new RankingRowSnapshot(new Map(rows.map((c) => [c.row.id, c])));
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

describe('rankHits: full-text hits decided on the cached rows', () => {
  it('ranks by score, then name, then id, and leaves out what is not a current service', () => {
    const page = rankHits(
      ['a', 'gone', 'c', 'b', null],
      [1, 9, 2, 2, 5],
      snapshot,
      none,
      maps,
      0,
      10,
    );
    expect(page.hits).toEqual([
      { id: 'b', score: 2 },
      { id: 'c', score: 2 },
      { id: 'a', score: 1 },
    ]);
    expect(page.total).toBe(3);
    expect(rankHits(['a', 'c', 'b'], [1, 2, 2], snapshot, none, maps, 1, 1).hits).toEqual([
      { id: 'c', score: 2 },
    ]);
  });

  it('filters, and counts each facet over every filtered hit, a service once per code', () => {
    const women = { ...none, targetGroupCodes: ['women'] };
    const page = rankHits(['a', 'b', 'c'], [1, 1, 1], snapshot, women, maps, 0, 10);
    expect(page.total).toBe(2);
    expect(sortCounts(page.facets.types)).toEqual([
      { code: 'counselling', count: 1 },
      { code: 'shelter', count: 1 },
    ]);
    // c is located in 461 (region 1083) and covers region 1084
    expect(sortCounts(page.facets.regions)).toEqual([
      { code: '1083', count: 2 },
      { code: '1084', count: 1 },
    ]);
    expect(sortCounts(page.facets.targetGroups)).toEqual([
      { code: 'victims', count: 2 },
      { code: 'women', count: 2 },
    ]);
    expect(sortCounts(page.facets.needs)).toEqual([
      { code: 'emergency-stay', count: 2 },
      { code: 'safety', count: 2 },
    ]);
    expect(sortCounts(page.facets.languages)).toEqual([
      { code: 'da', count: 2 },
      { code: 'en', count: 2 },
    ]);
  });
});
