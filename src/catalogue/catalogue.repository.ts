import { Injectable } from '@nestjs/common';
import { Neo4jService } from '../neo4j/neo4j.service';
import { Service } from './models/service.model';
import { placeCodesOf, SERVICE_FILTER_PREDICATE, ServiceQuery } from './service-query';
import {
  RANKING_PROJECTION,
  RankingRowData,
  SERVICE_PROJECTION,
  ServiceRow,
  toService,
} from './service-row';

/**
 * One page in (name, id) order after a key, read along the `service_name` index in that order:
 * the filter is checked row by row and the walk stops once the page is full (no sort, no
 * collect). The key condition is a CASE, not an OR: the planner splits an OR into a union of two
 * seeks, which loses the index order. `$limit` is one more than the page, to know whether another page follows.
 */
export const FIND_PAGE = `
MATCH (s:Service)
USING INDEX s:Service(name, id)
WHERE s.name >= $afterName AND s.id IS NOT NULL
  AND CASE WHEN s.name = $afterName THEN s.id > $afterId ELSE true END
  AND ${SERVICE_FILTER_PREDICATE}
WITH s ORDER BY s.name, s.id LIMIT toInteger($limit)
RETURN ${SERVICE_PROJECTION} AS service`;

/** The total of a filter naming a place: from the place's nodes to what is located in or covers them. */
export const COUNT_FROM_PLACES = `
CALL () {
  UNWIND $placeCodes AS code
  MATCH (m:Municipality {code: code})<-[:LOCATED_IN|COVERS]-(s:Service)
  USING INDEX m:Municipality(code)
  RETURN s
  UNION
  UNWIND $placeCodes AS code
  MATCH (r:Region {code: code})<-[:COVERS]-(s:Service)
  USING INDEX r:Region(code)
  RETURN s
  UNION
  MATCH (s:Service)
  USING INDEX s:Service(national)
  WHERE $includeNational AND s.national = true
  RETURN s
}
WITH s WHERE ${SERVICE_FILTER_PREDICATE}
RETURN count(s) AS total`;

/** The total of a filter naming needs but no place: from the needs' nodes. */
export const COUNT_FROM_NEEDS = `
UNWIND $needCodes AS code
MATCH (n:Need {code: code})<-[:MEETS]-(s:Service)
USING INDEX n:Need(code)
WITH DISTINCT s WHERE ${SERVICE_FILTER_PREDICATE}
RETURN count(s) AS total`;

/** Any other total: along the `service_name` index (no sort, nothing collected). */
export const COUNT_ALL = `
MATCH (s:Service)
WHERE s.name IS NOT NULL AND s.id IS NOT NULL AND ${SERVICE_FILTER_PREDICATE}
RETURN count(s) AS total`;

export const FIND_BY_IDS = `
UNWIND $ids AS id
MATCH (s:Service {id: id})
USING INDEX s:Service(id)
WHERE NOT coalesce(s.archived, false)
RETURN ${SERVICE_PROJECTION} AS service`;

export const FIND_BY_ORGANISATIONS = `
UNWIND $ids AS orgId
MATCH (o:Organisation {id: orgId})-[:OPERATES]->(s:Service)
USING INDEX o:Organisation(id)
WHERE NOT coalesce(s.archived, false)
WITH orgId, s ORDER BY s.name, s.id
RETURN orgId, collect(${SERVICE_PROJECTION}) AS services`;

/**
 * The catalogue stamp (see STAMP_CHANGE_OF_S; 0 before any stamped change) and how many services
 * there are (from the count store, not a scan): what an in-process cache of service rows
 * compares its own state with.
 */
export const READ_STAMP = `
OPTIONAL MATCH (c:CatalogueStamp {id: 'services'})
USING INDEX c:CatalogueStamp(id)
WITH coalesce(c.seq, 0) AS seq
CALL () { MATCH (s:Service) RETURN count(s) AS services }
RETURN seq, services`;

/**
 * The light rows of the services changed after stamp `$since` (through the `service_stamp`
 * index), archived ones too (flagged), so a cache drops them.
 */
export const FIND_RANKING_ROWS_CHANGED_SINCE = `
MATCH (s:Service)
USING INDEX s:Service(stamp)
WHERE s.stamp > $since
RETURN ${RANKING_PROJECTION} AS row, coalesce(s.archived, false) AS archived`;

/**
 * The light rows of every service (archived ones flagged): a cache's first load, and its reload
 * when services were deleted. Not a per-request read: it walks every service.
 */
export const FIND_ALL_RANKING_ROWS = `
MATCH (s:Service)
RETURN ${RANKING_PROJECTION} AS row, coalesce(s.archived, false) AS archived`;

/** A service's light row as a cache keeps it. */
export interface StampedRankingRow {
  row: RankingRowData;
  archived: boolean;
}

/** The catalogue's stamp and its number of services (archived ones included). */
export interface CatalogueStamp {
  seq: number;
  services: number;
}

/** Where a page starts: after this (name, id), or at the beginning. */
export interface ServiceKey {
  name: string;
  id: string;
}

/** The shared reads of the service read model (every feature reads services through these). */
@Injectable()
export class CatalogueRepository {
  constructor(private readonly neo: Neo4jService) {}

  /** Up to `limit` services matching the filter after `after`, in (name, id) order. */
  async findPage(query: ServiceQuery, after: ServiceKey | null, limit: number): Promise<Service[]> {
    const rows = await this.neo.read<{ service: ServiceRow }>(FIND_PAGE, {
      ...query,
      afterName: after?.name ?? '',
      afterId: after?.id ?? '',
      limit,
    });
    return rows.map((r) => toService(r.service));
  }

  /** How many services match the filter. */
  async count(query: ServiceQuery): Promise<number> {
    const placeCodes = placeCodesOf(query);
    const cypher = placeCodes ? COUNT_FROM_PLACES : query.needCodes ? COUNT_FROM_NEEDS : COUNT_ALL;
    const [row] = await this.neo.read<{ total: number }>(cypher, { ...query, placeCodes });
    return row?.total ?? 0;
  }

  /** Services by id, in the order given (archived ones and unknown ids are left out). */
  async findByIds(ids: readonly string[]): Promise<Service[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows = await this.neo.read<{ service: ServiceRow }>(FIND_BY_IDS, { ids: [...ids] });
    return rows.map((r) => toService(r.service));
  }

  /** The catalogue stamp and the number of services: one index seek and the count store. */
  async readStamp(): Promise<CatalogueStamp> {
    const [row] = await this.neo.read<CatalogueStamp>(READ_STAMP);
    return row ?? { seq: 0, services: 0 };
  }

  /** The light rows of the services whose stamp is greater than `since`. */
  findRankingRowsChangedSince(since: number): Promise<StampedRankingRow[]> {
    return this.neo.read<StampedRankingRow>(FIND_RANKING_ROWS_CHANGED_SINCE, { since });
  }

  /** The light rows of every service. */
  findAllRankingRows(): Promise<StampedRankingRow[]> {
    return this.neo.read<StampedRankingRow>(FIND_ALL_RANKING_ROWS);
  }

  /** Each organisation's current services, keyed by organisation id. */
  async findByOrganisations(ids: readonly string[]): Promise<Map<string, Service[]>> {
    const rows = await this.neo.read<{ orgId: string; services: ServiceRow[] }>(
      FIND_BY_ORGANISATIONS,
      { ids: [...ids] },
    );
    return new Map(rows.map((r) => [r.orgId, r.services.map(toService)]));
  }
}
