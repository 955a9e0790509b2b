// One name per concept: the read model's coverage codes on the Service node are named
// like `Service.coverage` and `CoverageInput` (`regionCodes`, `municipalityCodes`), prefixed
// `coverage`: `coverRegionCodes` → `coverageRegionCodes`, `coverMunicipalityCodes` →
// `coverageMunicipalityCodes` (REFRESH_READ_MODEL_OF_S in src/catalogue/read-model-refresh.ts
// writes the new names). Services written before get their values moved; the COVERS
// relationships stay the truth and are not touched.
MATCH (s:Service)
WHERE s.coverRegionCodes IS NOT NULL OR s.coverMunicipalityCodes IS NOT NULL
SET s.coverageRegionCodes = coalesce(s.coverRegionCodes, [(s)-[:COVERS]->(r:Region) | r.code]),
  s.coverageMunicipalityCodes = coalesce(s.coverMunicipalityCodes,
    [(s)-[:COVERS]->(m:Municipality) | m.code])
REMOVE s.coverRegionCodes, s.coverMunicipalityCodes;
