import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REFRESH_READ_MODEL_OF_S } from '../src/catalogue/read-model-refresh';
import { projectRoot } from '../src/common/project-root';
import { Neo4jService, run } from '../src/neo4j/neo4j.service';
import { SearchOutbox } from '../src/search/search-outbox';

export const SEED_DATA_DIR = join(projectRoot(), 'seed', 'data');

export interface RegionSeed {
  code: string;
  name: string;
  nameEn: string;
}
export interface MunicipalitySeed {
  code: string;
  name: string;
  regionCode: string;
  lat: number;
  lon: number;
}
/** The action plans' three phases; every need and service type belongs to one. */
export const PHASES = ['DETECTION', 'SUPPORT', 'AFTERCARE'] as const;
/** When a next step applies only to some people (OTHER_LANGUAGE: they speak another language). */
export const FOLLOW_UP_CONDITIONS = ['OTHER_LANGUAGE'] as const;

/** A next step: a need code, or one with the condition under which it applies. */
export type FollowUpSeed = string | { need: string; when: (typeof FOLLOW_UP_CONDITIONS)[number] };

export interface TaxonomySeed {
  serviceTypes: {
    code: string;
    name: string;
    nameEn: string;
    phase: string;
    description: string | null;
  }[];
  targetGroups: { code: string; name: string; nameEn: string; parent: string | null }[];
  needs: {
    code: string;
    name: string;
    nameEn: string;
    parent: string | null;
    phase: string;
    /** What usually comes next for a person with this need (the referral chain), in order. */
    followUps?: FollowUpSeed[];
  }[];
}
export interface OrganisationSeed {
  id: string;
  name: string;
  description: string | null;
  website: string | null;
  demo: boolean;
}
export interface ServiceSeed {
  id: string;
  organisationId: string;
  name: string;
  typeCode: string;
  description: string | null;
  targetGroups: string[];
  needs: string[];
  coverage: { national: boolean; regions: string[]; municipalities: string[] };
  municipalityCode: string;
  address: { street: string; postalCode: string; city: string } | null;
  addressConfidential: boolean;
  phone: string | null;
  email: string | null;
  website: string | null;
  openingHours: string | null;
  open24h: boolean;
  minAge: number | null;
  maxAge: number | null;
  acceptsChildren: boolean;
  maxBoyAge: number | null;
  languages: string[];
  wheelchairAccessible: boolean | null;
  anonymous: boolean;
  referralRoutes: string[];
  capacity: {
    totalPlaces: number | null;
    freePlaces: number | null;
    reportedAt?: string | null;
  } | null;
  demo: boolean;
}
export interface DemoSeed {
  organisations: OrganisationSeed[];
  services: ServiceSeed[];
}

type Log = (line: string) => void;

/** Parses the simple CSV files we ship (no quoted commas). */
function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(SEED_DATA_DIR, file), 'utf8').trim().split(/\r?\n/);
  const keys = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? '']));
  });
}

export function readRegions(): RegionSeed[] {
  return readCsv('regions.csv').map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en }));
}

export function readMunicipalities(): MunicipalitySeed[] {
  return readCsv('municipalities.csv').map((m) => ({
    code: m.code,
    name: m.name,
    regionCode: m.region_code,
    lat: Number(m.lat),
    lon: Number(m.lon),
  }));
}

export function readTaxonomy(): TaxonomySeed {
  return JSON.parse(readFileSync(join(SEED_DATA_DIR, 'taxonomy.json'), 'utf8')) as TaxonomySeed;
}

export function readDemo(): DemoSeed {
  return JSON.parse(readFileSync(join(SEED_DATA_DIR, 'demo-services.json'), 'utf8')) as DemoSeed;
}

const UPSERT_REGIONS = `
UNWIND $rows AS row
MERGE (r:Region {code: row.code})
SET r.name = row.name, r.nameEn = row.nameEn`;

const UPSERT_MUNICIPALITIES = `
UNWIND $rows AS row
MATCH (r:Region {code: row.regionCode})
MERGE (m:Municipality {code: row.code})
SET m.name = row.name, m.location = point({latitude: row.lat, longitude: row.lon})
MERGE (m)-[:IN_REGION]->(r)`;

const UPSERT_SERVICE_TYPES = `
UNWIND $rows AS row
MERGE (t:ServiceType {code: row.code})
SET t.name = row.name, t.nameEn = row.nameEn, t.description = row.description, t.phase = row.phase`;

const UPSERT_TARGET_GROUPS = `
UNWIND $rows AS row
MERGE (g:TargetGroup {code: row.code})
SET g.name = row.name, g.nameEn = row.nameEn
WITH g, row
OPTIONAL MATCH (p:TargetGroup {code: row.parent})
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (g)-[:NARROWER_THAN]->(p))`;

const UPSERT_NEEDS = `
UNWIND $rows AS row
MERGE (n:Need {code: row.code})
SET n.name = row.name, n.nameEn = row.nameEn, n.phase = row.phase
WITH n, row
OPTIONAL MATCH (p:Need {code: row.parent})
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (n)-[:NARROWER_THAN]->(p))`;

/** The referral chain as data: replaces each need's FOLLOWED_BY list with the seeded one. */
const SET_FOLLOW_UPS = `
UNWIND $rows AS row
MATCH (n:Need {code: row.code})
OPTIONAL MATCH (n)-[old:FOLLOWED_BY]->(:Need)
DELETE old
WITH DISTINCT n, row
UNWIND range(0, size(row.followUps) - 1) AS i
MATCH (next:Need {code: row.followUps[i].need})
CREATE (n)-[:FOLLOWED_BY {order: i, when: row.followUps[i].when}]->(next)`;

const CREATE_ORGANISATIONS = `
UNWIND $rows AS row
MERGE (o:Organisation {id: row.id})
ON CREATE SET o.name = row.name, o.description = row.description, o.website = row.website,
  o.demo = row.demo, o.createdAt = datetime(), o.updatedAt = datetime(), o.version = 1`;

/** Creates services that do not exist yet; an existing listing (perhaps edited since) is left alone. */
const CREATE_SERVICES = `
UNWIND $rows AS row
OPTIONAL MATCH (existing:Service {id: row.id})
WITH row WHERE existing IS NULL
MATCH (o:Organisation {id: row.organisationId})
MATCH (t:ServiceType {code: row.typeCode})
MATCH (loc:Municipality {code: row.municipalityCode})
CREATE (s:Service {id: row.id})
SET s += row.props,
    s.version = 1, s.archived = false,
    s.createdAt = datetime(), s.updatedAt = datetime(),
    s.capacityReportedAt = CASE WHEN row.capacityReportedAt IS NOT NULL THEN datetime(row.capacityReportedAt)
      WHEN row.props.totalPlaces IS NULL AND row.props.freePlaces IS NULL THEN null ELSE datetime() END
CREATE (o)-[:OPERATES]->(s), (s)-[:OF_TYPE]->(t), (s)-[:LOCATED_IN]->(loc)
WITH s, row
CALL { WITH s, row UNWIND row.targetGroups AS code MATCH (g:TargetGroup {code: code}) CREATE (s)-[:SERVES]->(g) }
CALL { WITH s, row UNWIND row.needs AS code MATCH (n:Need {code: code}) CREATE (s)-[:MEETS]->(n) }
CALL { WITH s, row UNWIND row.regions AS code MATCH (r:Region {code: code}) CREATE (s)-[:COVERS]->(r) }
CALL { WITH s, row UNWIND row.municipalities AS code MATCH (m:Municipality {code: code}) CREATE (s)-[:COVERS]->(m) }
${REFRESH_READ_MODEL_OF_S}
RETURN count(s) AS created, collect(s.id) AS ids`;

export interface ReferenceData {
  regions: RegionSeed[];
  municipalities: MunicipalitySeed[];
  taxonomy: TaxonomySeed;
}

export function readReference(): ReferenceData {
  return { regions: readRegions(), municipalities: readMunicipalities(), taxonomy: readTaxonomy() };
}

function followUpOf(f: FollowUpSeed): { need: string; when: string | null } {
  return typeof f === 'string' ? { need: f, when: null } : { need: f.need, when: f.when };
}

/** Every phase known, every follow-up a known need under a known condition, none twice. */
export function checkTaxonomy(taxonomy: TaxonomySeed): string[] {
  const phases = new Set<string>(PHASES);
  const conditions = new Set<string | null>([null, ...FOLLOW_UP_CONDITIONS]);
  const needCodes = new Set(taxonomy.needs.map((n) => n.code));
  return [
    ...[...taxonomy.serviceTypes, ...taxonomy.needs]
      .filter((node) => !phases.has(node.phase))
      .map((node) => `unknown phase "${String(node.phase)}" of ${node.code}`),
    ...taxonomy.needs.flatMap((n) => {
      const next = (n.followUps ?? []).map(followUpOf);
      return [
        ...next
          .filter((f) => !needCodes.has(f.need))
          .map((f) => `unknown follow-up need ${n.code} → ${f.need}`),
        ...next
          .filter((f) => !conditions.has(f.when))
          .map((f) => `unknown condition ${String(f.when)} on ${n.code} → ${f.need}`),
        ...next
          .filter((f, i) => f.need === n.code || next.findIndex((g) => g.need === f.need) !== i)
          .map((f) => `follow-up ${n.code} → ${f.need} repeated or to itself`),
      ];
    }),
  ];
}

/** Regions, municipalities and the taxonomy: facts every environment needs (idempotent). */
export async function seedReference(neo: Neo4jService, log: Log = () => undefined): Promise<void> {
  const ref = readReference();
  await neo.write(UPSERT_REGIONS, { rows: ref.regions });
  log(`seed: regions ${ref.regions.length}`);
  await neo.write(UPSERT_MUNICIPALITIES, { rows: ref.municipalities });
  log(`seed: municipalities ${ref.municipalities.length}`);
  const problems = checkTaxonomy(ref.taxonomy);
  if (problems.length > 0) {
    throw new Error(`taxonomy.json: ${problems.join(', ')}`);
  }
  await neo.write(UPSERT_SERVICE_TYPES, { rows: ref.taxonomy.serviceTypes });
  await neo.write(UPSERT_TARGET_GROUPS, { rows: ref.taxonomy.targetGroups });
  await neo.write(UPSERT_NEEDS, { rows: ref.taxonomy.needs });
  await neo.write(SET_FOLLOW_UPS, {
    rows: ref.taxonomy.needs.map((n) => ({
      code: n.code,
      followUps: (n.followUps ?? []).map(followUpOf),
    })),
  });
  log(
    `seed: taxonomy ${ref.taxonomy.serviceTypes.length} service types, ` +
      `${ref.taxonomy.targetGroups.length} target groups, ${ref.taxonomy.needs.length} needs`,
  );
}

/** Checks every reference in the listings before anything is written, naming each problem. */
export function checkListings(data: DemoSeed, ref: ReferenceData = readReference()): string[] {
  const problems: string[] = [];
  const orgs = new Set(data.organisations.map((o) => o.id));
  const types = new Set(ref.taxonomy.serviceTypes.map((t) => t.code));
  const groups = new Set(ref.taxonomy.targetGroups.map((g) => g.code));
  const needs = new Set(ref.taxonomy.needs.map((n) => n.code));
  const regions = new Set(ref.regions.map((r) => r.code));
  const municipalities = new Set(ref.municipalities.map((m) => m.code));
  const ids = new Set<string>();
  for (const s of data.services) {
    const where = `service ${s.id}`;
    if (ids.has(s.id)) {
      problems.push(`${where}: duplicate id`);
    }
    ids.add(s.id);
    const check = (ok: boolean, what: string): void => {
      if (!ok) {
        problems.push(`${where}: ${what}`);
      }
    };
    check(orgs.has(s.organisationId), `unknown organisation ${s.organisationId}`);
    check(types.has(s.typeCode), `unknown type ${s.typeCode}`);
    check(municipalities.has(s.municipalityCode), `unknown municipality ${s.municipalityCode}`);
    s.targetGroups.forEach((c) => check(groups.has(c), `unknown target group ${c}`));
    s.needs.forEach((c) => check(needs.has(c), `unknown need ${c}`));
    s.coverage.regions.forEach((c) => check(regions.has(c), `unknown region ${c}`));
    s.coverage.municipalities.forEach((c) =>
      check(municipalities.has(c), `unknown municipality ${c}`),
    );
  }
  return problems;
}

function serviceParams(s: ServiceSeed): Record<string, unknown> {
  return {
    id: s.id,
    organisationId: s.organisationId,
    typeCode: s.typeCode,
    municipalityCode: s.municipalityCode,
    targetGroups: s.targetGroups,
    needs: s.needs,
    regions: s.coverage.regions,
    municipalities: s.coverage.municipalities,
    capacityReportedAt: s.capacity?.reportedAt ?? null,
    props: {
      name: s.name,
      description: s.description,
      national: s.coverage.national,
      addressStreet: s.address?.street ?? null,
      addressPostalCode: s.address?.postalCode ?? null,
      addressCity: s.address?.city ?? null,
      addressConfidential: s.addressConfidential,
      phone: s.phone,
      email: s.email,
      website: s.website,
      openingHours: s.openingHours,
      open24h: s.open24h,
      minAge: s.minAge,
      maxAge: s.maxAge,
      acceptsChildren: s.acceptsChildren,
      maxBoyAge: s.maxBoyAge,
      languages: s.languages,
      wheelchairAccessible: s.wheelchairAccessible,
      anonymous: s.anonymous,
      referralRoutes: s.referralRoutes,
      totalPlaces: s.capacity?.totalPlaces ?? null,
      freePlaces: s.capacity?.freePlaces ?? null,
      demo: s.demo,
    },
  };
}

/**
 * Writes organisations and services in batches (UNWIND); existing ids are left as they are, so
 * running it again changes nothing. Returns how many services were created.
 */
export async function writeListings(
  neo: Neo4jService,
  data: DemoSeed,
  log: Log = () => undefined,
  batchSize = 25,
): Promise<number> {
  const problems = checkListings(data);
  if (problems.length > 0) {
    throw new Error(`seed data has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  }
  await neo.write(CREATE_ORGANISATIONS, { rows: data.organisations });
  log(`seed: organisations ${data.organisations.length}`);
  const searchOutbox = new SearchOutbox();
  let created = 0;
  for (let i = 0; i < data.services.length; i += batchSize) {
    const batch = data.services.slice(i, i + batchSize);
    // The new services become searchable in the same transaction (searchText + outbox entries,
    // in the backlog lane: a bulk load must not hold up interactive edits).
    created += await neo.writeTx(async (tx) => {
      const [row] = await run<{ created: number; ids: string[] }>(tx, CREATE_SERVICES, {
        rows: batch.map(serviceParams),
      });
      await searchOutbox.recordInTx(tx, row?.ids ?? [], 'backlog');
      return row?.created ?? 0;
    });
    log(
      `seed: services ${Math.min(i + batchSize, data.services.length)}/${data.services.length} (${created} new)`,
    );
  }
  return created;
}

const COUNT_SERVICES = 'MATCH (s:Service) RETURN count(s) AS n';

export async function countServices(neo: Neo4jService): Promise<number> {
  const [row] = await neo.read<{ n: number }>(COUNT_SERVICES);
  return row?.n ?? 0;
}
