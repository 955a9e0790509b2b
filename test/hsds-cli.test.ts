import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entityId } from '../src/hsds/hsds-ids';
import { HsdsSchemaName } from '../src/hsds/hsds-schemas';
import { cypher } from '../src/neo4j/cypher';
import { closeApi, startApi, TestApi } from './support/api';
import { createListings, organisation, service, uniquePrefix } from './support/factory';
import { sharedSchemas, walk } from './support/hsds-schemas';

/**
 * `npm run hsds:export` and `npm run hsds:import` as npm runs them, against the test Neo4j:
 * the export's documents against the published schemas, export → import into an organisation
 * with no listings → export giving the same documents, the import's idempotence and dry run, and
 * each refusal: one clear line per problem, exit 1, nothing written.
 */
const P = uniquePrefix('hsdscli');
const orgA = `${P}-org-a`;
const orgB = `${P}-org-b`;
const SECRET_STREET = `Skjultvej ${P}`;
const PROFESSIONAL_LINE = '+45 70 70 55 44';

// each step spawns the command as npm runs it (ts-node and a Nest context): minutes on a busy machine
jest.setTimeout(600_000);

let api: TestApi;
const schemas = sharedSchemas();
const dir = mkdtempSync(join(tmpdir(), 'henvis-hsds-'));

const cli = (script: string, args: string[]) =>
  spawnSync(
    process.execPath,
    [
      require.resolve('ts-node/dist/bin.js'),
      '--transpile-only',
      join('src', 'cli', `${script}.ts`),
      ...args,
    ],
    {
      cwd: join(__dirname, '..'),
      env: { ...process.env, SEARCH_ENGINE: '', DEBUG: '' },
      encoding: 'utf8',
      timeout: 240_000,
    },
  );

const lines = (text: string): string[] => text.split('\n').filter((l) => l.length > 0);

interface Doc {
  id: string;
  name: string;
  organization_id: string;
  last_modified?: string;
  attributes: { taxonomy_term?: { code: string } }[];
}

/** The services of an export written by organisation A, by id. */
function exportedServices(out: string): Doc[] {
  return lines(readFileSync(join(out, 'services.ndjson'), 'utf8'))
    .map((l) => JSON.parse(l) as Doc)
    .filter((d) => d.organization_id === entityId('organization', orgA))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The listings organisation `org` operates, with their versions. */
async function listingsOf(org: string): Promise<{ id: string; name: string; version: number }[]> {
  return api.neo.read(
    cypher`MATCH (:Organisation {id: $org})-[:OPERATES]->(s:Service)
      RETURN s.id AS id, s.name AS name, s.version AS version ORDER BY id`,
    { org },
  );
}

const withoutTime = (docs: Doc[]) => docs.map(({ last_modified: _, ...rest }) => rest);

function writeNdjson(name: string, docs: unknown[]): string {
  const file = join(dir, name);
  writeFileSync(file, docs.map((d) => `${JSON.stringify(d)}\n`).join(''));
  return file;
}

beforeAll(async () => {
  api = await startApi();
  await createListings(
    api.neo,
    [organisation(orgA, { website: 'https://example.org/a' }), organisation(orgB)],
    [
      service(`${P}-open`, orgA, {
        name: `Rådgivning ${P}`,
        address: { street: 'Åbenvej 3', postalCode: '5000', city: 'Odense C' },
        municipalityCode: '461',
        coverage: { national: false, regionCodes: ['1083'], municipalityCodes: ['101'] },
        phone: '+45 11 22 33 55',
        email: 'raad@example.org',
        website: 'https://example.org/raad',
        openingHours: 'Man–fre 9–15',
        languages: ['ar', 'da'],
        minAge: 16,
        maxAge: 99,
        wheelchairAccessible: false,
        anonymous: true,
        referralRoutes: ['SELF', 'PROFESSIONAL'],
      }),
      service(`${P}-shelter`, orgA, {
        name: `Krisecenter ${P}`,
        typeCode: 'womens-shelter',
        targetGroupCodes: ['women'],
        needCodes: ['emergency-stay', 'secret-address'],
        municipalityCode: '751',
        coverage: { national: true, regionCodes: [], municipalityCodes: [] },
        address: { street: SECRET_STREET, postalCode: '8000', city: 'Aarhus C' },
        addressConfidential: true,
        phone: '1888',
        professionalPhone: PROFESSIONAL_LINE,
        open24h: true,
        acceptsChildren: true,
        maxBoyAge: 12,
        capacity: { freePlaces: 1, totalPlaces: 6, reportedAt: '2026-02-01T07:30:00Z' },
      }),
    ],
  );
});

afterAll(async () => {
  // the import's listings take the file's UUIDs: delete by organisation, then the rest by prefix
  await api.neo.write(
    cypher`MATCH (o:Organisation)-[:OPERATES]->(s:Service) WHERE o.id STARTS WITH $prefix
      OPTIONAL MATCH (s)-[:HAS_AUDIT]->(a) DETACH DELETE a, s`,
    { prefix: P },
  );
  await closeApi(api, P);
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run hsds:export', () => {
  it('writes every document as NDJSON and JSON lists, valid by the published schemas', () => {
    const out = join(dir, 'first');
    const res = cli('hsds-export', ['--out', out]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const said = lines(res.stdout);
    expect(said.some((l) => /^hsds:export services \[#+-*\] \d+% \d+\/\d+$/.test(l))).toBe(true);
    expect(said[said.length - 1]).toMatch(
      /^hsds:export: \d+ services, \d+ organizations, \d+ service_at_locations, 4 taxonomies, \d+ taxonomy_terms written to /,
    );
    expect(readdirSync(out).sort()).toEqual(
      ['organizations', 'service_at_locations', 'services', 'taxonomies', 'taxonomy_terms']
        .flatMap((k) => [`${k}.json`, `${k}.ndjson`])
        .sort(),
    );
    const roots: Record<string, HsdsSchemaName> = {
      services: 'service.json',
      organizations: 'organization.json',
      service_at_locations: 'service_at_location.json',
      taxonomies: 'taxonomy.json',
      taxonomy_terms: 'taxonomy_term.json',
    };
    const found: string[] = [];
    for (const [kind, schema] of Object.entries(roots)) {
      const list = JSON.parse(readFileSync(join(out, `${kind}.json`), 'utf8')) as unknown[];
      const nd = lines(readFileSync(join(out, `${kind}.ndjson`), 'utf8')).map(
        (l) => JSON.parse(l) as unknown,
      );
      expect(nd).toEqual(list);
      expect(list.flatMap((d) => schemas.errors(schema, d))).toEqual([]);
      walk(list, (s) => {
        if (
          [SECRET_STREET, PROFESSIONAL_LINE, 'latitude', 'longitude'].some((f) => s.includes(f))
        ) {
          found.push(`${kind}: ${s}`);
        }
      });
    }
    expect(found).toEqual([]);
    expect(
      exportedServices(out)
        .map((d) => d.name)
        .sort(),
    ).toEqual([`Krisecenter ${P}`, `Rådgivning ${P}`]);
  });
});

describe('npm run hsds:import', () => {
  it('export → import into an organisation without listings → export: the same documents', async () => {
    const first = exportedServices(join(dir, 'first'));
    const file = writeNdjson('a.ndjson', first);
    await api.neo.write(
      cypher`MATCH (:Organisation {id: $org})-[:OPERATES]->(s:Service)
        OPTIONAL MATCH (s)-[:HAS_AUDIT]->(a) DETACH DELETE a, s`,
      { org: orgA },
    );
    expect(await listingsOf(orgA)).toEqual([]);
    const res = cli('hsds-import', [file, '--organisation', orgA]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(lines(res.stdout).pop()).toBe('hsds:import: 2 created, 0 updated, 0 unchanged');
    const second = join(dir, 'second');
    expect(cli('hsds-export', ['--out', second]).status).toBe(0);
    expect(withoutTime(exportedServices(second))).toEqual(withoutTime(first));
    const [audit] = await api.neo.read<{ tokenName: string; action: string }>(
      cypher`MATCH (:Organisation {id: $org})-[:OPERATES]->(:Service)-[:HAS_AUDIT]->(a)
        RETURN DISTINCT a.tokenName AS tokenName, a.action AS action`,
      { org: orgA },
    );
    expect(audit).toEqual({ tokenName: 'hsds:import', action: 'CREATE' });
  });

  it('changes nothing the second time, and a dry run writes nothing', async () => {
    const before = await listingsOf(orgA);
    const again = cli('hsds-import', [join(dir, 'a.ndjson'), '--organisation', orgA]);
    expect(again.status).toBe(0);
    expect(lines(again.stdout).pop()).toBe('hsds:import: 0 created, 0 updated, 2 unchanged');
    expect(await listingsOf(orgA)).toEqual(before);

    const docs = exportedServices(join(dir, 'first'));
    const renamed = docs.map((d, i) => (i === 0 ? { ...d, name: `${d.name} ny` } : d));
    const dry = cli('hsds-import', [
      writeNdjson('dry.ndjson', renamed),
      '--organisation',
      orgA,
      '--dry-run',
    ]);
    expect(dry.stderr).toBe('');
    expect(lines(dry.stdout)).toEqual([
      `hsds:import: would update ${docs[0].id}: name`,
      'hsds:import: 0 to create, 1 to update, 1 unchanged (dry run: nothing written)',
    ]);
    expect(await listingsOf(orgA)).toEqual(before);
  });

  it('keeps an imported shelter’s address confidential unless told otherwise', async () => {
    const [open] = exportedServices(join(dir, 'first')).filter((d) => d.name.startsWith('Råd'));
    const asShelter = {
      ...open,
      id: '5f0c9d3e-2b7a-4c1e-9f3a-0d6b8e7c1a21',
      organization_id: entityId('organization', orgB),
      attributes: open.attributes.map((a) =>
        a.taxonomy_term?.code === 'counselling'
          ? {
              ...a,
              taxonomy_term_id: undefined,
              taxonomy_term: {
                ...a.taxonomy_term,
                id: '6a1f0e9b-3c2d-4b5a-8e7f-9d0c1b2a3e4f',
                code: 'womens-shelter',
              },
            }
          : a,
      ),
    };
    const res = cli('hsds-import', [
      writeNdjson('shelter.ndjson', [asShelter]),
      '--organisation',
      orgB,
    ]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const [row] = await api.neo.read<{ confidential: boolean; street: string; type: string }>(
      cypher`MATCH (s:Service {id: $id})-[:OF_TYPE]->(t)
        RETURN s.addressConfidential AS confidential, s.addressStreet AS street, t.code AS type`,
      { id: asShelter.id },
    );
    expect(row).toEqual({ confidential: true, street: 'Åbenvej 3', type: 'womens-shelter' });
  });
});

describe('npm run hsds:import refuses, with nothing written', () => {
  const refused = async (file: string, org: string, expected: string[]) => {
    const before = await listingsOf(org);
    const res = cli('hsds-import', [file, '--organisation', org]);
    expect(res.stdout).toBe('');
    expect(lines(res.stderr)).toEqual(expected);
    expect(res.status).toBe(1);
    expect(await listingsOf(org)).toEqual(before);
  };
  const docs = () => exportedServices(join(dir, 'first'));

  it('a malformed file', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '[{"id": "x", ');
    await refused(file, orgA, [
      expect.stringMatching(/^henvis hsds:import: bad\.json: not valid JSON \(.+\)$/) as string,
    ]);
  });

  it('a schema violation', async () => {
    const [d] = docs();
    await refused(
      writeNdjson('schema.ndjson', [{ ...d, status: 'open', minimum_age: 'ten' }]),
      orgA,
      [
        `hsds:import: schema.ndjson line 1 (service ${d.id}): schema: status: must be equal to one of the allowed values`,
        `hsds:import: schema.ndjson line 1 (service ${d.id}): schema: minimum_age: must be number`,
        'henvis hsds:import: the file does not follow the HSDS 3.1 schema: nothing written',
      ],
    );
  });

  it('an unknown term, named with its record and field', async () => {
    const [d, e] = docs();
    const unknown = {
      ...e,
      attributes: [
        ...e.attributes,
        {
          id: '0b5e6c1a-7d2f-4e3a-9c8b-1f2e3d4c5b6a',
          taxonomy_term_id: '3f7b145d-84af-42d7-8fae-eaca714b02b2',
          taxonomy_term: {
            id: '3f7b145d-84af-42d7-8fae-eaca714b02b2',
            code: 'BD-1800',
            name: 'Domestic violence shelters',
            description: 'A term of another taxonomy',
          },
        },
      ],
    };
    await refused(writeNdjson('terms.ndjson', [d, unknown]), orgA, [
      `hsds:import: terms.ndjson line 2 (service ${e.id}): attributes[${e.attributes.length}].taxonomy_term: unknown term BD-1800`,
      'henvis hsds:import: records that cannot be mapped: nothing written',
    ]);
  });

  it('another organisation’s records', async () => {
    const [d] = docs();
    const ours = entityId('organization', orgB);
    await refused(writeNdjson('other.ndjson', [d]), orgB, [
      `hsds:import: other.ndjson line 1 (service ${d.id}): organization_id: ${d.organization_id} is another organisation's (expected ${ours})`,
      "henvis hsds:import: the file holds another organisation's records: nothing written",
    ]);
    const anonymous = { ...d, organization_id: undefined };
    await refused(writeNdjson('theirs.ndjson', [anonymous]), orgB, [
      `henvis hsds:import: theirs.ndjson line 1 (service ${d.id}): belongs to another organisation (${orgA})`,
    ]);
  });
});
