import { ListingIndex, pageOfRows, rowFilter } from './listing-rows';
import { CachedRow, CatalogueSnapshot } from './catalogue-snapshot';
import { ServiceQuery } from './service-query';
import { cachedRow, rankingRow } from '../../test/support/ranking-rows';
import { NO_FILTER } from './service-query';

const none: ServiceQuery = { ...NO_FILTER };

interface Spec {
  name?: string;
  type?: string;
  groups?: string[];
  needs?: string[];
  languages?: string[];
  municipality?: string | null;
  regions?: string[];
  municipalities?: string[];
  national?: boolean;
}

function cached(id: string, spec: Spec = {}): CachedRow {
  const row = rankingRow(id);
  return cachedRow({
    ...row,
    name: spec.name ?? row.name,
    typeCode: spec.type ?? row.typeCode,
    municipalityCode: spec.municipality === undefined ? row.municipalityCode : spec.municipality,
    targetGroupCodes: spec.groups ?? row.targetGroupCodes,
    needCodes: spec.needs ?? row.needCodes,
    languages: spec.languages ?? row.languages,
    coverage: {
      national: spec.national ?? false,
      regionCodes: spec.regions ?? [],
      municipalityCodes: spec.municipalities ?? [],
    },
  });
}

const snapshotOf = (rows: CachedRow[]) =>
  new CatalogueSnapshot(new Map(rows.map((c) => [c.row.id, c])));
const PLACES = ['1083', '1084', '461', '101', '851'];
const ids = (rows: readonly CachedRow[]) => rows.map((c) => c.row.id);

describe('rowFilter: the listing filter on a cached row', () => {
  it('requires every named code list to share a code with the row', () => {
    const row = cached('a', { type: 'shelter', groups: ['women'], needs: ['safety'] });
    expect(rowFilter({ ...none, typeCodes: ['shelter', 'x'] })(row)).toBe(true);
    expect(rowFilter({ ...none, typeCodes: ['x'] })(row)).toBe(false);
    expect(rowFilter({ ...none, targetGroupCodes: ['men'] })(row)).toBe(false);
    expect(rowFilter({ ...none, needCodes: ['safety'], languages: ['en'] })(row)).toBe(false);
    expect(rowFilter({ ...none, needCodes: ['safety'], languages: ['da'] })(row)).toBe(true);
  });

  it('matches a region by its code or its municipalities, national only when included', () => {
    const region = { ...none, regionCode: '1083', regionMunicipalityCodes: ['461', '479'] };
    expect(rowFilter(region)(cached('located', { municipality: '479' }))).toBe(true);
    expect(rowFilter(region)(cached('covers', { municipality: '101', regions: ['1083'] }))).toBe(
      true,
    );
    const national = cached('national', { municipality: '101', national: true });
    expect(rowFilter(region)(national)).toBe(false);
    expect(rowFilter({ ...region, includeNational: true })(national)).toBe(true);
  });

  it('matches a municipality by its code or its region', () => {
    const odense = { ...none, municipalityCode: '461', municipalityRegionCode: '1083' };
    expect(rowFilter(odense)(cached('a', { municipality: '101', regions: ['1083'] }))).toBe(true);
    expect(rowFilter(odense)(cached('b', { municipality: '101', municipalities: ['461'] }))).toBe(
      true,
    );
    expect(rowFilter(odense)(cached('c', { municipality: '101' }))).toBe(false);
  });
});

describe('pageOfRows: the total and the first rows after a key', () => {
  const rows = ['e', 'c', 'a', 'd', 'b'].map((k, i) =>
    cached(`id-${k}`, { name: i < 2 ? 'Same' : k.toUpperCase(), needs: [i === 4 ? 'x' : 'y'] }),
  );
  const needY = rowFilter({ ...none, needCodes: ['y'] });

  it('counts every match and keeps the first in (name, id) order', () => {
    const { total, page } = pageOfRows(rows, needY, null, 2);
    expect(total).toBe(4);
    expect(ids(page)).toEqual(['id-a', 'id-d']);
  });

  it('continues after a key, equal names split by id', () => {
    expect(ids(pageOfRows(rows, needY, { name: 'D', id: 'id-d' }, 10).page)).toEqual([
      'id-c',
      'id-e',
    ]);
    expect(ids(pageOfRows(rows, needY, { name: 'Same', id: 'id-c' }, 10).page)).toEqual(['id-e']);
    expect(pageOfRows(rows, needY, { name: 'Same', id: 'id-e' }, 10)).toEqual({
      total: 4,
      page: [],
    });
  });
});

describe('ListingIndex: the smallest candidate set', () => {
  const rows = [
    cached('a', { municipality: '461', type: 't1', groups: ['g1'], needs: ['n1'] }),
    cached('b', { municipality: '461', type: 't2', groups: ['g1'], needs: ['n2'] }),
    cached('c', { municipality: '101', type: 't2', groups: ['g1'], needs: ['n2'] }),
    cached('d', { municipality: '851', type: 't2', groups: ['g2'], needs: ['n2'] }),
    cached('e', { municipality: null, national: true, type: 't2', groups: ['g1'], needs: ['n2'] }),
  ];
  const index = new ListingIndex(snapshotOf(rows), PLACES);

  it('holds every row when every row has a place or is national', () => {
    expect(index.complete).toBe(true);
    expect(ids(index.all).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    const placeless = cached('f', { municipality: null });
    expect(new ListingIndex(snapshotOf([...rows, placeless]), PLACES).complete).toBe(false);
  });

  it('starts from whichever named code has the fewest rows', () => {
    const odense = { ...none, municipalityCode: '461', municipalityRegionCode: '1083' };
    expect(ids(index.candidates({ ...odense, needCodes: ['n2'] }, ['461', '1083']))).toEqual([
      'a',
      'b',
    ]);
    expect(ids(index.candidates({ ...odense, needCodes: ['n1'] }, ['461', '1083']))).toEqual(['a']);
    expect(ids(index.candidates({ ...none, typeCodes: ['t1'], needCodes: ['n2'] }, null))).toEqual([
      'a',
    ]);
    expect(ids(index.candidates({ ...none, targetGroupCodes: ['g2'] }, null))).toEqual(['d']);
    expect(ids(index.candidates({ ...none, languages: ['da'] }, null))).toHaveLength(5);
  });

  it('adds the national services to a place start when they are included', () => {
    const odense = { ...none, municipalityCode: '461', includeNational: true };
    expect(ids(index.candidates(odense, ['461'])).sort()).toEqual(['a', 'b', 'e']);
  });
});
