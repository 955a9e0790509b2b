// Reference data only: the test setup (which runs outside the tests' module sandbox) loads this
// file, so it must not load GraphQL models; the listings are in loader.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/common/project-root';
import { Neo4jService } from '../src/neo4j/neo4j.service';
import { cypher } from '../src/neo4j/cypher';

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
export type Log = (line: string) => void;

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

const UPSERT_REGIONS = cypher`
UNWIND $rows AS row
MERGE (r:Region {code: row.code})
SET r.name = row.name, r.nameEn = row.nameEn`;

const UPSERT_MUNICIPALITIES = cypher`
UNWIND $rows AS row
MATCH (r:Region {code: row.regionCode})
MERGE (m:Municipality {code: row.code})
SET m.name = row.name, m.location = point({latitude: row.lat, longitude: row.lon})
MERGE (m)-[:IN_REGION]->(r)`;

const UPSERT_SERVICE_TYPES = cypher`
UNWIND $rows AS row
MERGE (t:ServiceType {code: row.code})
SET t.name = row.name, t.nameEn = row.nameEn, t.description = row.description, t.phase = row.phase`;

const UPSERT_TARGET_GROUPS = cypher`
UNWIND $rows AS row
MERGE (g:TargetGroup {code: row.code})
SET g.name = row.name, g.nameEn = row.nameEn
WITH g, row
OPTIONAL MATCH (p:TargetGroup {code: row.parent})
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (g)-[:NARROWER_THAN]->(p))`;

const UPSERT_NEEDS = cypher`
UNWIND $rows AS row
MERGE (n:Need {code: row.code})
SET n.name = row.name, n.nameEn = row.nameEn, n.phase = row.phase
WITH n, row
OPTIONAL MATCH (p:Need {code: row.parent})
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | MERGE (n)-[:NARROWER_THAN]->(p))`;

/** The referral chain as data: replaces each need's FOLLOWED_BY list with the seeded one. */
const SET_FOLLOW_UPS = cypher`
UNWIND $rows AS row
MATCH (n:Need {code: row.code})
OPTIONAL MATCH (n)-[old:FOLLOWED_BY]->(:Need)
DELETE old
WITH DISTINCT n, row
UNWIND range(0, size(row.followUps) - 1) AS i
MATCH (next:Need {code: row.followUps[i].need})
CREATE (n)-[:FOLLOWED_BY {order: i, when: row.followUps[i].when}]->(next)`;

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
