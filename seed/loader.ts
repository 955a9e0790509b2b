import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReferralRoute } from '../src/catalogue/models/service.model';
import { ListingInput, stateFromCreate } from '../src/directory/write/listing-state';
import {
  NewListing,
  ReportedPlaces,
  ServiceWriteRepository,
} from '../src/directory/write/service-write.repository';
import { Neo4jService } from '../src/neo4j/neo4j.service';
import {
  NewOrganisation,
  OrganisationRepository,
} from '../src/organisations/organisation.repository';
import { SearchOutbox } from '../src/search/sync/search-outbox';
import { cypher } from '../src/neo4j/cypher';

import { Log, readReference, ReferenceData, SEED_DATA_DIR } from './reference';

export * from './reference';

/** A seed file's organisation: what the API's create writes (`createOrganisation`, audited). */
export type OrganisationSeed = NewOrganisation;

/**
 * A seed file's listing: the create input as plain data (`ListingInput`, the fields of
 * `CreateServiceInput`; optional ones may be left out) plus what only demonstration data has: a
 * fixed id, `demo`, and places as last reported.
 */
export type ServiceSeed = ListingInput & {
  id: string;
  demo: boolean;
  capacity?: ReportedPlaces | null;
};
export interface DemoSeed {
  organisations: OrganisationSeed[];
  services: ServiceSeed[];
}

export function readDemo(): DemoSeed {
  return JSON.parse(readFileSync(join(SEED_DATA_DIR, 'demo-services.json'), 'utf8')) as DemoSeed;
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
  const routes = new Set<string>(Object.values(ReferralRoute));
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
    s.targetGroupCodes.forEach((c) => check(groups.has(c), `unknown target group ${c}`));
    s.needCodes.forEach((c) => check(needs.has(c), `unknown need ${c}`));
    s.coverage.regionCodes.forEach((c) => check(regions.has(c), `unknown region ${c}`));
    s.referralRoutes.forEach((r) => check(routes.has(r), `unknown referral route ${r}`));
    s.coverage.municipalityCodes.forEach((c) =>
      check(municipalities.has(c), `unknown municipality ${c}`),
    );
  }
  return problems;
}

/**
 * A seeded listing in the application's one listing shape: the seed file's entry goes through
 * the same normalisation as a listing created through the API (`stateFromCreate`).
 */
export function listingFromSeed(s: ServiceSeed): NewListing {
  return {
    id: s.id,
    organisationId: s.organisationId,
    state: stateFromCreate(s),
    capacity: s.capacity ?? null,
    demo: s.demo,
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
  // Through the application's create too (one statement); those that exist are left alone.
  const organisations = new OrganisationRepository(neo);
  await neo.writeTx(async (tx) => {
    const ids = data.organisations.map((o) => o.id);
    const existing = new Set((await organisations.findByIds(ids, tx)).map((o) => o.id));
    await organisations.create(
      tx,
      data.organisations.filter((o) => !existing.has(o.id)),
    );
  });
  log(`seed: organisations ${data.organisations.length}`);
  const writes = new ServiceWriteRepository();
  const searchOutbox = new SearchOutbox();
  let created = 0;
  for (let i = 0; i < data.services.length; i += batchSize) {
    const batch = data.services.slice(i, i + batchSize);
    // Through the application's create (one statement per batch); the new services become
    // searchable in the same transaction (searchText + outbox entries, in the backlog lane: a bulk
    // load must not hold up interactive edits).
    created += await neo.writeTx(async (tx) => {
      const existing = await writes.findExistingIds(
        tx,
        batch.map((s) => s.id),
      );
      const ids = await writes.create(
        tx,
        batch.filter((s) => !existing.has(s.id)).map(listingFromSeed),
      );
      await searchOutbox.recordInTx(tx, ids, 'backlog');
      return ids.length;
    });
    log(
      `seed: services ${Math.min(i + batchSize, data.services.length)}/${data.services.length} (${created} new)`,
    );
  }
  return created;
}

const COUNT_SERVICES = cypher`MATCH (s:Service) RETURN count(s) AS n`;

export async function countServices(neo: Neo4jService): Promise<number> {
  const [row] = await neo.read<{ n: number }>(COUNT_SERVICES);
  return row?.n ?? 0;
}
