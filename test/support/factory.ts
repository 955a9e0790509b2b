import { randomBytes } from 'node:crypto';
import { Neo4jService } from '../../src/neo4j/neo4j.service';
import { OrganisationSeed, ServiceSeed, writeListings } from '../../seed/loader';
import { cypher } from '../../src/neo4j/cypher';

/** A unique prefix per test file, so tests create and clean up only their own data. */
export function uniquePrefix(name: string): string {
  return `t-${name}-${randomBytes(3).toString('hex')}`;
}

export function organisation(
  id: string,
  overrides: Partial<OrganisationSeed> = {},
): OrganisationSeed {
  return { id, name: `Org ${id}`, description: null, website: null, demo: false, ...overrides };
}

/** A plain service with sensible defaults; tests override what they are about. */
export function service(
  id: string,
  organisationId: string,
  overrides: Partial<ServiceSeed> = {},
): ServiceSeed {
  return {
    id,
    organisationId,
    name: `Service ${id}`,
    typeCode: 'counselling',
    description: null,
    targetGroupCodes: ['victims'],
    needCodes: ['social-counselling'],
    coverage: { national: false, regionCodes: [], municipalityCodes: [] },
    municipalityCode: '101',
    address: null,
    addressConfidential: false,
    phone: null,
    email: null,
    website: null,
    openingHours: null,
    open24h: false,
    minAge: null,
    maxAge: null,
    acceptsChildren: false,
    maxBoyAge: null,
    languages: ['da'],
    wheelchairAccessible: null,
    anonymous: false,
    referralRoutes: ['SELF'],
    capacity: null,
    demo: false,
    ...overrides,
  };
}

export async function createListings(
  neo: Neo4jService,
  organisations: OrganisationSeed[],
  services: ServiceSeed[],
): Promise<void> {
  await writeListings(neo, { organisations, services });
}

/** Deletes every organisation and service whose id starts with the prefix (and what hangs off them). */
export async function deleteByPrefix(neo: Neo4jService, prefix: string): Promise<void> {
  await neo.write(
    cypher`MATCH (n) WHERE (n:Service OR n:Organisation) AND n.id STARTS WITH $prefix
     OPTIONAL MATCH (n)-[:HAS_AUDIT|HAS_TOKEN]->(x)
     DETACH DELETE x, n`,
    { prefix },
  );
}

/** A service's current version, for the `expectedVersion` of the next write. */
export async function serviceVersion(neo: Neo4jService, id: string): Promise<number> {
  const [row] = await neo.read<{ version: number }>(
    cypher`MATCH (s:Service {id: $id}) RETURN s.version AS version`,
    { id },
  );
  return row.version;
}

/*
 * The two listings the search suites find by a marker word in their descriptions: a women's
 * shelter at a secret address in Aarhus, and legal aid at a public one in Odense.
 */
export function markedShelter(
  id: string,
  organisationId: string,
  marker: string,
  name: string,
  street: string,
): ServiceSeed {
  return service(id, organisationId, {
    name,
    description: `Døgnåbent ${marker}`,
    typeCode: 'womens-shelter',
    targetGroupCodes: ['women'],
    needCodes: ['emergency-stay'],
    municipalityCode: '751',
    address: { street, postalCode: '8000', city: 'Aarhus C' },
    addressConfidential: true,
    languages: ['da', 'ar'],
  });
}

export function markedLegalAid(
  id: string,
  organisationId: string,
  marker: string,
  name: string,
  targetGroupCodes: string[],
): ServiceSeed {
  return service(id, organisationId, {
    name,
    description: `Forældremyndighed ${marker}`,
    typeCode: 'legal-aid',
    targetGroupCodes,
    needCodes: ['custody-and-contact'],
    municipalityCode: '461',
    address: { street: 'Åbenvej 1', postalCode: '5000', city: 'Odense C' },
    languages: ['ar'],
  });
}
