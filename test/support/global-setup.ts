import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { migrate } from '../../src/neo4j/migrations';
import { Neo4jService } from '../../src/neo4j/neo4j.service';
import { seedReference } from '../../seed/loader';

interface Graph {
  uri: string;
  stop: () => Promise<void>;
}
interface GraphScripts {
  startGraph(opts: {
    dataDir: string;
    port: number;
    password: string;
    quiet?: boolean;
  }): Promise<Graph>;
  freePort(): Promise<number>;
}

export interface TestGraphState {
  graph?: Graph;
  dataDir?: string;
}

declare global {
  var __HENVIS_TEST_GRAPH__: TestGraphState | undefined;
}

/**
 * Starts a throwaway Neo4j on a free port (unless NEO4J_URI is set), migrates it and loads the
 * reference data (regions, municipalities, taxonomy) that every test relies on. Listings are
 * created by each test itself.
 */
export default async function globalSetup(): Promise<void> {
  const state: TestGraphState = {};
  if (!process.env.NEO4J_URI) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const scripts = require('../../scripts/graph.js') as GraphScripts;
    const dataDir = mkdtempSync(join(tmpdir(), 'henvis-test-neo4j-'));
    const password = 'henvis-test-password';
    const started = Date.now();
    state.graph = await scripts.startGraph({
      dataDir,
      port: await scripts.freePort(),
      password,
      quiet: true,
    });
    state.dataDir = dataDir;
    process.env.NEO4J_URI = state.graph.uri;
    process.env.NEO4J_USERNAME = 'neo4j';
    process.env.NEO4J_PASSWORD = password;
    console.log(`\ntest Neo4j at ${state.graph.uri} (${Date.now() - started} ms)`);
  }
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
  globalThis.__HENVIS_TEST_GRAPH__ = state;
  const neo = new Neo4jService(loadConfig());
  try {
    await neo.verify();
    await migrate(neo);
    await seedReference(neo);
  } finally {
    await neo.onApplicationShutdown();
  }
}
