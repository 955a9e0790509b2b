import { cypher } from '../src/neo4j/cypher';
import { closeApi, ok, startApi, TestApi } from './support/api';
import { createListings, organisation, service, uniquePrefix } from './support/factory';
import { createToken } from './support/tokens';
import { Role } from '../src/common/role';

const P = uniquePrefix('window');
const org = `${P}-org`;
const DAY_MS = 24 * 3_600_000;

let api: TestApi;
let editor: string;
const saved = process.env.LISTING_CONFIRM_DAYS;

beforeAll(async () => {
  // The window is configuration: this app runs with 30 days instead of the default 180.
  process.env.LISTING_CONFIRM_DAYS = '30';
  api = await startApi();
  await createListings(
    api.neo,
    [organisation(org)],
    [service(`${P}-40`, org), service(`${P}-20`, org)],
  );
  for (const [id, days] of [
    [`${P}-40`, 40],
    [`${P}-20`, 20],
  ] as const) {
    await api.neo.write(
      cypher.unchecked('MATCH (s:Service {id: $id}) SET s.verifiedAt = datetime($at)'),
      { id, at: new Date(Date.now() - days * DAY_MS).toISOString() },
    );
  }
  editor = (await createToken(api.neo, `${P} editor`, Role.EDITOR, org)).token;
});

afterAll(async () => {
  if (saved === undefined) {
    delete process.env.LISTING_CONFIRM_DAYS;
  } else {
    process.env.LISTING_CONFIRM_DAYS = saved;
  }
  await closeApi(api, P);
});

it('flags listings by the configured window (LISTING_CONFIRM_DAYS)', async () => {
  const data = ok(
    await api.gql<{
      listingFreshness: { windowDays: number; unconfirmed: { service: { id: string } }[] };
    }>(`{ listingFreshness { windowDays unconfirmed { service { id } } } }`, {}, editor),
  );
  expect(data.listingFreshness).toEqual({
    windowDays: 30,
    unconfirmed: [{ service: { id: `${P}-40` } }],
  });
});
