import { toDate } from '../neo4j/neo4j-values';
import { ReferralRoute, Service } from './models/service.model';
import { cypher } from '../neo4j/cypher';

/**
 * Where a service is offered besides where it is located, in the shape of `Service.coverage`: the
 * node's `national` and the read model's `coverageRegionCodes` / `coverageMunicipalityCodes`.
 */
const COVERAGE_PROJECTION = cypher`{
    national: coalesce(s.national, false),
    regionCodes: coalesce(s.coverageRegionCodes, []),
    municipalityCodes: coalesce(s.coverageMunicipalityCodes, [])
  }`;

/**
 * What a service looks like to the public. The address is projected only when it is not
 * confidential, so a secret address never leaves the database through this projection.
 */
export const SERVICE_PROJECTION = cypher`s {
  .id, .name, .description, .phone, .email, .website, .openingHours, .open24h, .minAge, .maxAge,
  .acceptsChildren, .maxBoyAge, .languages, .wheelchairAccessible, .anonymous, .referralRoutes,
  .totalPlaces, .freePlaces, .capacityReportedAt, .demo, .version, .updatedAt, .verifiedAt,
  .addressConfidential, .typeCode, .municipalityCode,
  publicAddress: CASE WHEN coalesce(s.addressConfidential, false) OR s.addressStreet IS NULL THEN null
    ELSE {street: s.addressStreet, postalCode: s.addressPostalCode, city: s.addressCity} END,
  organisationId: head([(o:Organisation)-[:OPERATES]->(s) | o.id]),
  targetGroupCodes: coalesce(s.targetGroupCodes, []),
  needCodes: coalesce(s.needCodes, []),
  coverage: ${COVERAGE_PROJECTION},
  continuesToIds: coalesce(s.continuesToIds, []),
  ifFullTryIds: coalesce(s.ifFullTryIds, [])
}`;

/**
 * The light row a referral ranks on: only the ranking keys and what eligibility reads, all of
 * them properties of the node (no relationship is walked).
 */
export const RANKING_PROJECTION = cypher`s {
  .id, .name, .typeCode, .municipalityCode, .minAge, .maxAge, .acceptsChildren, .maxBoyAge,
  .wheelchairAccessible, .referralRoutes, .languages, .totalPlaces, .freePlaces,
  .capacityReportedAt,
  targetGroupCodes: coalesce(s.targetGroupCodes, []),
  needCodes: coalesce(s.needCodes, []),
  coverage: ${COVERAGE_PROJECTION},
  continuesToIds: coalesce(s.continuesToIds, []),
  ifFullTryIds: coalesce(s.ifFullTryIds, [])
}`;

export interface RankingRowData {
  id: string;
  name: string;
  typeCode: string;
  municipalityCode: string | null;
  minAge: number | null;
  maxAge: number | null;
  acceptsChildren: boolean | null;
  maxBoyAge: number | null;
  wheelchairAccessible: boolean | null;
  referralRoutes: string[] | null;
  languages: string[] | null;
  totalPlaces: number | null;
  freePlaces: number | null;
  capacityReportedAt: unknown;
  targetGroupCodes: string[];
  needCodes: string[];
  coverage: { national: boolean; regionCodes: string[]; municipalityCodes: string[] };
  continuesToIds: string[];
  ifFullTryIds: string[];
}

export interface ServiceRow extends RankingRowData {
  description: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  openingHours: string | null;
  open24h: boolean | null;
  anonymous: boolean | null;
  demo: boolean | null;
  version: number | null;
  updatedAt: unknown;
  verifiedAt: unknown;
  addressConfidential: boolean | null;
  publicAddress: { street: string; postalCode: string; city: string } | null;
  organisationId: string;
}

/**
 * What the referral rules read of a service (and what a listing filters on in memory, see
 * listing-rows.ts): a whole `Service` is one too.
 */
export type RankingRow = Pick<
  Service,
  | 'id'
  | 'name'
  | 'typeCode'
  | 'municipalityCode'
  | 'targetGroupCodes'
  | 'needCodes'
  | 'coverage'
  | 'eligibility'
  | 'wheelchairAccessible'
  | 'referralRoutes'
  | 'languages'
  | 'capacity'
  | 'continuesToIds'
  | 'ifFullTryIds'
>;

const sorted = (codes: string[] | null): string[] => [...(codes ?? [])].sort();
const ROUTES = new Set<string>(Object.values(ReferralRoute));

/** Maps a light row to what the rules read; the fields are mapped exactly as `toService` does. */
export function toRankingRow(row: RankingRowData): RankingRow {
  const hasCapacity = row.totalPlaces !== null || row.freePlaces !== null;
  return {
    id: row.id,
    name: row.name,
    typeCode: row.typeCode,
    municipalityCode: row.municipalityCode,
    targetGroupCodes: sorted(row.targetGroupCodes),
    needCodes: sorted(row.needCodes),
    coverage: {
      national: row.coverage.national,
      regionCodes: sorted(row.coverage.regionCodes),
      municipalityCodes: sorted(row.coverage.municipalityCodes),
    },
    eligibility: {
      minAge: row.minAge,
      maxAge: row.maxAge,
      acceptsChildren: row.acceptsChildren ?? false,
      maxBoyAge: row.maxBoyAge,
    },
    wheelchairAccessible: row.wheelchairAccessible,
    referralRoutes: sorted(row.referralRoutes).filter((r): r is ReferralRoute => ROUTES.has(r)),
    languages: sorted(row.languages),
    capacity: hasCapacity
      ? {
          totalPlaces: row.totalPlaces,
          freePlaces: row.freePlaces,
          reportedAt: toDate(row.capacityReportedAt),
        }
      : null,
    continuesToIds: row.continuesToIds ?? [],
    ifFullTryIds: row.ifFullTryIds ?? [],
  };
}

/** Maps a projected row to the model (shared with features that project services themselves). */
export function toService(row: ServiceRow): Service {
  const ranking = toRankingRow(row);
  return {
    ...ranking,
    description: row.description,
    organisationId: row.organisationId,
    publicAddress: row.publicAddress,
    addressConfidential: row.addressConfidential ?? false,
    contact: { phone: row.phone, email: row.email, website: row.website },
    openingHours: row.openingHours,
    open24h: row.open24h ?? false,
    anonymous: row.anonymous ?? false,
    selfReferral: ranking.referralRoutes.includes(ReferralRoute.SELF),
    demo: row.demo ?? false,
    version: row.version ?? 1,
    updatedAt: toDate(row.updatedAt) ?? new Date(0),
    verifiedAt: toDate(row.verifiedAt),
  };
}
