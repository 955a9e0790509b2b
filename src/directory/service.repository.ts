import { Injectable } from '@nestjs/common';
import { Neo4jService } from '../neo4j/neo4j.service';
import { toDate } from '../neo4j/neo4j-values';
import { ReferralRoute, Service } from './models/service.model';

/**
 * What a service looks like to the public. The address is projected only when it is not
 * confidential, so a secret address never leaves the database through this projection.
 */
export const SERVICE_PROJECTION = `s {
  .id, .name, .description, .phone, .email, .website, .openingHours, .open24h, .minAge, .maxAge,
  .acceptsChildren, .maxBoyAge, .languages, .wheelchairAccessible, .anonymous, .referralRoutes,
  .totalPlaces, .freePlaces, .capacityReportedAt, .demo, .version, .updatedAt, .verifiedAt,
  .addressConfidential, .national,
  publicAddress: CASE WHEN coalesce(s.addressConfidential, false) OR s.addressStreet IS NULL THEN null
    ELSE {street: s.addressStreet, postalCode: s.addressPostalCode, city: s.addressCity} END,
  typeCode: head([(s)-[:OF_TYPE]->(t:ServiceType) | t.code]),
  organisationId: head([(o:Organisation)-[:OPERATES]->(s) | o.id]),
  municipalityCode: head([(s)-[:LOCATED_IN]->(m:Municipality) | m.code]),
  targetGroupCodes: [(s)-[:SERVES]->(g:TargetGroup) | g.code],
  needCodes: [(s)-[:MEETS]->(n:Need) | n.code],
  regionCodes: [(s)-[:COVERS]->(r:Region) | r.code],
  municipalityCodes: [(s)-[:COVERS]->(m:Municipality) | m.code]
}`;

export interface ServiceRow {
  id: string;
  name: string;
  description: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  openingHours: string | null;
  open24h: boolean | null;
  minAge: number | null;
  maxAge: number | null;
  acceptsChildren: boolean | null;
  maxBoyAge: number | null;
  languages: string[] | null;
  wheelchairAccessible: boolean | null;
  anonymous: boolean | null;
  referralRoutes: string[] | null;
  totalPlaces: number | null;
  freePlaces: number | null;
  capacityReportedAt: unknown;
  demo: boolean | null;
  version: number | null;
  updatedAt: unknown;
  verifiedAt: unknown;
  addressConfidential: boolean | null;
  national: boolean | null;
  publicAddress: { street: string; postalCode: string; city: string } | null;
  typeCode: string;
  organisationId: string;
  municipalityCode: string | null;
  targetGroupCodes: string[];
  needCodes: string[];
  regionCodes: string[];
  municipalityCodes: string[];
}

const sorted = (codes: string[] | null): string[] => [...(codes ?? [])].sort();
const ROUTES = new Set<string>(Object.values(ReferralRoute));

/** Maps a projected row to the model (shared with features that project services themselves). */
export function toService(row: ServiceRow): Service {
  const referralRoutes = sorted(row.referralRoutes).filter((r): r is ReferralRoute =>
    ROUTES.has(r),
  );
  const hasCapacity = row.totalPlaces !== null || row.freePlaces !== null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    typeCode: row.typeCode,
    organisationId: row.organisationId,
    municipalityCode: row.municipalityCode,
    targetGroupCodes: sorted(row.targetGroupCodes),
    needCodes: sorted(row.needCodes),
    coverage: {
      national: row.national ?? false,
      regionCodes: sorted(row.regionCodes),
      municipalityCodes: sorted(row.municipalityCodes),
    },
    publicAddress: row.publicAddress,
    addressConfidential: row.addressConfidential ?? false,
    contact: { phone: row.phone, email: row.email, website: row.website },
    openingHours: row.openingHours,
    open24h: row.open24h ?? false,
    eligibility: {
      minAge: row.minAge,
      maxAge: row.maxAge,
      acceptsChildren: row.acceptsChildren ?? false,
      maxBoyAge: row.maxBoyAge,
    },
    languages: sorted(row.languages),
    wheelchairAccessible: row.wheelchairAccessible,
    anonymous: row.anonymous ?? false,
    referralRoutes,
    selfReferral: referralRoutes.includes(ReferralRoute.SELF),
    capacity: hasCapacity
      ? {
          totalPlaces: row.totalPlaces,
          freePlaces: row.freePlaces,
          reportedAt: toDate(row.capacityReportedAt),
        }
      : null,
    demo: row.demo ?? false,
    version: row.version ?? 1,
    updatedAt: toDate(row.updatedAt) ?? new Date(0),
    verifiedAt: toDate(row.verifiedAt),
  };
}

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

/**
 * The filter as a Cypher predicate on `s`; every value is a parameter. A place matches through
 * the codes of what the service is located in or covers (municipalities and regions have codes
 * of different lengths), with the region's municipalities passed in: one hop per service instead
 * of two, about three times faster on a few thousand listings. CASE keeps a condition that is
 * not asked for from being evaluated at all (OR does not promise that).
 */
export const SERVICE_FILTER_PREDICATE = `
  NOT coalesce(s.archived, false)
  AND ($typeCodes IS NULL OR EXISTS { (s)-[:OF_TYPE]->(t:ServiceType) WHERE t.code IN $typeCodes })
  AND ($targetGroupCodes IS NULL OR EXISTS { (s)-[:SERVES]->(g:TargetGroup) WHERE g.code IN $targetGroupCodes })
  AND ($needCodes IS NULL OR EXISTS { (s)-[:MEETS]->(n:Need) WHERE n.code IN $needCodes })
  AND ($languages IS NULL OR any(l IN coalesce(s.languages, []) WHERE l IN $languages))
  AND CASE WHEN $regionCode IS NULL THEN true
    WHEN $includeNational AND coalesce(s.national, false) THEN true
    ELSE any(place IN [(s)-[:LOCATED_IN|COVERS]->(p) | p.code]
      WHERE place = $regionCode OR place IN $regionMunicipalityCodes) END
  AND CASE WHEN $municipalityCode IS NULL THEN true
    WHEN $includeNational AND coalesce(s.national, false) THEN true
    ELSE any(place IN [(s)-[:LOCATED_IN|COVERS]->(p) | p.code]
      WHERE place = $municipalityCode OR place = $municipalityRegionCode) END`;

const FIND_PAGE = `
MATCH (s:Service)
WHERE ${SERVICE_FILTER_PREDICATE}
WITH s ORDER BY s.name, s.id
WITH collect(s) AS matched
WITH size(matched) AS total, matched[$skip..($skip + $limit)] AS page
CALL {
  WITH page
  UNWIND page AS s
  RETURN collect(${SERVICE_PROJECTION}) AS services
}
RETURN total, services`;

const FIND_BY_IDS = `
UNWIND $ids AS id
MATCH (s:Service {id: id})
WHERE NOT coalesce(s.archived, false)
RETURN ${SERVICE_PROJECTION} AS service`;

const FIND_BY_ORGANISATIONS = `
UNWIND $ids AS orgId
MATCH (:Organisation {id: orgId})-[:OPERATES]->(s:Service)
WHERE NOT coalesce(s.archived, false)
WITH orgId, s ORDER BY s.name, s.id
RETURN orgId, collect(${SERVICE_PROJECTION}) AS services`;

@Injectable()
export class ServiceRepository {
  constructor(private readonly neo: Neo4jService) {}

  /** One page of services matching the filter, ordered by name then id, with the total. */
  async findPage(
    query: ServiceQuery,
    skip: number,
    limit: number,
  ): Promise<{ total: number; services: Service[] }> {
    const [row] = await this.neo.read<{ total: number; services: ServiceRow[] }>(FIND_PAGE, {
      ...query,
      skip,
      limit,
    });
    return { total: row?.total ?? 0, services: (row?.services ?? []).map(toService) };
  }

  /** Services by id (archived ones are not returned). */
  async findByIds(ids: readonly string[]): Promise<Service[]> {
    const rows = await this.neo.read<{ service: ServiceRow }>(FIND_BY_IDS, { ids: [...ids] });
    return rows.map((r) => toService(r.service));
  }

  /** Each organisation's current services, keyed by organisation id. */
  async findByOrganisations(ids: readonly string[]): Promise<Map<string, Service[]>> {
    const rows = await this.neo.read<{ orgId: string; services: ServiceRow[] }>(
      FIND_BY_ORGANISATIONS,
      {
        ids: [...ids],
      },
    );
    return new Map(rows.map((r) => [r.orgId, r.services.map(toService)]));
  }
}
