import { Role } from '../src/common/role';
import { errorOf, ok, startApi, TestApi } from './support/api';
import { createListings, deleteByPrefix, organisation, uniquePrefix } from './support/factory';
import { createToken, deleteTokensAndOutbox } from './support/tokens';
import { cypher } from '../src/neo4j/cypher';

const P = uniquePrefix('orgs');
let api: TestApi;
let admin: string;

const CREATE_ORG = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { id name description website demo } }`;

interface StoredEntry {
  action: string;
  version: number;
  tokenName: string | null;
  organisationId: string | null;
  changes: string;
  atIsDateTime: boolean;
}

/** The audit entries on an organisation, as stored (`organisationAuditLog`: organisation-audit.test.ts). */
async function auditOf(id: string): Promise<StoredEntry[]> {
  return api.neo.read<StoredEntry>(
    cypher`MATCH (:Organisation {id: $id})-[:HAS_AUDIT]->(a:AuditEntry)
     RETURN a.action AS action, a.version AS version, a.tokenName AS tokenName,
       a.organisationId AS organisationId, a.changes AS changes,
       a.at IS :: ZONED DATETIME AS atIsDateTime`,
    { id },
  );
}

async function stored(id: string): Promise<Record<string, unknown> | null> {
  const [row] = await api.neo.read<{ o: Record<string, unknown> }>(
    cypher`MATCH (o:Organisation {id: $id})
     RETURN o {.name, .description, .website, .demo, .version} AS o`,
    { id },
  );
  return row?.o ?? null;
}

beforeAll(async () => {
  api = await startApi();
  admin = (await createToken(api.neo, `${P} admin`, Role.ADMIN)).token;
});

afterAll(async () => {
  await deleteTokensAndOutbox(api.neo, P);
  await deleteByPrefix(api.neo, P);
  await api.close();
});

describe('createOrganisation', () => {
  it('writes the organisation and its audit entry (who, when, what) together', async () => {
    const id = `${P}-new`;
    const data = ok(
      await api.gql<{ createOrganisation: unknown }>(
        CREATE_ORG,
        { input: { id, name: '  Org New ', website: 'https://new.example' } },
        admin,
      ),
    );
    expect(data.createOrganisation).toEqual({
      id,
      name: 'Org New',
      description: null,
      website: 'https://new.example',
      demo: false,
    });
    expect(await auditOf(id)).toEqual([
      {
        action: 'CREATE',
        version: 1,
        tokenName: `${P} admin`,
        organisationId: null,
        atIsDateTime: true,
        changes: JSON.stringify([
          { field: 'name', from: null, to: 'Org New' },
          { field: 'website', from: null, to: 'https://new.example' },
        ]),
      },
    ]);
  });

  it('is CONFLICT for an id in use, changing nothing and auditing nothing', async () => {
    const id = `${P}-taken`;
    ok(await api.gql(CREATE_ORG, { input: { id, name: 'First', description: 'D' } }, admin));
    const again = await api.gql(CREATE_ORG, { input: { id, name: 'Second' } }, admin);
    expect(errorOf(again).extensions.code).toBe('CONFLICT');
    expect(await stored(id)).toEqual({
      name: 'First',
      description: 'D',
      website: null,
      demo: false,
      version: 1,
    });
    expect((await auditOf(id)).map((e) => e.changes)).toEqual([
      JSON.stringify([
        { field: 'name', from: null, to: 'First' },
        { field: 'description', from: null, to: 'D' },
      ]),
    ]);
  });

  it('is ADMIN only: nothing is written for anyone else', async () => {
    const id = `${P}-refused`;
    const editor = (await createToken(api.neo, `${P} editor`, Role.EDITOR, `${P}-new`)).token;
    const pro = (await createToken(api.neo, `${P} pro`, Role.PROFESSIONAL)).token;
    expect(errorOf(await api.gql(CREATE_ORG, { input: { id, name: 'X' } })).extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    for (const token of [editor, pro]) {
      expect(
        errorOf(await api.gql(CREATE_ORG, { input: { id, name: 'X' } }, token)).extensions.code,
      ).toBe('FORBIDDEN');
    }
    expect(await stored(id)).toBeNull();
  });
});

describe('the seed and the test factories', () => {
  it('create organisations through the same write, leaving existing ones as they are', async () => {
    const kept = `${P}-kept`;
    ok(await api.gql(CREATE_ORG, { input: { id: kept, name: 'Through the API' } }, admin));
    await createListings(
      api.neo,
      [
        organisation(kept, { name: 'From the seed', demo: true }),
        organisation(`${P}-seeded`, { name: 'Seeded', website: 'https://s.example', demo: true }),
      ],
      [],
    );
    expect(await stored(kept)).toEqual({
      name: 'Through the API',
      description: null,
      website: null,
      demo: false,
      version: 1,
    });
    expect(await stored(`${P}-seeded`)).toEqual({
      name: 'Seeded',
      description: null,
      website: 'https://s.example',
      demo: true,
      version: 1,
    });
    // Like a seeded listing, a seeded organisation has no audit entry: no one made the change.
    expect(await auditOf(`${P}-seeded`)).toEqual([]);
  });
});
