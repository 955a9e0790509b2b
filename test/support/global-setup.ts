import { loadConfig } from '../../src/config/app-config';
import { migrate } from '../../src/neo4j/migrations';
import { Neo4jService } from '../../src/neo4j/neo4j.service';
import { seedReference } from '../../seed/reference';
import { throwawayGraphUnlessConfigured } from './throwaway-graph';
import { throwawayMeiliUnlessConfigured } from './throwaway-meili';

/**
 * Starts a throwaway Neo4j on a free port (unless NEO4J_URI is set), migrates it and loads the
 * reference data (regions, municipalities, taxonomy) that every test relies on. Listings are
 * created by each test itself. Alongside, a throwaway Meilisearch (unless MEILI_URL is set) when
 * a server binary is found (MEILI_BIN, else ../shared/meilisearch/meilisearch).
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const since = (): number => Date.now() - started;
  const [graph, meili] = await Promise.allSettled([
    throwawayGraphUnlessConfigured().then((g) => {
      if (g) {
        console.log(`\ntest Neo4j at ${g.uri} (${since()} ms)`);
      }
      return g;
    }),
    throwawayMeiliUnlessConfigured().then((m) => {
      if (m) {
        console.log(`\ntest Meilisearch at ${m.url} (${since()} ms)`);
      }
      return m;
    }),
  ]);
  if (graph.status === 'rejected' || meili.status === 'rejected') {
    await Promise.all([
      graph.status === 'fulfilled' ? graph.value?.stop() : undefined,
      meili.status === 'fulfilled' ? meili.value?.stop() : undefined,
    ]);
    throw graph.status === 'rejected' ? graph.reason : (meili as PromiseRejectedResult).reason;
  }
  globalThis.__HENVIS_TEST_GRAPH__ = graph.value;
  globalThis.__HENVIS_TEST_MEILI__ = meili.value;
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
  const neo = new Neo4jService(loadConfig());
  try {
    await neo.verify();
    await migrate(neo);
    await seedReference(neo);
  } finally {
    await neo.onApplicationShutdown();
  }
}
