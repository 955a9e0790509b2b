// The read model: codes kept on the Service node, so filters, ranking and pages read
// properties instead of walking relationships. The statements that change a service's
// relationships refresh them (REFRESH_READ_MODEL_OF_S in src/catalogue/service-row.ts); this fills
// them in once for services written before.
MATCH (s:Service)
CALL (s) {
  SET s.typeCode = head([(s)-[:OF_TYPE]->(t:ServiceType) | t.code]),
    s.municipalityCode = head([(s)-[:LOCATED_IN]->(m:Municipality) | m.code]),
    s.targetGroupCodes = [(s)-[:SERVES]->(g:TargetGroup) | g.code],
    s.needCodes = [(s)-[:MEETS]->(n:Need) | n.code],
    s.coverRegionCodes = [(s)-[:COVERS]->(r:Region) | r.code],
    s.coverMunicipalityCodes = [(s)-[:COVERS]->(m:Municipality) | m.code],
    s.areaCodes = [(s)-[:LOCATED_IN|COVERS]->(p) | p.code],
    s.archived = coalesce(s.archived, false)
};

// A referral (and a count with includeNational) reaches the services covering the whole country
// through this index.
CREATE RANGE INDEX service_national IF NOT EXISTS FOR (s:Service) ON (s.national);
