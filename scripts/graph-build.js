'use strict';
const { ensureBuilt } = require('./graph');

try {
  ensureBuilt();
  console.log('henvis: Neo4j launcher is built');
} catch (err) {
  console.error(`henvis: ${err.message}`);
  process.exit(1);
}
