import { Service } from '../src/catalogue/models/service.model';
import { RankingRow, ServiceRow, toService } from '../src/catalogue/service-row';
import { loadConfig } from '../src/config/app-config';
import { insideDenmark } from '../src/geography/denmark-outline';
import { GeographyService } from '../src/geography/geography.service';
import { candidateCodes, ReferralCandidates } from '../src/referral/candidates';
import { referralCriteria } from '../src/referral/criteria';
import { ReferralInput } from '../src/referral/dto/referral.input';
import { Language, Referral } from '../src/referral/models/referral.model';
import { ReferralService } from '../src/referral/referral.service';
import { TaxonomyService } from '../src/taxonomy/taxonomy.service';
import { DemoSeed } from '../seed/loader';
import { createListings, deleteByPrefix, uniquePrefix } from './support/factory';
import { startApi, TestApi } from './support/api';
import { helpers, prng, syntheticNetwork } from './support/synthetic-network';
import { buildReferral } from './support/reference-evaluator';
import { ReferralRepository } from './support/referral-repository';
import { cypher } from '../src/neo4j/cypher';
import { Neo4jService } from '../src/neo4j/neo4j.service';

/*
 * Speed never changes an answer: on a generated network, random referrals through the engine
 * (area first, light rows, whole services only for what it returns) give exactly what the
 * straightforward evaluation gives: every candidate in the country, read through the
 * relationships (not the codes kept on the node), ranked in memory by the same rules.
 */
const P = uniquePrefix('differential');
const NOW = new Date('2026-03-02T10:00:00Z');
const INPUTS = 200;

/** The reference: the all-candidates query as it was before the area-first engine. */
const ALL_CANDIDATES = cypher`
MATCH (g:TargetGroup)<-[:SERVES]-(s:Service)
WHERE g.code IN $targetGroupCodes AND NOT coalesce(s.archived, false)
WITH DISTINCT s
WHERE EXISTS { (s)-[:MEETS]->(n:Need) WHERE n.code IN $needCodes }
RETURN s {
  .id, .name, .description, .phone, .email, .website, .openingHours, .open24h, .minAge, .maxAge,
  .acceptsChildren, .maxBoyAge, .languages, .wheelchairAccessible, .anonymous, .referralRoutes,
  .totalPlaces, .freePlaces, .capacityReportedAt, .demo, .version, .updatedAt, .verifiedAt,
  .addressConfidential,
  publicAddress: CASE WHEN coalesce(s.addressConfidential, false) OR s.addressStreet IS NULL THEN null
    ELSE {street: s.addressStreet, postalCode: s.addressPostalCode, city: s.addressCity} END,
  typeCode: head([(s)-[:OF_TYPE]->(t:ServiceType) | t.code]),
  organisationId: head([(o:Organisation)-[:OPERATES]->(s) | o.id]),
  municipalityCode: head([(s)-[:LOCATED_IN]->(m:Municipality) | m.code]),
  targetGroupCodes: [(s)-[:SERVES]->(g:TargetGroup) | g.code],
  needCodes: [(s)-[:MEETS]->(n:Need) | n.code],
  coverage: {
    national: coalesce(s.national, false),
    regionCodes: [(s)-[:COVERS]->(r:Region) | r.code],
    municipalityCodes: [(s)-[:COVERS]->(m:Municipality) | m.code]
  }
} AS service
ORDER BY s.id`;

let api: TestApi;
let network: DemoSeed;

beforeAll(async () => {
  api = await startApi();
  network = syntheticNetwork({ count: 300, seed: 20260302, prefix: P, now: NOW });
  await createListings(api.neo, network.organisations, network.services);
  // a few archived services must never come back
  await api.neo.write(
    cypher`MATCH (s:Service) WHERE s.id STARTS WITH $prefix AND s.id ENDS WITH '7' AND s.id CONTAINS '-svc-0001'
     SET s.archived = true`,
    { prefix: P },
  );
}, 240_000);

afterAll(async () => {
  await deleteByPrefix(api.neo, P);
  await api.close();
});

async function reference(input: ReferralInput, language: Language): Promise<Referral> {
  const [tax, geo] = await Promise.all([
    api.app.get(TaxonomyService).get(),
    api.app.get(GeographyService).get(),
  ]);
  const criteria = referralCriteria(input, tax, geo);
  const ctx = {
    taxonomy: tax,
    geography: geo,
    now: NOW,
    availabilityFreshHours: loadConfig().availabilityFreshHours,
    keepAwayKm: loadConfig().keepAwayKm,
    language,
  };
  const codes = candidateCodes(criteria, ctx);
  const rows = await api.neo.read<{ service: ServiceRow }>(ALL_CANDIDATES, codes);
  const candidates: Service[] = rows.map((r) => toService(r.service));
  return {
    ...buildReferral(candidates, criteria, ctx),
    municipality: criteria.place?.municipality ?? null,
  };
}

/** Random valid requests, the same every run. */
async function randomInputs(): Promise<ReferralInput[]> {
  const [tax, geo] = await Promise.all([
    api.app.get(TaxonomyService).get(),
    api.app.get(GeographyService).get(),
  ]);
  const random = prng(42);
  const { pick, some, chance } = helpers(random);
  const groups = tax.targetGroups.nodes.map((g) => g.code);
  const needs = tax.needs.nodes.map((n) => n.code);
  return Array.from({ length: INPUTS }, () => {
    const children = chance(0.3) ? some([1, 3, 6, 9, 12, 14, 16], 1, 3) : [];
    const m = pick(geo.municipalities);
    const place = random();
    const near = (): { latitude: number; longitude: number } => {
      const jittered = {
        latitude: m.location.latitude + (random() - 0.5) * 0.1,
        longitude: m.location.longitude + (random() - 0.5) * 0.1,
      };
      // A few km around a coastal municipality may be open sea, which `near` refuses.
      return insideDenmark(jittered) ? jittered : m.location;
    };
    // mostly what some service offers (plus something else), so answers are rich; sometimes anything
    const like = pick(network.services);
    const realistic = chance(0.7);
    return Object.assign(new ReferralInput(), {
      targetGroupCodes: realistic
        ? [...new Set([pick(like.targetGroupCodes), ...some(groups, 0, 1)])]
        : some(groups, 1, 2),
      needCodes: realistic
        ? [...new Set([pick(like.needCodes), ...some(needs, 0, 2)])]
        : some(needs, 1, 3),
      ...(place < 0.7 ? { municipalityCode: m.code } : place < 0.85 ? { near: near() } : {}),
      age: chance(0.5) ? 10 + Math.floor(random() * 60) : undefined,
      accompanyingChildren: children,
      accompanyingBoys: chance(0.5) ? some(children, 0, children.length) : undefined,
      languages: chance(0.3) ? some(['da', 'en', 'ar', 'tr', 'so'], 1, 2) : undefined,
      wheelchair: chance(0.2),
      selfReferralOnly: chance(0.15),
      limit: 1 + Math.floor(random() * 15),
      ...(chance(0.25)
        ? { keepAwayFrom: some(geo.municipalities, 1, 2).map((mu) => mu.code) }
        : {}),
    });
  });
}

it(`gives exactly the reference answer for ${INPUTS} random referrals`, async () => {
  const engine = api.app.get(ReferralService);
  const inputs = await randomInputs();
  let options = 0;
  let unmet = 0;
  let followUps = 0;
  for (const [i, input] of inputs.entries()) {
    const language = i % 2 === 0 ? Language.DA : Language.EN;
    const expected = await reference(input, language);
    const actual = await engine.refer(input, language, NOW);
    const ids = (r: Referral) => r.options.map((o) => o.service.id);
    expect({ i, ids: ids(actual) }).toEqual({ i, ids: ids(expected) });
    expect(actual).toEqual(expected);
    options += expected.options.length;
    unmet += expected.unmetNeeds.filter((u) => u.nearest !== null).length;
    followUps += expected.followUps.reduce((n, f) => n + f.options.length, 0);
  }
  // the inputs exercise the engine: many options, and needs met only outside the area
  expect(options).toBeGreaterThan(2 * INPUTS);
  expect(unmet).toBeGreaterThan(10);
  expect(followUps).toBeGreaterThan(50);
}, 600_000);

it(`reads the same candidates from the cached rows as the Cypher reads, for ${INPUTS} random referrals`, async () => {
  const [tax, geo] = await Promise.all([
    api.app.get(TaxonomyService).get(),
    api.app.get(GeographyService).get(),
  ]);
  const cypher = new ReferralRepository(api.app.get(Neo4jService));
  const read = await api.app.get(ReferralCandidates).open();
  const ids = (rows: RankingRow[]) => rows.map((r) => r.id).sort();
  let compared = 0;
  for (const [i, input] of (await randomInputs()).entries()) {
    const criteria = referralCriteria(input, tax, geo);
    const { targetGroupCodes, needCodes } = candidateCodes(criteria, { taxonomy: tax });
    const area = criteria.place
      ? {
          regionCode: criteria.place.region.code,
          municipalityCodes: geo.municipalitiesIn(criteria.place.region.code).map((m) => m.code),
        }
      : { regionCode: null, municipalityCodes: [] };
    const inArea = await cypher.findInArea(area, targetGroupCodes, needCodes);
    expect({ i, ids: ids(read.findInArea(area, targetGroupCodes, needCodes)) }).toEqual({
      i,
      ids: ids(inArea),
    });
    // the rows themselves, mapped alike
    expect(read.findInArea(area, targetGroupCodes, needCodes).sort(byId)).toEqual(
      [...inArea].sort(byId),
    );
    const beyond = tax.needs.expandForMatch(criteria.needCodes);
    expect({ i, ids: ids(read.findBeyondArea(area, targetGroupCodes, beyond)) }).toEqual({
      i,
      ids: ids(await cypher.findBeyondArea(area, targetGroupCodes, beyond)),
    });
    const some = inArea.slice(0, 5).map((r) => r.id);
    const declared = { declaredIds: some, followFromIds: some };
    expect({
      i,
      ids: ids(read.findBeyondAreaAndDeclared(area, targetGroupCodes, beyond, declared)),
    }).toEqual({
      i,
      ids: ids(await cypher.findBeyondAreaAndDeclared(area, targetGroupCodes, beyond, declared)),
    });
    compared += inArea.length;
  }
  expect(compared).toBeGreaterThan(INPUTS);
}, 600_000);

const byId = (a: RankingRow, b: RankingRow): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
