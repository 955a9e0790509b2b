import { Role } from '../src/common/role';
import { closeApi, ok, startApi, TestApi } from './support/api';
import { createListings, organisation, service, uniquePrefix } from './support/factory';
import { createToken } from './support/tokens';
import { cypher } from '../src/neo4j/cypher';

/*
 * The referral ranks light rows cached in each API process (CatalogueSnapshotCache), brought up to date
 * from the catalogue stamp on every request. Two API instances over one Neo4j: every edit made
 * through one is in the very next referral answered by the other, whose cache was warm before.
 */
const P = uniquePrefix('refcache');
const ORG = `${P}-org`;
const id = (k: string) => `${P}-${k}`;
// a need and group no other test data uses in this combination, in a region of its own
const NEED = 'pregnancy-care';
const GROUP = 'pregnant-women';

let writer: TestApi;
let reader: TestApi;
let admin = '';

const REFERRAL = `query($input: ReferralInput!) { referral(input: $input) {
  options { service { id } coverage availability }
  unmetNeeds { need { code } nearest { service { id } } } } }`;
const REPORT = `mutation($id: ID!, $free: Int!, $total: Int!) {
  reportAvailability(id: $id, freePlaces: $free, totalPlaces: $total) { id version } }`;
const ARCHIVE = `mutation($id: ID!, $v: Int!) { archiveService(id: $id, expectedVersion: $v) { id } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateServiceInput!) {
  updateService(id: $id, expectedVersion: $v, input: $input) { id version } }`;
const VERSION = `query($id: ID!) { service(id: $id) { version } }`;

interface Answer {
  referral: {
    options: { service: { id: string }; coverage: string; availability: string }[];
    unmetNeeds: { need: { code: string }; nearest: { service: { id: string } } | null }[];
  };
}

/** The options of our own services for a pregnant woman in Odense, as the reader answers. */
async function options(): Promise<string[]> {
  const data = ok(
    await reader.gql<Answer>(REFERRAL, {
      input: { targetGroupCodes: [GROUP], needCodes: [NEED], municipalityCode: '461', limit: 50 },
    }),
  );
  return data.referral.options
    .filter((o) => o.service.id.startsWith(P))
    .map((o) => `${o.service.id.slice(P.length + 1)} ${o.coverage} ${o.availability}`);
}

async function version(serviceId: string): Promise<number> {
  return ok(await writer.gql<{ service: { version: number } }>(VERSION, { id: serviceId })).service
    .version;
}

const base = { targetGroupCodes: [GROUP], needCodes: [NEED], typeCode: 'pregnancy-team' };

beforeAll(async () => {
  writer = await startApi();
  reader = await startApi();
  await createListings(
    writer.neo,
    [organisation(ORG)],
    [
      service(id('a'), ORG, {
        ...base,
        name: 'A team',
        municipalityCode: '461',
        capacity: { totalPlaces: 4, freePlaces: 2 },
      }),
      service(id('b'), ORG, { ...base, name: 'B team', municipalityCode: '461' }),
      service(id('c'), ORG, { ...base, name: 'C team', municipalityCode: '851' }),
      service(id('d'), ORG, { ...base, name: 'D team', municipalityCode: '479' }),
    ],
  );
  admin = (await createToken(writer.neo, `${P}-admin`, Role.ADMIN)).token;
}, 60_000);

afterAll(async () => {
  await reader.close();
  await closeApi(writer, P);
});

it('sees every edit made through another API instance in the very next referral', async () => {
  // warm: the reader's cache holds the four services now
  expect(await options()).toEqual([
    'a MUNICIPALITY AVAILABLE',
    'b MUNICIPALITY NO_PLACES',
    'd REGION NO_PLACES',
  ]);

  // capacity FULL (places do not rank a pregnancy team: it is not a stay)
  ok(await writer.gql(REPORT, { id: id('a'), free: 0, total: 4 }, admin));
  expect(await options()).toEqual([
    'a MUNICIPALITY FULL',
    'b MUNICIPALITY NO_PLACES',
    'd REGION NO_PLACES',
  ]);

  // archived
  ok(await writer.gql(ARCHIVE, { id: id('b'), v: await version(id('b')) }, admin));
  expect(await options()).toEqual(['a MUNICIPALITY FULL', 'd REGION NO_PLACES']);

  // new coverage: the Aalborg team now covers Odense
  ok(
    await writer.gql(
      UPDATE,
      {
        id: id('c'),
        v: await version(id('c')),
        input: { coverage: { national: false, regionCodes: [], municipalityCodes: ['461'] } },
      },
      admin,
    ),
  );
  expect(await options()).toEqual([
    'a MUNICIPALITY FULL',
    'c MUNICIPALITY NO_PLACES',
    'd REGION NO_PLACES',
  ]);

  // places again
  ok(await writer.gql(REPORT, { id: id('a'), free: 1, total: 4 }, admin));
  expect(await options()).toEqual([
    'a MUNICIPALITY AVAILABLE',
    'c MUNICIPALITY NO_PLACES',
    'd REGION NO_PLACES',
  ]);
});

it('sees a service deleted and a new one created in the same breath', async () => {
  expect(await options()).toEqual([
    'a MUNICIPALITY AVAILABLE',
    'c MUNICIPALITY NO_PLACES',
    'd REGION NO_PLACES',
  ]);
  await writer.neo.write(cypher`MATCH (s:Service {id: $id}) DETACH DELETE s`, { id: id('d') });
  await createListings(
    writer.neo,
    [organisation(ORG)],
    [service(id('e'), ORG, { ...base, name: 'E team', municipalityCode: '479' })],
  );
  expect(await options()).toEqual([
    'a MUNICIPALITY AVAILABLE',
    'c MUNICIPALITY NO_PLACES',
    'e REGION NO_PLACES',
  ]);
});
