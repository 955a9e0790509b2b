import { cypher } from '../neo4j/cypher';

/** A resolved service filter: codes checked and expanded along the hierarchies. */
export interface ServiceQuery {
  typeCodes: string[] | null;
  targetGroupCodes: string[] | null;
  needCodes: string[] | null;
  regionCode: string | null;
  municipalityCode: string | null;
  includeNational: boolean;
  languages: string[] | null;
  /** With regionCode: the region's municipalities (from the geography), so no hop is needed. */
  regionMunicipalityCodes: string[];
  /** With municipalityCode: its region. */
  municipalityRegionCode: string | null;
}

/** Where a page of services in (name, id) order starts: after this key, or at the beginning. */
export interface ServiceKey {
  name: string;
  id: string;
}

/** A query that filters nothing (what a request without a filter resolves to). */
export const NO_FILTER: Readonly<ServiceQuery> = {
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

/**
 * The filter as a Cypher predicate on `s`; every value is a parameter. It reads only the codes
 * the read model keeps on the node (see REFRESH_READ_MODEL_OF_S), so no relationship is walked.
 * A place matches through the codes of what the service is located in or covers (`areaCodes`;
 * municipalities and regions have codes of different lengths), with the region's municipalities
 * passed in. CASE keeps a condition that is not asked for from being evaluated at all (OR does
 * not promise that).
 */
export const SERVICE_FILTER_PREDICATE = cypher`
  NOT coalesce(s.archived, false)
  AND ($typeCodes IS NULL OR s.typeCode IN $typeCodes)
  AND ($targetGroupCodes IS NULL OR any(c IN s.targetGroupCodes WHERE c IN $targetGroupCodes))
  AND ($needCodes IS NULL OR any(c IN s.needCodes WHERE c IN $needCodes))
  AND ($languages IS NULL OR any(l IN coalesce(s.languages, []) WHERE l IN $languages))
  AND CASE WHEN $regionCode IS NULL THEN true
    WHEN $includeNational AND coalesce(s.national, false) THEN true
    ELSE any(place IN s.areaCodes WHERE place = $regionCode OR place IN $regionMunicipalityCodes) END
  AND CASE WHEN $municipalityCode IS NULL THEN true
    WHEN $includeNational AND coalesce(s.national, false) THEN true
    ELSE any(place IN s.areaCodes
      WHERE place = $municipalityCode OR place = $municipalityRegionCode) END`;

/**
 * The place codes a filter's services must be located in or cover (the start of a count), or
 * null when the filter names no place.
 */
export function placeCodesOf(query: ServiceQuery): string[] | null {
  if (query.municipalityCode !== null) {
    return [
      query.municipalityCode,
      ...(query.municipalityRegionCode ? [query.municipalityRegionCode] : []),
    ];
  }
  if (query.regionCode !== null) {
    return [query.regionCode, ...query.regionMunicipalityCodes];
  }
  return null;
}
