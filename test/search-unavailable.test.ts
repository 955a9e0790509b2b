import { createServer } from 'node:net';
import { SearchSyncRepository } from '../src/search/search-sync.repository';
import { errorOf, ok, startApi, TestApi } from './support/api';
import {
  createListings,
  deleteByPrefix,
  organisation,
  service,
  uniquePrefix,
} from './support/factory';
import { cypher } from '../src/neo4j/cypher';

const P = uniquePrefix('search-down');
const saved = {
  SEARCH_ENGINE: process.env.SEARCH_ENGINE,
  MEILI_URL: process.env.MEILI_URL,
};
let api: TestApi;

/** A localhost port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  process.env.SEARCH_ENGINE = 'meilisearch';
  process.env.MEILI_URL = `http://127.0.0.1:${await closedPort()}`;
  api = await startApi();
});

afterAll(async () => {
  await deleteByPrefix(api.neo, P);
  await api.neo.write(cypher`MATCH (e:SearchOutbox) WHERE e.serviceId STARTS WITH $p DELETE e`, {
    p: P,
  });
  await api.close();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) {
      delete process.env[key];
    } else {
      process.env[key] = value;
    }
  }
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
