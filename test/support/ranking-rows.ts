import { CachedRow, codeMask } from '../../src/catalogue/catalogue-snapshot';
import { RankingRow } from '../../src/catalogue/service-row';

/**
 * For unit specs of the in-memory reads: a plain light row (counselling for women in Aarhus
 * municipality 461, Danish, no coverage beyond it), and a row as the ranking-row cache holds it.
 */
export function rankingRow(id: string, over: Partial<RankingRow> = {}): RankingRow {
  return {
    id,
    name: id,
    typeCode: 'counselling',
    municipalityCode: '461',
    targetGroupCodes: ['women'],
    needCodes: ['safety'],
    coverage: { national: false, regionCodes: [], municipalityCodes: [] },
    eligibility: { minAge: null, maxAge: null, acceptsChildren: false, maxBoyAge: null },
    wheelchairAccessible: null,
    referralRoutes: [],
    languages: ['da'],
    capacity: null,
    continuesToIds: [],
    ifFullTryIds: [],
    ...over,
  };
}

/** The row with its codes as masks (needs as they are, without broader codes) and its places. */
export function cachedRow(row: RankingRow): CachedRow {
  return {
    row,
    groupMask: codeMask(row.targetGroupCodes),
    needMask: codeMask(row.needCodes),
    places: [
      ...(row.municipalityCode ? [row.municipalityCode] : []),
      ...row.coverage.municipalityCodes,
      ...row.coverage.regionCodes,
    ],
    national: row.coverage.national,
  };
}
