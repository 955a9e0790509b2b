'use strict';
// Builds and runs the embedded Neo4j launcher in graph/launcher (a small Maven project).
// Used by `npm start`, `npm run graph:start` and the test setup; plain Node so it runs before any build.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const LAUNCHER_DIR = path.resolve(__dirname, '..', 'graph', 'launcher');
const TARGET = path.join(LAUNCHER_DIR, 'target');
const CLASSPATH_FILE = path.join(TARGET, 'classpath.txt');
const MAIN_CLASS = 'dk.henvis.graph.Launcher';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isBuilt() {
  if (!fs.existsSync(CLASSPATH_FILE)) {
    return false;
  }
  const built = fs.statSync(CLASSPATH_FILE).mtimeMs;
  const sources = Math.max(
    fs.statSync(path.join(LAUNCHER_DIR, 'pom.xml')).mtimeMs,
    newestMtime(path.join(LAUNCHER_DIR, 'src')),
  );
  return built >= sources;
}

/** Builds the launcher once (Maven downloads Neo4j on the first run); later starts reuse it. */
function ensureBuilt() {
  if (isBuilt()) {
    return;
  }
  console.log(
    'henvis: building the Neo4j launcher (the first run downloads Neo4j 5.26 from Maven)…',
  );
  const mvn = process.platform === 'win32' ? 'mvn.cmd' : 'mvn';
  const args = [
    '-B',
    'package',
    '-DskipTests',
    '-Dorg.slf4j.simpleLogger.log.org.apache.maven.cli.transfer.Slf4jMavenTransferListener=warn',
  ];
  if (!process.stdout.isTTY) {
    args.unshift('-ntp');
  }
  const result = spawnSync(mvn, args, { cwd: LAUNCHER_DIR, stdio: 'inherit' });
  if (result.error) {
    throw new Error(`cannot run Maven (${result.error.message}); install Maven and Java 17`);
  }
  if (result.status !== 0) {
    throw new Error(`Maven failed to build graph/launcher (exit ${result.status})`);
  }
  // Maven leaves an unchanged classpath file untouched; mark the build as current.
  const now = new Date();
  fs.utimesSync(CLASSPATH_FILE, now, now);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Neo4j and resolves once it prints its ready line.
 * @param {{ dataDir: string, port: number, password: string, username?: string, pageCacheMb?: number, heapMb?: number, quiet?: boolean, quickStart?: boolean }} opts
 * @returns {Promise<{ uri: string, stop: () => Promise<void>, child: import('node:child_process').ChildProcess }>}
 *
 * The JVM runs in its own process group, so a Ctrl+C in the terminal reaches only Node, which
 * stops the API first and Neo4j after it. It stops by itself when this process ends, however
 * that happens (its stdin is a pipe from here, and it also watches our pid).
 */
function startGraph(opts) {
  ensureBuilt();
  const classpath = `${path.join(TARGET, 'classes')}${path.delimiter}${fs.readFileSync(CLASSPATH_FILE, 'utf8').trim()}`;
  const heap = `${opts.heapMb ?? 768}m`;
  // Tests start many short-lived servers: the C1-only JIT starts faster. A server that runs
  // (npm start, the bench) gets the optimising JIT and a page cache that holds its data.
  const quickStart = opts.quickStart === true;
  const jvmFlags = quickStart
    ? ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1']
    : ['-XX:+UseParallelGC'];
  const pageCacheMb = opts.pageCacheMb ?? (quickStart ? 64 : 512);
  const child = spawn(
    'java',
    [`-Xms${heap}`, `-Xmx${heap}`, ...jvmFlags, '-cp', classpath, MAIN_CLASS],
    {
      env: {
        ...process.env,
        NEO4J_DATA_DIR: opts.dataDir,
        NEO4J_BOLT_PORT: String(opts.port),
        NEO4J_USERNAME: opts.username ?? 'neo4j',
        NEO4J_PASSWORD: opts.password,
        NEO4J_PAGECACHE_MB: String(pageCacheMb),
        HENVIS_STOP_ON_STDIN_EOF: '1',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    },
  );
  const uri = `bolt://127.0.0.1:${opts.port}`;
  let stopping = null;
  const stop = () => {
    if (!stopping) {
      stopping = new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    }
    return stopping;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    let ready = false;
    const onData = (chunk) => {
      const text = chunk.toString();
      if (!ready) {
        output += text;
        if (/henvis-graph: ready/.test(output)) {
          ready = true;
          if (!opts.quiet) {
            process.stdout.write(
              output
                .split('\n')
                .filter((l) => l.includes('henvis-graph'))
                .join('\n') + '\n',
            );
          }
          resolve({ uri, stop, child });
        }
      } else if (!opts.quiet) {
        process.stdout.write(text);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) =>
      reject(new Error(`cannot start Java (${err.message}); install Java 17`)),
    );
    child.on('exit', (code) => {
      if (!ready) {
        const reason =
          output
            .split('\n')
            .filter((l) => l.startsWith('henvis-graph:'))
            .join(' ') || output.slice(-2000);
        reject(new Error(`Neo4j exited before it was ready (exit ${code}): ${reason}`));
      }
    });
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Waits (up to `ms`) for the Bolt port to be free: right after Ctrl+C or a killed `npm start`,
 * the previous Neo4j may still be stopping. If it stays busy, the launcher says so.
 */
async function waitForPort(port, ms, log) {
  const until = Date.now() + ms;
  let told = false;
  while (!(await portIsFree(port)) && Date.now() < until) {
    if (!told) {
      log(
        `henvis: 127.0.0.1:${port} is busy (a Neo4j still stopping?); waiting up to ${ms / 1000} s`,
      );
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** How long planning the hot reads may hold back "Neo4j is back" after a restart. */
const HOT_READS_BUDGET_MS = 10000;
/** How many times each hot read runs before Neo4j is said to be back. */
const HOT_READ_ROUNDS = 50;

/**
 * A restarted Neo4j plans every statement anew on a cold JVM, which takes seconds for the first
 * ones; the API's first requests would wait for that. So after a restart the supervisor runs the
 * API's hot reads (graph/hot-reads.json, kept equal to the API's Neo4jService.keepWarm list by
 * src/neo4j/hot-reads.spec.ts) once before it says Neo4j is back. A failure only means the API
 * plans them itself; the time it took is logged.
 */
async function planHotReads(uri, password, log, stopped = () => false) {
  const neo4j = require('neo4j-driver');
  const started = Date.now();
  const { reads } = JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', 'graph', 'hot-reads.json'), 'utf8'),
  );
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password), {
    connectionTimeout: HOT_READS_BUDGET_MS,
  });
  let budget;
  try {
    // Planned by the first round; the rounds after it warm the JVM's code that runs them, so
    // the first requests take their usual time rather than the interpreter's.
    const rounds = async () => {
      for (let round = 0; round < HOT_READ_ROUNDS && !stopped(); round++) {
        await Promise.all(
          reads.map(({ query, params }) =>
            driver.executeQuery(query, params, { routing: neo4j.routing.READ }),
          ),
        );
      }
    };
    await Promise.race([
      rounds(),
      new Promise((_, reject) => {
        budget = setTimeout(() => reject(new Error('over budget')), HOT_READS_BUDGET_MS);
      }),
    ]);
    log(`henvis: hot reads planned in ${Date.now() - started} ms`);
  } catch (err) {
    log(`henvis: hot reads not planned (${err.message}); the API plans them itself`);
  } finally {
    clearTimeout(budget);
    await driver.close();
  }
}

/**
 * Runs Neo4j like `startGraph` and starts it again when it dies unexpectedly (a crash, `kill -9`,
 * out of memory): after a growing pause (`backoffMs`, the last value repeats), at most
 * `maxRestarts` times in a row; a run that stays up for `stableMs` resets the count. Every event
 * is logged on one line. When it gives up, `onGiveUp` is called with the last error. Same port and
 * data folder each time, so clients (the API) reconnect by themselves.
 * @param {Parameters<typeof startGraph>[0]} opts
 * @param {{ maxRestarts?: number, backoffMs?: number[], stableMs?: number, waitForPortMs?: number, log?: (line: string) => void, onGiveUp?: (err: Error) => void }} [policy]
 * @returns {Promise<{ uri: string, pid: () => number | undefined, restarts: () => number, stop: () => Promise<void> }>}
 */
async function superviseGraph(opts, policy = {}) {
  const maxRestarts = policy.maxRestarts ?? 5;
  const backoffMs = policy.backoffMs ?? [1000, 2000, 4000, 8000, 15000];
  const stableMs = policy.stableMs ?? 60000;
  const log = policy.log ?? ((line) => console.error(line));
  if (policy.waitForPortMs) {
    await waitForPort(opts.port, policy.waitForPortMs, log);
  }
  let current = await startGraph(opts);
  let upSince = Date.now();
  let failures = 0;
  let restarts = 0;
  let stopping = false;
  let timer = null;
  let starting = null;

  const restart = () => {
    timer = null;
    if (stopping) {
      return;
    }
    starting = startGraph(opts).then(
      async (graph) => {
        if (stopping) {
          starting = null;
          return graph.stop();
        }
        current = graph;
        upSince = Date.now();
        restarts += 1;
        watch(graph);
        // Until then, `stop` waits for this (it awaits `starting`).
        await planHotReads(graph.uri, opts.password, log, () => stopping);
        starting = null;
        if (!stopping && graph === current) {
          log(`henvis: Neo4j is back (pid ${graph.child.pid})`);
        }
        return undefined;
      },
      (err) => {
        starting = null;
        scheduleRestart(err);
      },
    );
  };

  const scheduleRestart = (reason) => {
    if (stopping) {
      return;
    }
    failures += 1;
    if (failures > maxRestarts) {
      log(`henvis: Neo4j did not come back after ${maxRestarts} tries; giving up`);
      current = null;
      policy.onGiveUp?.(reason);
      return;
    }
    const wait = backoffMs[Math.min(failures - 1, backoffMs.length - 1)];
    log(
      `henvis: ${reason.message}; restarting Neo4j in ${wait / 1000} s (try ${failures} of ${maxRestarts})`,
    );
    timer = setTimeout(restart, wait);
  };

  const watch = (graph) => {
    graph.child.once('exit', (code, signal) => {
      if (stopping || graph !== current) {
        return;
      }
      if (Date.now() - upSince >= stableMs) {
        failures = 0;
      }
      scheduleRestart(new Error(`Neo4j stopped unexpectedly (${signal ?? `exit ${code}`})`));
    });
  };
  watch(current);

  return {
    uri: current.uri,
    pid: () => (current && current.child.exitCode === null ? current.child.pid : undefined),
    restarts: () => restarts,
    stop: async () => {
      stopping = true;
      if (timer) {
        clearTimeout(timer);
      }
      await starting;
      await current?.stop();
    },
  };
}

/**
 * Starts a throwaway Neo4j (free port, temporary data folder) for tests and benchmarks; `stop`
 * also deletes its data.
 */
async function startThrowawayGraph({ quickStart = true, pageCacheMb, heapMb } = {}) {
  const os = require('node:os');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'henvis-neo4j-'));
  const password = 'henvis-throwaway-password';
  try {
    const graph = await startGraph({
      dataDir,
      port: await freePort(),
      password,
      quiet: true,
      quickStart,
      pageCacheMb,
      heapMb,
    });
    return {
      uri: graph.uri,
      username: 'neo4j',
      password,
      stop: async () => {
        await graph.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

module.exports = {
  ensureBuilt,
  startGraph,
  superviseGraph,
  startThrowawayGraph,
  freePort,
  LAUNCHER_DIR,
};
