import request from 'supertest';
import { startApi, TestApi } from './support/api';
import { freePort, setEnv } from './support/env';

async function ready(api: TestApi): Promise<{ status: number; body: unknown }> {
  const res = await request(api.app.getHttpServer() as Parameters<typeof request>[0]).get(
    '/health/ready',
  );
  return { status: res.status, body: res.body as unknown };
}

describe('/health/ready', () => {
  it('ok with Neo4j and its full-text search up', async () => {
    const api = await startApi();
    try {
      expect(await ready(api)).toEqual({
        status: 200,
        body: { status: 'ok', components: { neo4j: 'up', search: 'up' }, searchEngine: 'neo4j' },
      });
    } finally {
      await api.close();
    }
  });

  it('degraded, not down, when only Meilisearch is out', async () => {
    const restoreEnv = setEnv({
      SEARCH_ENGINE: 'meilisearch',
      MEILI_URL: `http://127.0.0.1:${await freePort()}`,
    });
    const api = await startApi();
    try {
      expect(await ready(api)).toEqual({
        status: 200,
        body: {
          status: 'degraded',
          components: { neo4j: 'up', search: 'down' },
          searchEngine: 'meilisearch',
        },
      });
    } finally {
      await api.close();
      restoreEnv();
    }
  });
});
