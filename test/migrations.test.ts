import { migrate, readMigrations } from '../src/neo4j/migrations';
import { closeApi, ok, startApi, TestApi } from './support/api';
import { createListings, organisation, service, uniquePrefix } from './support/factory';
import { cypher } from '../src/neo4j/cypher';

/**
 * Migrations that rewrite data, run against services written in the shape from before them (the
 * test graph has every migration applied already; each rewrite is idempotent, so it is run again
 * on this test's own services).
 */
const P = uniquePrefix('migrations');
const ORG = `${P}-org`;
const covering = `${P}-covering`;
const national = `${P}-national`;

let api: TestApi;

const SERVICE = `query($id: ID!) { service(id: $id) {
  coverage { national regions { code } municipalities { code } } } }`;

interface Coverage {
  national: boolean;
  regions: { code: string }[];
  municipalities: { code: string }[];
}

/** The service's properties whose names start with `cover`, as stored. */
async function coverProperties(id: string): Promise<Record<string, unknown>> {
  const [row] = await api.neo.read<{ props: Record<string, unknown> }>(
    cypher`MATCH (s:Service {id: $id}) RETURN properties(s) AS props`,
    { id },
  );
  return Object.fromEntries(Object.entries(row.props).filter(([k]) => k.startsWith('cover')));
}

async function runMigration(version: number): Promise<void> {
  const migration = readMigrations().find((m) => m.version === version);
  if (!migration) {
    throw new Error(`no migration ${version}`);
  }
  for (const statement of migration.statements) {
    await api.neo.schema(cypher.unchecked(statement));
  }
}

beforeAll(async () => {
  api = await startApi();
  await createListings(
    api.neo,
    [organisation(ORG)],
    [
      service(covering, ORG, {
        coverage: { national: false, regionCodes: ['1083'], municipalityCodes: ['851', '101'] },
      }),
      service(national, ORG, {
        coverage: { national: true, regionCodes: [], municipalityCodes: [] },
      }),
    ],
  );
});

afterAll(() => closeApi(api, P));

describe('0009: the read model names its coverage codes like Service.coverage', () => {
  it('a new listing is written with the new names only', async () => {
    expect(await coverProperties(covering)).toEqual({
      coverageRegionCodes: ['1083'],
      coverageMunicipalityCodes: expect.arrayContaining(['851', '101']) as unknown,
    });
  });

  it('moves the values of services written under the old names, and is idempotent', async () => {
    await api.neo.write(
      cypher`UNWIND $ids AS id MATCH (s:Service {id: id})
       SET s.coverRegionCodes = s.coverageRegionCodes,
         s.coverMunicipalityCodes = s.coverageMunicipalityCodes
       REMOVE s.coverageRegionCodes, s.coverageMunicipalityCodes`,
      { ids: [covering, national] },
    );
    await runMigration(9);
    await runMigration(9);
    const after = await coverProperties(covering);
    expect(Object.keys(after).sort()).toEqual(['coverageMunicipalityCodes', 'coverageRegionCodes']);
    expect(after.coverageRegionCodes).toEqual(['1083']);
    expect([...(after.coverageMunicipalityCodes as string[])].sort()).toEqual(['101', '851']);
    expect(await coverProperties(national)).toEqual({
      coverageRegionCodes: [],
      coverageMunicipalityCodes: [],
    });

    const read = async (id: string) =>
      ok(await api.gql<{ service: { coverage: Coverage } }>(SERVICE, { id })).service.coverage;
    expect(await read(covering)).toEqual({
      national: false,
      regions: [{ code: '1083' }],
      municipalities: [{ code: '101' }, { code: '851' }],
    });
    expect(await read(national)).toEqual({ national: true, regions: [], municipalities: [] });
  });
});

describe('the ledger: checksums over what runs', () => {
  const RECORDED = cypher`MATCH (m:Migration {version: $version}) RETURN m.checksum AS checksum`;
  const SET_RECORDED = cypher`MATCH (m:Migration {version: $version}) SET m.checksum = $checksum`;

  async function recorded(version: number): Promise<string> {
    const [row] = await api.neo.read<{ checksum: string }>(RECORDED, { version });
    return row.checksum;
  }

  it('accepts a database that recorded the whole file, and records the statements instead', async () => {
    const m = readMigrations().find((x) => x.version === 3)!;
    expect(m.wholeFileChecksums).toHaveLength(1);
    await api.neo.write(SET_RECORDED, { version: 3, checksum: m.wholeFileChecksums[0] });
    await expect(migrate(api.neo)).resolves.toEqual([]);
    expect(await recorded(3)).toBe(m.checksum);
  });

  it('stops at a migration whose statements changed after it was applied', async () => {
    const m = readMigrations().find((x) => x.version === 3)!;
    await api.neo.write(SET_RECORDED, { version: 3, checksum: 'f'.repeat(64) });
    try {
      await expect(migrate(api.neo)).rejects.toThrow(
        'migration 3_search was changed after it was applied; add a new migration instead',
      );
    } finally {
      await api.neo.write(SET_RECORDED, { version: 3, checksum: m.checksum });
    }
  });
});
