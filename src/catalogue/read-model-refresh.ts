// Only the cypher tag (which imports nothing) is imported here: the seed loader embeds this
// fragment before any model (and its decorators) is loaded.
import { cypher } from '../neo4j/cypher';

/**
 * Marks `s` as changed (inside the writing statement, so in the same transaction as the change):
 * bumps the catalogue stamp and sets `s.stamp` to it. The SET takes the stamp node's write lock
 * before it reads `seq`, so writers queue on it and commit in stamp order: a reader that sees
 * stamp N sees every change stamped up to N. In-process caches of service rows (the referral's
 * candidates) read the stamp to know what to reload. Every statement that changes a service
 * embeds this fragment (REFRESH_READ_MODEL_OF_S does).
 */
export const STAMP_CHANGE_OF_S = cypher`
CALL (s) {
  MERGE (stamp:CatalogueStamp {id: 'services'})
  ON CREATE SET stamp.seq = 0
  SET stamp.seq = stamp.seq + 1
  SET s.stamp = stamp.seq
}`;

/**
 * Recomputes, for `s` (inside the writing statement), the codes the read model keeps on the
 * Service node itself, so filters, ranking and pages read properties instead of walking
 * relationships: `typeCode`, `municipalityCode` (where it is located), `targetGroupCodes`,
 * `needCodes`, `coverageRegionCodes`, `coverageMunicipalityCodes` and `areaCodes` (everything it is
 * located in or covers). The relationships stay the truth; every statement that changes them
 * embeds this fragment (and migration 0004 filled it in for existing services; 0009 renamed the
 * coverage codes from `cover*`). It also stamps
 * the change (STAMP_CHANGE_OF_S).
 */
export const REFRESH_READ_MODEL_OF_S = cypher`
CALL (s) {
  SET s.typeCode = head([(s)-[:OF_TYPE]->(t:ServiceType) | t.code]),
    s.municipalityCode = head([(s)-[:LOCATED_IN]->(m:Municipality) | m.code]),
    s.targetGroupCodes = [(s)-[:SERVES]->(g:TargetGroup) | g.code],
    s.needCodes = [(s)-[:MEETS]->(n:Need) | n.code],
    s.coverageRegionCodes = [(s)-[:COVERS]->(r:Region) | r.code],
    s.coverageMunicipalityCodes = [(s)-[:COVERS]->(m:Municipality) | m.code],
    s.areaCodes = [(s)-[:LOCATED_IN|COVERS]->(p) | p.code]
}
${STAMP_CHANGE_OF_S}`;

/**
 * Recomputes, for `s`, the ids of its declared onward referrals kept on the node (in declared
 * order): `continuesToIds` ("our clients usually continue to") and `ifFullTryIds` ("if we are
 * full, try"). The CONTINUES_TO / IF_FULL_TRY relationships stay the truth; an archived or
 * deleted target stays listed here and drops out where the ids are read (only current services
 * are ever loaded by id).
 */
export const REFRESH_ONWARD_OF_S = cypher`
CALL (s) {
  SET s.continuesToIds = COLLECT { MATCH (s)-[r:CONTINUES_TO]->(t:Service) RETURN t.id ORDER BY r.order },
    s.ifFullTryIds = COLLECT { MATCH (s)-[r:IF_FULL_TRY]->(t:Service) RETURN t.id ORDER BY r.order }
}`;
