'use strict';
// `npm start`: starts the embedded Neo4j (unless NEO4J_URI is set), builds the API if needed,
// migrates, seeds an empty database, and serves the API. Ctrl+C stops everything it started.
// Neo4j is supervised: when it dies it is started again (with backoff, a bounded number of tries)
// while the API stays up, answering UNAVAILABLE until the database is back.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { superviseGraph } = require('./graph');
const { localGraphEnv } = require('./local-env');

const ROOT = path.resolve(__dirname, '..');
const MAIN = path.join(ROOT, 'dist', 'src', 'main.js');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(
      t,
      e.isDirectory() ? newest(p) : e.name.endsWith('.ts') ? fs.statSync(p).mtimeMs : 0,
    );
  }
  return t;
}

function buildIfNeeded() {
  const sources = Math.max(newest(path.join(ROOT, 'src')), newest(path.join(ROOT, 'seed')));
  if (fs.existsSync(MAIN) && fs.statSync(MAIN).mtimeMs >= sources) {
    return;
  }
  console.log('henvis: building the API…');
  fs.rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error('the TypeScript build failed');
  }
}

/** The page at `/`: rebuilt when web/dist is missing or older than its sources or schema.gql. */
function buildWebIfNeeded() {
  const index = path.join(ROOT, 'web', 'dist', 'index.html');
  const newestFile = (p) =>
    fs.statSync(p).isDirectory()
      ? Math.max(0, ...fs.readdirSync(p).map((e) => newestFile(path.join(p, e))))
      : fs.statSync(p).mtimeMs;
  const sources = Math.max(
    newestFile(path.join(ROOT, 'web', 'src')),
    newestFile(path.join(ROOT, 'web', 'index.html')),
    newestFile(path.join(ROOT, 'schema.gql')),
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) {
    return;
  }
  console.log('henvis: building the web page…');
  const result = spawnSync('npm', ['run', '--silent', 'build:web'], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    throw new Error('the web build failed');
  }
}

function runNode(script, args, env) {
  // stdin is a pipe from here: the API stops by itself when this process ends, however it ends.
  return spawn(process.execPath, [script, ...args], {
    cwd: ROOT,
    env: { ...env, HENVIS_STOP_ON_STDIN_EOF: '1' },
    stdio: ['pipe', 'inherit', 'inherit'],
  });
}

async function main() {
  let graph = null;
  let api = null;
  let exiting = false;
  const shutdown = (signal) => {
    if (!exiting) {
      exiting = true;
      if (api) {
        api.kill(signal);
        // The API stops within 10 s by itself; this is the backstop.
        setTimeout(() => api.kill('SIGKILL'), 15000).unref();
      }
    }
  };
  // Registered first, so a Ctrl+C while Neo4j starts or the seed runs also stops what was started.
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  const env = { ...process.env };
  if (!env.NEO4J_URI) {
    const local = localGraphEnv(env);
    console.log(
      `henvis: starting Neo4j on 127.0.0.1:${local.port} (data in ${path.relative(ROOT, local.dataDir) || local.dataDir})…`,
    );
    graph = await superviseGraph(local, {
      waitForPortMs: 30000,
      onGiveUp: () => {
        process.exitCode = 1;
        shutdown('SIGTERM');
      },
    });
    // The JVM's pid, for operators (and the test of this launcher) who need to find the process;
    // the supervisor logs the new one on every restart ("Neo4j is back (pid N)").
    console.log(`henvis: Neo4j is up (pid ${graph.pid()})`);
    env.NEO4J_URI = graph.uri;
    env.NEO4J_USERNAME = local.username;
    env.NEO4J_PASSWORD = local.password;
  }
  const stopGraph = async () => {
    if (graph) {
      await graph.stop();
    }
  };
  try {
    if (exiting) {
      throw new Error('stopped');
    }
    buildIfNeeded();
    buildWebIfNeeded();
    const seed = runNode(path.join(ROOT, 'dist', 'src', 'cli', 'seed.js'), ['--if-empty'], env);
    const seedCode = await new Promise((resolve) => seed.on('exit', resolve));
    if (seedCode !== 0) {
      throw new Error('seeding failed');
    }
  } catch (err) {
    await stopGraph();
    throw err;
  }

  if (exiting) {
    await stopGraph();
    process.exit(process.exitCode ?? 1);
  }
  api = runNode(MAIN, [], env);
  api.on('exit', async (code) => {
    await stopGraph();
    process.exit(process.exitCode ?? code ?? 0);
  });
}

main().catch((err) => {
  console.error(`henvis: ${err.message}`);
  process.exit(1);
});
