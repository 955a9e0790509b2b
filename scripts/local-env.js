'use strict';
// Defaults for the embedded Neo4j that `npm start` and `npm run graph:start` run on this machine.
// The password only guards a loopback-only development database; set NEO4J_PASSWORD to change it.
const path = require('node:path');

function localGraphEnv(env = process.env) {
  return {
    dataDir: env.NEO4J_DATA_DIR || path.resolve(__dirname, '..', '.data', 'neo4j'),
    port: Number(env.NEO4J_BOLT_PORT || 7687),
    username: env.NEO4J_USERNAME || 'neo4j',
    password: env.NEO4J_PASSWORD || 'henvis-local-dev',
    // unset: 512 MB (scripts/graph.js), enough for tens of thousands of listings
    pageCacheMb: env.NEO4J_PAGECACHE_MB ? Number(env.NEO4J_PAGECACHE_MB) : undefined,
  };
}

module.exports = { localGraphEnv };
