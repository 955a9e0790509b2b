import {
  RANKING_PROJECTION,
  RankingRow,
  RankingRowData,
  toRankingRow,
} from '../../src/catalogue/service-row';
import { Neo4jService } from '../../src/neo4j/neo4j.service';
import { cypher } from '../../src/neo4j/cypher';
import { ReferralArea } from '../../src/referral/candidates';

/*
 * The referral's candidate sets defined as Cypher reads of the graph: the reference that
 * ReferralCandidates (reading the cached rows) must equal (test/referral-differential.test.ts),
 * and whose plans test/query-plans.test.ts checks.
 */

/**
 * The candidates in the person's area, as light rows: from the municipalities (the person's and
 * the rest of its region) and the region, found through their unique code indexes, to the services
 * located in or covering them, and the services covering the whole country (`service_national`).
 * Without a place only the national ones. Its cost follows the services of the area, not of the
 * country; groups and needs are checked on the codes the read model keeps on each node.
 */
export const FIND_IN_AREA = cypher`
CALL () {
  UNWIND $municipalityCodes AS code
  MATCH (m:Municipality {code: code})<-[:LOCATED_IN|COVERS]-(s:Service)
  USING INDEX m:Municipality(code)
  RETURN s
  UNION
  MATCH (r:Region {code: $regionCode})<-[:COVERS]-(s:Service)
  USING INDEX r:Region(code)
  RETURN s
  UNION
  MATCH (s:Service)
  USING INDEX s:Service(national)
  WHERE s.national = true
  RETURN s
}
WITH s
WHERE NOT coalesce(s.archived, false)
  AND any(c IN s.targetGroupCodes WHERE c IN $targetGroupCodes)
  AND any(c IN s.needCodes WHERE c IN $needCodes)
RETURN ${RANKING_PROJECTION} AS row`;

/**
 * The candidates outside the area for needs nothing in the area meets, as light rows: from the
 * needs' nodes (unique code index) to the services meeting them, leaving out what the area query
 * already found (anything national, located in or covering a place of the area).
 */
export const FIND_BEYOND_AREA = cypher`
UNWIND $needCodes AS code
MATCH (n:Need {code: code})<-[:MEETS]-(s:Service)
USING INDEX n:Need(code)
WITH DISTINCT s
WHERE NOT coalesce(s.archived, false)
  AND NOT coalesce(s.national, false)
  AND none(c IN coalesce(s.areaCodes, []) WHERE c IN $areaCodes)
  AND any(c IN s.targetGroupCodes WHERE c IN $targetGroupCodes)
RETURN ${RANKING_PROJECTION} AS row`;

/**
 * The candidates beyond the area (as FIND_BEYOND_AREA) together with the services organisations
 * declared as onward referrals that the area's candidates do not hold: by id (unique index), and
 * for a plan the "continue to" targets further along from those, up to two more links, never
 * through an archived one. One read, so declarations cost no extra round trip of their own.
 */
export const FIND_BEYOND_AREA_AND_DECLARED = cypher`
CALL () {
  UNWIND $needCodes AS code
  MATCH (n:Need {code: code})<-[:MEETS]-(s:Service)
  USING INDEX n:Need(code)
  WITH DISTINCT s
  WHERE NOT coalesce(s.national, false)
    AND none(c IN coalesce(s.areaCodes, []) WHERE c IN $areaCodes)
    AND any(c IN s.targetGroupCodes WHERE c IN $targetGroupCodes)
  RETURN s
  UNION
  UNWIND $declaredIds AS id
  MATCH (s:Service {id: id})
  USING INDEX s:Service(id)
  RETURN s
  UNION
  UNWIND $followFromIds AS id
  MATCH (d:Service {id: id})
  USING INDEX d:Service(id)
  WHERE NOT coalesce(d.archived, false)
  MATCH (d) (()-[:CONTINUES_TO]->(x:Service WHERE NOT coalesce(x.archived, false))){1,2} (s:Service)
  RETURN s
}
WITH s
WHERE NOT coalesce(s.archived, false)
RETURN ${RANKING_PROJECTION} AS row`;

export class ReferralRepository {
  constructor(private readonly neo: Neo4jService) {}

  /** Current services in the area serving any of the group codes and meeting any of the need codes. */
  async findInArea(
    area: ReferralArea,
    targetGroupCodes: string[],
    needCodes: string[],
  ): Promise<RankingRow[]> {
    const rows = await this.neo.read<{ row: RankingRowData }>(FIND_IN_AREA, {
      ...area,
      targetGroupCodes,
      needCodes,
    });
    return rows.map((r) => toRankingRow(r.row));
  }

  /**
   * As `findBeyondArea`, plus the declared onward referrals by id and, from `followFromIds`, the
   * "continue to" targets up to two links further (all current services, whatever they serve).
   */
  async findBeyondAreaAndDeclared(
    area: ReferralArea,
    targetGroupCodes: string[],
    needCodes: string[],
    declared: { declaredIds: string[]; followFromIds: string[] },
  ): Promise<RankingRow[]> {
    const rows = await this.neo.read<{ row: RankingRowData }>(FIND_BEYOND_AREA_AND_DECLARED, {
      areaCodes: [...(area.regionCode ? [area.regionCode] : []), ...area.municipalityCodes],
      targetGroupCodes,
      needCodes,
      ...declared,
    });
    return rows.map((r) => toRankingRow(r.row));
  }

  /** Current services outside the area serving any of the group codes and meeting any of the need codes. */
  async findBeyondArea(
    area: ReferralArea,
    targetGroupCodes: string[],
    needCodes: string[],
  ): Promise<RankingRow[]> {
    const rows = await this.neo.read<{ row: RankingRowData }>(FIND_BEYOND_AREA, {
      areaCodes: [...(area.regionCode ? [area.regionCode] : []), ...area.municipalityCodes],
      targetGroupCodes,
      needCodes,
    });
    return rows.map((r) => toRankingRow(r.row));
  }
}
