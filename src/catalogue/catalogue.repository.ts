import { Injectable } from '@nestjs/common';
import { Neo4jService } from '../neo4j/neo4j.service';
import { Service } from './models/service.model';
import { placeCodesOf, SERVICE_FILTER_PREDICATE, ServiceQuery } from './service-query';
import { SERVICE_PROJECTION, ServiceRow, toService } from './service-row';

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

  /** Each organisation's current services, keyed by organisation id. */
  async findByOrganisations(ids: readonly string[]): Promise<Map<string, Service[]>> {
    const rows = await this.neo.read<{ orgId: string; services: ServiceRow[] }>(
      FIND_BY_ORGANISATIONS,
      { ids: [...ids] },
    );
    return new Map(rows.map((r) => [r.orgId, r.services.map(toService)]));
  }
}
