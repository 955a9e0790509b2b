import { SearchSyncRepository } from '../src/search/sync/search-sync.repository';
import { closeApi, errorOf, ok, startApi, TestApi } from './support/api';
import { freePort, setEnv } from './support/env';
import { createListings, organisation, service, uniquePrefix } from './support/factory';

const P = uniquePrefix('search-down');
let api: TestApi;
let restoreEnv: () => void;

beforeAll(async () => {
  restoreEnv = setEnv({
    SEARCH_ENGINE: 'meilisearch',
    MEILI_URL: `http://127.0.0.1:${await freePort()}`,
  });
  api = await startApi();
});

afterAll(async () => {
  await closeApi(api, P);
  restoreEnv();
});

describe('with Meilisearch down', () => {
  it('search says UNAVAILABLE, clearly and without internals', async () => {
    const error = errorOf(await api.gql('{ searchServices(query: "krisecenter") { totalHits } }'));
    expect(error.extensions.code).toBe('UNAVAILABLE');
    expect(error.message).toBe('Search is temporarily unavailable; try again shortly.');
  });

  it('still validates input first', async () => {
    const error = errorOf(await api.gql('{ searchServices(query: "") { totalHits } }'));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('reads and writes keep working, and the outbox keeps the change', async () => {
    const org = `${P}-org`;
    const id = `${P}-svc`;
    await createListings(
      api.neo,
      [organisation(org)],
      [service(id, org, { name: 'Nede Rådgivning' })],
    );
    const data = ok(
      await api.gql<{ service: { name: string } }>(
        'query($id: ID!) { service(id: $id) { name } }',
        {
          id,
        },
      ),
    );
    expect(data.service.name).toBe('Nede Rådgivning');
    const listed = ok(
      await api.gql<{ services: { totalCount: number } }>(
        '{ services(filter: { municipalityCode: "101" }, first: 1) { totalCount } }',
      ),
    );
    expect(listed.services.totalCount).toBeGreaterThanOrEqual(1);
    const entries = await api.app.get(SearchSyncRepository).entriesOf([id]);
    expect(entries).toHaveLength(1);
    expect(entries[0].done).toBe(false);
  });
});
