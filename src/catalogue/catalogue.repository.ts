import { Injectable } from '@nestjs/common';
import { Neo4jService } from '../neo4j/neo4j.service';
import { Service } from './models/service.model';
import { placeCodesOf, SERVICE_FILTER_PREDICATE, ServiceKey, ServiceQuery } from './service-query';
import { SERVICE_PROJECTION, ServiceRow, toService } from './service-row';
import { Cypher, cypher } from '../neo4j/cypher';

/**
 * One page in (name, id) order after a key, read along the `service_name` index in that order:
 * the filter is checked row by row and the walk stops once the page is full (no sort, no
 * collect). The key condition is a CASE, not an OR: the planner splits an OR into a union of two
 * seeks, which loses the index order. `$limit` is one more than the page, to know whether another page follows.
 */
export const FIND_PAGE = cypher`
MATCH (s:Service)
USING INDEX s:Service(name, id)
WHERE s.name >= $afterName AND s.id IS NOT NULL
  AND CASE WHEN s.name = $afterName THEN s.id > $afterId ELSE true END
  AND ${SERVICE_FILTER_PREDICATE}
WITH s ORDER BY s.name, s.id LIMIT toInteger($limit)
RETURN ${SERVICE_PROJECTION} AS service`;

/*
 * Where a filtered page starts when the filter names something with a node of its own: the
 * services reached from those nodes through their unique code indexes and relationships, so the
 * cost follows the services of that place, type or need, not of the whole country. Only
 * services have these relationships, so no label is checked per row; the filter decides.
 */

/** From the place's nodes to what is located in or covers them (and, if asked, the national). */
export const START_FROM_PLACES = cypher`
  UNWIND $placeCodes AS code
  MATCH (m:Municipality {code: code})<-[:LOCATED_IN|COVERS]-(s)
  USING INDEX m:Municipality(code)
  RETURN s
  UNION
  UNWIND $placeCodes AS code
  MATCH (r:Region {code: code})<-[:COVERS]-(s)
  USING INDEX r:Region(code)
  RETURN s
  UNION
  MATCH (s:Service)
  USING INDEX s:Service(national)
  WHERE $includeNational AND s.national = true
  RETURN s`;

/** From the types' nodes. */
export const START_FROM_TYPES = cypher`
  UNWIND $typeCodes AS code
  MATCH (t:ServiceType {code: code})<-[:OF_TYPE]-(s)
  USING INDEX t:ServiceType(code)
  RETURN DISTINCT s`;

/** From the needs' nodes (the codes already expanded along the hierarchy). */
export const START_FROM_NEEDS = cypher`
  UNWIND $needCodes AS code
  MATCH (n:Need {code: code})<-[:MEETS]-(s)
  USING INDEX n:Need(code)
  RETURN DISTINCT s`;

/** From the target groups' nodes (the codes already expanded along the hierarchy). */
export const START_FROM_GROUPS = cypher`
  UNWIND $targetGroupCodes AS code
  MATCH (g:TargetGroup {code: code})<-[:SERVES]-(s)
  USING INDEX g:TargetGroup(code)
  RETURN DISTINCT s`;

/*
 * A page and its total in one query: the filter is checked on the started rows (codes on the
 * node, no relationship walked), the matches are counted (their name and id, which the name
 * index also requires, are read once, only for matches: `collect` leaves out the CASE's nulls), the page is the top `$limit` of them
 * after the key in (name, id) order, and only the page's services are projected whole.
 */
export const PAGE_OF_MATCHES = cypher`
WITH s WHERE ${SERVICE_FILTER_PREDICATE}
WITH collect(CASE WHEN s.name IS NOT NULL AND s.id IS NOT NULL
  THEN {s: s, name: s.name, id: s.id} END) AS matched
CALL (matched) {
  UNWIND matched AS m
  WITH m WHERE m.name > $afterName OR (m.name = $afterName AND m.id > $afterId)
  WITH m ORDER BY m.name, m.id LIMIT toInteger($limit)
  RETURN collect(m.s) AS page
}
RETURN size(matched) AS total, [s IN page | ${SERVICE_PROJECTION}] AS services`;

export const FIND_PAGE_FROM_PLACES = cypher`
CALL () {${START_FROM_PLACES}
}
${PAGE_OF_MATCHES}`;

export const FIND_PAGE_FROM_TYPES = cypher`
CALL () {${START_FROM_TYPES}
}
${PAGE_OF_MATCHES}`;

export const FIND_PAGE_FROM_NEEDS = cypher`
CALL () {${START_FROM_NEEDS}
}
${PAGE_OF_MATCHES}`;

export const FIND_PAGE_FROM_GROUPS = cypher`
CALL () {${START_FROM_GROUPS}
}
${PAGE_OF_MATCHES}`;

/** The total of a filter that names nothing to start from: along the `service_name` index. */
export const COUNT_ALL = cypher`
MATCH (s:Service)
WHERE s.name IS NOT NULL AND s.id IS NOT NULL AND ${SERVICE_FILTER_PREDICATE}
RETURN count(s) AS total`;

export const FIND_BY_IDS = cypher`
UNWIND $ids AS id
MATCH (s:Service {id: id})
USING INDEX s:Service(id)
WHERE NOT coalesce(s.archived, false)
RETURN ${SERVICE_PROJECTION} AS service`;

export const FIND_BY_ORGANISATIONS = cypher`
UNWIND $ids AS orgId
MATCH (o:Organisation {id: orgId})-[:OPERATES]->(s:Service)
USING INDEX o:Organisation(id)
WHERE NOT coalesce(s.archived, false)
WITH orgId, s ORDER BY s.name, s.id
RETURN orgId, collect(${SERVICE_PROJECTION}) AS services`;

/**
 * The catalogue stamp (see STAMP_CHANGE_OF_S; 0 before any stamped change), how many services
 * there are (from the count store, not a scan), and every service stamped after `$since`
 * (through the `service_stamp` index; archived ones too, flagged, so a cache drops them) in its
 * public projection (SERVICE_PROJECTION: never a confidential address): what an in-process cache
 * of services compares its own state with and brings itself up to date from, in one read. With
 * `$since` null (a cache that holds nothing yet) no service is read.
 */
export const READ_STAMP = cypher`
OPTIONAL MATCH (c:CatalogueStamp {id: 'services'})
USING INDEX c:CatalogueStamp(id)
WITH coalesce(c.seq, 0) AS seq
CALL () { MATCH (s:Service) RETURN count(s) AS services }
CALL () {
  MATCH (s:Service)
  USING INDEX s:Service(stamp)
  WHERE s.stamp > $since
  RETURN collect({service: ${SERVICE_PROJECTION}, archived: coalesce(s.archived, false)}) AS changed
}
RETURN seq, services, changed`;

/**
 * Every service (archived ones flagged) in its public projection: a cache's first load, and its
 * reload when services were deleted. Not a per-request read: it walks every service.
 */
export const FIND_ALL_SERVICES = cypher`
MATCH (s:Service)
RETURN ${SERVICE_PROJECTION} AS service, coalesce(s.archived, false) AS archived`;

/** A service as a cache keeps it: its public projection, and whether it is archived. */
export interface StampedService {
  service: ServiceRow;
  archived: boolean;
}

/** The stamp read: the stamp, the number of services, and the services stamped since. */
export interface StampRead extends CatalogueStamp {
  changed: StampedService[];
}

/** The catalogue's stamp and its number of services (archived ones included). */
export interface CatalogueStamp {
  seq: number;
  services: number;
}

export type PageStart = 'places' | 'types' | 'needs' | 'groups';

const PAGE_FROM: Record<PageStart, Cypher> = {
  places: FIND_PAGE_FROM_PLACES,
  types: FIND_PAGE_FROM_TYPES,
  needs: FIND_PAGE_FROM_NEEDS,
  groups: FIND_PAGE_FROM_GROUPS,
};

/**
 * Which nodes a filtered page starts from, most selective first: a place (a municipality's or a
 * region's services, about a fifth of the country at most), the types, the needs, the groups.
 * Null: walk the name index (no such filter, or only needs/groups and no total asked for, where
 * the walk stops after a few pages' worth of rows while a start would read every match).
 */
export function startOf(query: ServiceQuery, withTotal: boolean): PageStart | null {
  if (query.municipalityCode !== null || query.regionCode !== null) {
    return 'places';
  }
  if (query.typeCodes) {
    return 'types';
  }
  if (!withTotal) {
    return null;
  }
  if (query.needCodes) {
    return 'needs';
  }
  return query.targetGroupCodes ? 'groups' : null;
}

/** The shared reads of the service read model (every feature reads services through these). */
@Injectable()
export class CatalogueRepository {
  constructor(private readonly neo: Neo4jService) {}

  /**
   * Up to `limit` services matching the filter after `after`, in (name, id) order, and the
   * total when `withTotal` (0 otherwise). One query: from the most selective node the filter
   * names (see `startOf`), counting as it goes; or along the name index when the filter names
   * none (or names only needs or groups, which are broad, and no total is asked for), with the
   * total, if asked for, counted alongside.
   */
  async findPage(
    query: ServiceQuery,
    after: ServiceKey | null,
    limit: number,
    withTotal: boolean,
  ): Promise<{ services: Service[]; total: number }> {
    const params = {
      ...query,
      placeCodes: placeCodesOf(query),
      afterName: after?.name ?? '',
      afterId: after?.id ?? '',
      limit,
    };
    const start = startOf(query, withTotal);
    if (start) {
      const [row] = await this.neo.read<{ total: number; services: ServiceRow[] }>(
        PAGE_FROM[start],
        params,
      );
      return { services: (row?.services ?? []).map(toService), total: row?.total ?? 0 };
    }
    const [rows, total] = await Promise.all([
      this.neo.read<{ service: ServiceRow }>(FIND_PAGE, params),
      withTotal ? this.countAll(query) : Promise.resolve(0),
    ]);
    return { services: rows.map((r) => toService(r.service)), total };
  }

  private async countAll(query: ServiceQuery): Promise<number> {
    const [row] = await this.neo.read<{ total: number }>(COUNT_ALL, { ...query });
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

  /**
   * The catalogue stamp, the number of services and the services stamped after `since` (none
   * when `since` is null): index seeks and the count store, one round trip.
   */
  async readStamp(since: number | null): Promise<StampRead> {
    const [row] = await this.neo.read<StampRead>(READ_STAMP, { since });
    return row ?? { seq: 0, services: 0, changed: [] };
  }

  /** Every service in its public projection (archived ones flagged). */
  findAllServices(): Promise<StampedService[]> {
    return this.neo.read<StampedService>(FIND_ALL_SERVICES);
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
