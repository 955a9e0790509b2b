import { loadConfig } from '../../src/config/app-config';
import { migrate } from '../../src/neo4j/migrations';
import { Neo4jService } from '../../src/neo4j/neo4j.service';
import { seedReference } from '../../seed/loader';
import { throwawayGraphUnlessConfigured } from './throwaway-graph';

/**
 * Starts a throwaway Neo4j on a free port (unless NEO4J_URI is set), migrates it and loads the
 * reference data (regions, municipalities, taxonomy) that every test relies on. Listings are
 * created by each test itself.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const graph = await throwawayGraphUnlessConfigured();
  if (graph) {
    console.log(`\ntest Neo4j at ${graph.uri} (${Date.now() - started} ms)`);
  }
  globalThis.__HENVIS_TEST_GRAPH__ = graph;
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
