'use strict';
// `npm run graph:start`: runs the embedded Neo4j in the foreground until Ctrl+C.
const { startGraph } = require('./graph');
const { localGraphEnv } = require('./local-env');

async function main() {
  const cfg = localGraphEnv();
  const graph = await startGraph(cfg);
  console.log(
    `henvis: Neo4j at ${graph.uri} (user ${cfg.username}), data in ${cfg.dataDir}; Ctrl+C stops it`,
  );
  const stop = () => {
    graph.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  graph.child.on('exit', (code) => process.exit(code ?? 1));
}

main().catch((err) => {
  console.error(`henvis: ${err.message}`);
  process.exit(1);
});
