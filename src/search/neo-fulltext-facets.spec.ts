import { CachedRow, RankingRowSnapshot } from '../catalogue/ranking-row-cache';
import { cachedRow, rankingRow } from '../../test/support/ranking-rows';
import { FacetMaps, facetsOfIds } from './neo-fulltext-search-index';

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

describe('facetsOfIds: facets of the filtered hits, on their cached rows', () => {
  it('counts each facet over every hit, a service once per code, unknown ids left out', () => {
    const facets = facetsOfIds(['a', 'c', 'gone'], snapshot, maps);
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
    expect(facetsOfIds(['b'], snapshot, maps).regions).toEqual([{ code: '1084', count: 1 }]);
  });
});
