// No imports here: the seed loader embeds this fragment before any model (and its decorators)
// is loaded.

/**
 * Recomputes, for `s` (inside the writing statement), the codes the read model keeps on the
 * Service node itself, so filters, ranking and pages read properties instead of walking
 * relationships: `typeCode`, `municipalityCode` (where it is located), `targetGroupCodes`,
 * `needCodes`, `coverRegionCodes`, `coverMunicipalityCodes` and `areaCodes` (everything it is
 * located in or covers). The relationships stay the truth; every statement that changes them
 * embeds this fragment (and migration 0004 filled it in for existing services).
 */
export const REFRESH_READ_MODEL_OF_S = `
CALL (s) {
  SET s.typeCode = head([(s)-[:OF_TYPE]->(t:ServiceType) | t.code]),
    s.municipalityCode = head([(s)-[:LOCATED_IN]->(m:Municipality) | m.code]),
    s.targetGroupCodes = [(s)-[:SERVES]->(g:TargetGroup) | g.code],
    s.needCodes = [(s)-[:MEETS]->(n:Need) | n.code],
    s.coverRegionCodes = [(s)-[:COVERS]->(r:Region) | r.code],
    s.coverMunicipalityCodes = [(s)-[:COVERS]->(m:Municipality) | m.code],
    s.areaCodes = [(s)-[:LOCATED_IN|COVERS]->(p) | p.code]
}`;
