import { createServer } from 'node:net';
import request from 'supertest';
import { startApi, TestApi } from './support/api';

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
    const saved = { SEARCH_ENGINE: process.env.SEARCH_ENGINE, MEILI_URL: process.env.MEILI_URL };
    process.env.SEARCH_ENGINE = 'meilisearch';
    process.env.MEILI_URL = `http://127.0.0.1:${await closedPort()}`;
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
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) {
          delete process.env[key];
        } else {
          process.env[key] = value;
        }
      }
    }
  });
});
