export interface ThrowawayGraph {
  uri: string;
  username: string;
  password: string;
  stop(): Promise<void>;
}

/** `quickStart` (the default): the fast-starting C1-only JIT, for tests. */
export interface ThrowawayOptions {
  quickStart?: boolean;
  pageCacheMb?: number;
  heapMb?: number;
}

interface GraphScripts {
  startThrowawayGraph(opts?: ThrowawayOptions): Promise<ThrowawayGraph>;
}

declare global {
  var __HENVIS_TEST_GRAPH__: ThrowawayGraph | undefined;
}

/**
 * Without NEO4J_URI, starts a throwaway Neo4j and points the NEO4J_* variables at it (so the app,
 * the tests and their workers use it); with NEO4J_URI, uses that server and returns undefined.
 */
export async function throwawayGraphUnlessConfigured(
  opts: ThrowawayOptions = {},
): Promise<ThrowawayGraph | undefined> {
  if (process.env.NEO4J_URI) {
    return undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const scripts = require('../../scripts/graph.js') as GraphScripts;
  const graph = await scripts.startThrowawayGraph(opts);
  process.env.NEO4J_URI = graph.uri;
  process.env.NEO4J_USERNAME = graph.username;
  process.env.NEO4J_PASSWORD = graph.password;
  return graph;
}
