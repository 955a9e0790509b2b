import { Injectable } from '@nestjs/common';
import { run, Tx } from '../../neo4j/neo4j.service';
import { ListingRelations, ListingState, splitState } from './listing-state';
import { Service } from '../../catalogue/models/service.model';
import {
  REFRESH_ONWARD_OF_S,
  REFRESH_READ_MODEL_OF_S,
  STAMP_CHANGE_OF_S,
} from '../../catalogue/read-model-refresh';
import { SERVICE_PROJECTION, ServiceRow, toService } from '../../catalogue/service-row';
import { FIND_BY_IDS } from '../../catalogue/catalogue.repository';
import { Cypher, cypher } from '../../neo4j/cypher';

/** Places as last reported (demonstration data); reported now when `reportedAt` is left out. */
export interface ReportedPlaces {
  freePlaces: number | null;
  totalPlaces: number | null;
  /** An ISO 8601 date-time. */
  reportedAt?: string | null;
}

/** A listing to create: the one listing shape (ListingState) plus where it belongs. */
export interface NewListing {
  id: string;
  organisationId: string;
  state: ListingState;
  /** Demonstration data only; null for a listing created by the API. */
  capacity: ReportedPlaces | null;
  /** Demonstration data (the seed); false for every real listing. */
  demo: boolean;
}

export interface LockedListing {
  organisationId: string | null;
  version: number;
  archived: boolean;
  freePlaces: number | null;
  totalPlaces: number | null;
  state: ListingState;
}

/**
 * Takes the node's write lock first (a SET does; the marker is removed in the same statement),
 * then reads: a concurrent writer waits here until the other commits, and then reads its version.
 */
const LOCK_AND_LOAD = cypher`
MATCH (s:Service {id: $id})
SET s._lock = true
REMOVE s._lock
WITH s
RETURN head([(o:Organisation)-[:OPERATES]->(s) | o.id]) AS organisationId,
  coalesce(s.version, 1) AS version, coalesce(s.archived, false) AS archived,
  s.freePlaces AS freePlaces, s.totalPlaces AS totalPlaces,
  s {
    .name, .description, .addressStreet, .addressPostalCode, .addressCity, .phone,
    .professionalPhone, .email, .website, .openingHours, .minAge, .maxAge, .maxBoyAge,
    .wheelchairAccessible,
    addressConfidential: coalesce(s.addressConfidential, false),
    open24h: coalesce(s.open24h, false),
    acceptsChildren: coalesce(s.acceptsChildren, false),
    anonymous: coalesce(s.anonymous, false),
    languages: coalesce(s.languages, []),
    referralRoutes: coalesce(s.referralRoutes, []),
    typeCode: head([(s)-[:OF_TYPE]->(t:ServiceType) | t.code]),
    municipalityCode: head([(s)-[:LOCATED_IN]->(m:Municipality) | m.code]),
    targetGroupCodes: [(s)-[:SERVES]->(g:TargetGroup) | g.code],
    needCodes: [(s)-[:MEETS]->(n:Need) | n.code],
    coverage: {
      national: coalesce(s.national, false),
      regionCodes: [(s)-[:COVERS]->(r:Region) | r.code],
      municipalityCodes: [(s)-[:COVERS]->(m:Municipality) | m.code]
    },
    continuesToIds: COLLECT { MATCH (s)-[r:CONTINUES_TO]->(t:Service) RETURN t.id ORDER BY r.order },
    ifFullTryIds: COLLECT { MATCH (s)-[r:IF_FULL_TRY]->(t:Service) RETURN t.id ORDER BY r.order }
  } AS state`;

/**
 * Creates listings in one statement (UNWIND). A row whose organisation, type or municipality
 * does not exist creates nothing (the caller checks the ids returned); an id that exists already
 * fails on the unique constraint (CONFLICT). `capacity` and `demo` are set only by the seed's
 * demonstration data; a listing created through the API starts without them.
 */
const CREATE = cypher`
UNWIND $rows AS row
MATCH (o:Organisation {id: row.organisationId})
MATCH (t:ServiceType {code: row.rel.typeCode})
MATCH (loc:Municipality {code: row.rel.municipalityCode})
CREATE (s:Service {id: row.id})
SET s += row.props, s.national = row.rel.coverage.national, s.version = 1, s.archived = false, s.demo = row.demo,
  s.createdAt = datetime(), s.updatedAt = datetime(),
  s.freePlaces = row.capacity.freePlaces, s.totalPlaces = row.capacity.totalPlaces,
  s.capacityReportedAt = CASE
    WHEN row.capacity.reportedAt IS NOT NULL THEN datetime(row.capacity.reportedAt)
    WHEN row.capacity.freePlaces IS NULL AND row.capacity.totalPlaces IS NULL THEN null
    ELSE datetime() END
CREATE (o)-[:OPERATES]->(s), (s)-[:OF_TYPE]->(t), (s)-[:LOCATED_IN]->(loc)
WITH s, row
CALL (s, row) { UNWIND row.rel.targetGroupCodes AS code MATCH (g:TargetGroup {code: code}) CREATE (s)-[:SERVES]->(g) }
CALL (s, row) { UNWIND row.rel.needCodes AS code MATCH (n:Need {code: code}) CREATE (s)-[:MEETS]->(n) }
CALL (s, row) { UNWIND row.rel.coverage.regionCodes AS code MATCH (r:Region {code: code}) CREATE (s)-[:COVERS]->(r) }
CALL (s, row) { UNWIND row.rel.coverage.municipalityCodes AS code MATCH (m:Municipality {code: code}) CREATE (s)-[:COVERS]->(m) }
${REFRESH_READ_MODEL_OF_S}
RETURN s.id AS id`;

/** Which of the ids exist as services, archived or not (the seed leaves those alone). */
const FIND_EXISTING_IDS = cypher`
UNWIND $ids AS id
MATCH (s:Service {id: id})
RETURN s.id AS id`;

/**
 * Sets the changed properties; a relationship list given (not null) replaces the old one; a
 * coverage given replaces `national` and both lists of COVERS.
 */
const UPDATE = cypher`
MATCH (s:Service {id: $id})
SET s += $props, s.national = coalesce($rel.coverage.national, s.national), s.version = s.version + 1, s.updatedAt = datetime()
WITH s
CALL (s) {
  WITH s WHERE $rel.typeCode IS NOT NULL
  OPTIONAL MATCH (s)-[old:OF_TYPE]->() DELETE old
  WITH DISTINCT s MATCH (t:ServiceType {code: $rel.typeCode}) CREATE (s)-[:OF_TYPE]->(t)
}
CALL (s) {
  WITH s WHERE $rel.municipalityCode IS NOT NULL
  OPTIONAL MATCH (s)-[old:LOCATED_IN]->() DELETE old
  WITH DISTINCT s MATCH (m:Municipality {code: $rel.municipalityCode}) CREATE (s)-[:LOCATED_IN]->(m)
}
CALL (s) {
  WITH s WHERE $rel.targetGroupCodes IS NOT NULL
  OPTIONAL MATCH (s)-[old:SERVES]->() DELETE old
  WITH DISTINCT s UNWIND $rel.targetGroupCodes AS code
  MATCH (g:TargetGroup {code: code}) CREATE (s)-[:SERVES]->(g)
}
CALL (s) {
  WITH s WHERE $rel.needCodes IS NOT NULL
  OPTIONAL MATCH (s)-[old:MEETS]->() DELETE old
  WITH DISTINCT s UNWIND $rel.needCodes AS code
  MATCH (n:Need {code: code}) CREATE (s)-[:MEETS]->(n)
}
CALL (s) {
  WITH s WHERE $rel.coverage IS NOT NULL
  OPTIONAL MATCH (s)-[old:COVERS]->(:Region) DELETE old
  WITH DISTINCT s UNWIND $rel.coverage.regionCodes AS code
  MATCH (r:Region {code: code}) CREATE (s)-[:COVERS]->(r)
}
CALL (s) {
  WITH s WHERE $rel.coverage IS NOT NULL
  OPTIONAL MATCH (s)-[old:COVERS]->(:Municipality) DELETE old
  WITH DISTINCT s UNWIND $rel.coverage.municipalityCodes AS code
  MATCH (m:Municipality {code: code}) CREATE (s)-[:COVERS]->(m)
}
CALL (s) {
  WITH s WHERE $rel.continuesToIds IS NOT NULL
  OPTIONAL MATCH (s)-[old:CONTINUES_TO]->() DELETE old
  WITH DISTINCT s UNWIND range(0, size($rel.continuesToIds) - 1) AS i
  MATCH (t:Service {id: $rel.continuesToIds[i]}) CREATE (s)-[:CONTINUES_TO {order: i}]->(t)
}
CALL (s) {
  WITH s WHERE $rel.ifFullTryIds IS NOT NULL
  OPTIONAL MATCH (s)-[old:IF_FULL_TRY]->() DELETE old
  WITH DISTINCT s UNWIND range(0, size($rel.ifFullTryIds) - 1) AS i
  MATCH (t:Service {id: $rel.ifFullTryIds[i]}) CREATE (s)-[:IF_FULL_TRY {order: i}]->(t)
}
${REFRESH_READ_MODEL_OF_S}
${REFRESH_ONWARD_OF_S}
RETURN ${SERVICE_PROJECTION} AS service`;

/** Which of the ids are current services (not archived): targets an onward referral may name. */
const FIND_CURRENT_IDS = cypher`
UNWIND $ids AS id
MATCH (s:Service {id: id})
WHERE NOT coalesce(s.archived, false)
RETURN s.id AS id`;

const ARCHIVE = cypher`
MATCH (s:Service {id: $id})
SET s.archived = true, s.version = s.version + 1, s.updatedAt = datetime()
WITH s
${STAMP_CHANGE_OF_S}
RETURN ${SERVICE_PROJECTION} AS service`;

/** The organisation vouches that the listing is still true; `verifiedAt` tells readers how fresh it is. */
const CONFIRM = cypher`
MATCH (s:Service {id: $id})
SET s.verifiedAt = datetime(), s.version = s.version + 1, s.updatedAt = datetime()
WITH s
${STAMP_CHANGE_OF_S}
RETURN ${SERVICE_PROJECTION} AS service`;

const REPORT_AVAILABILITY = cypher`
MATCH (s:Service {id: $id})
SET s.freePlaces = $freePlaces, s.totalPlaces = $totalPlaces, s.capacityReportedAt = datetime(),
  s.version = s.version + 1, s.updatedAt = datetime()
WITH s
${STAMP_CHANGE_OF_S}
RETURN ${SERVICE_PROJECTION} AS service`;

const REL_KEYS: (keyof ListingRelations)[] = [
  'typeCode',
  'municipalityCode',
  'targetGroupCodes',
  'needCodes',
  'coverage',
  'continuesToIds',
  'ifFullTryIds',
];

/** Every relationship key present, null meaning "leave as it is". */
function relParams(rel: Partial<ListingRelations>): Record<string, unknown> {
  return Object.fromEntries(REL_KEYS.map((k) => [k, rel[k] ?? null]));
}

async function oneService(
  tx: Tx,
  query: Cypher,
  params: Record<string, unknown>,
): Promise<Service> {
  const [row] = await run<{ service: ServiceRow }>(tx, query, params);
  if (!row) {
    throw new Error('the locked service disappeared within its transaction');
  }
  return toService(row.service);
}

/** Writes to listings; every method runs inside the caller's transaction (with its audit). */
@Injectable()
export class ServiceWriteRepository {
  /** Locks the service for the rest of the transaction and reads its editable state. */
  async lockAndLoad(tx: Tx, id: string): Promise<LockedListing | null> {
    const [row] = await run<LockedListing>(tx, LOCK_AND_LOAD, { id });
    return row ?? null;
  }

  /**
   * Creates the listings in one statement; returns the ids created (a listing whose
   * organisation does not exist is left out). The API creates one; the seed and the test
   * factories create them in batches.
   */
  async create(tx: Tx, listings: readonly NewListing[]): Promise<string[]> {
    if (listings.length === 0) {
      return [];
    }
    const rows = await run<{ id: string }>(tx, CREATE, {
      rows: listings.map((l) => {
        const { properties, relations } = splitState(l.state);
        return {
          id: l.id,
          organisationId: l.organisationId,
          props: properties,
          rel: relParams(relations),
          capacity: l.capacity && { ...l.capacity, reportedAt: l.capacity.reportedAt ?? null },
          demo: l.demo,
        };
      }),
    });
    return rows.map((r) => r.id);
  }

  /** A current service as the API returns it, read inside the writing transaction. */
  async findInTx(tx: Tx, id: string): Promise<Service | null> {
    const [row] = await run<{ service: ServiceRow }>(tx, FIND_BY_IDS, { ids: [id] });
    return row ? toService(row.service) : null;
  }

  /** The ids among `ids` that exist as services (archived ones included). */
  async findExistingIds(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
    const rows = await run<{ id: string }>(tx, FIND_EXISTING_IDS, { ids: [...ids] });
    return new Set(rows.map((r) => r.id));
  }

  /** Applies changes and bumps the version (the caller holds the lock). */
  update(tx: Tx, id: string, change: Partial<ListingState>): Promise<Service> {
    const { properties, relations } = splitState(change);
    return oneService(tx, UPDATE, { id, props: properties, rel: relParams(relations) });
  }

  /** The ids among `ids` that are current (not archived) services. */
  async findCurrentIds(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
    const rows = await run<{ id: string }>(tx, FIND_CURRENT_IDS, { ids: [...ids] });
    return new Set(rows.map((r) => r.id));
  }

  archive(tx: Tx, id: string): Promise<Service> {
    return oneService(tx, ARCHIVE, { id });
  }

  confirm(tx: Tx, id: string): Promise<Service> {
    return oneService(tx, CONFIRM, { id });
  }

  reportAvailability(
    tx: Tx,
    id: string,
    freePlaces: number,
    totalPlaces: number,
  ): Promise<Service> {
    return oneService(tx, REPORT_AVAILABILITY, { id, freePlaces, totalPlaces });
  }
}
