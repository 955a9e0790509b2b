import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alive, exited } from './support/processes';

/**
 * `npm start` itself (scripts/start.js, not only the supervisor function it uses, which
 * test/neo4j-outage.test.ts drives in-process): on a data folder of its own and free ports, the
 * Neo4j JVM is killed with SIGKILL; the API it started answers UNAVAILABLE and 503 meanwhile,
 * serves the seeded listings again once the supervisor has restarted Neo4j (the API itself is
 * not restarted), and Ctrl+C (SIGINT) leaves no JVM behind.
 */
interface GraphScripts {
  freePort(): Promise<number>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scripts = require('../scripts/graph.js') as GraphScripts;

const ROOT = join(__dirname, '..');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let dataDir: string;
let boltPort: number;
let base: string;
let launcher: ChildProcess | undefined;
let output = '';
const jvmPids = new Set<number>();

/** Waits until the launcher's output matches; fails early when the launcher exits. */
async function logged(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(output);
    if (match) {
      return match;
    }
    if (!launcher || launcher.exitCode !== null || launcher.signalCode !== null) {
      throw new Error(`npm start exited while waiting for ${pattern}:\n${output.slice(-4000)}`);
    }
    if (Date.now() > until) {
      throw new Error(`gave up waiting for ${pattern}:\n${output.slice(-4000)}`);
    }
    await sleep(200);
  }
}

async function until(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs: number,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) {
      throw new Error(`gave up waiting: ${what}\n${output.slice(-4000)}`);
    }
    await sleep(250);
  }
}

/**
 * The total of listings, the error code, or TIMEOUT when no answer came within 15 s (well above
 * the driver's bounds below: connection 2 s, acquisition 3 s, retries 1 s).
 */
async function listings(): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ services(first: 1) { totalCount } }' }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    // A DOMException from Node's fetch (not an Error of the test's realm): checked by its name.
    if ((error as { name?: unknown }).name === 'TimeoutError') {
      return 'TIMEOUT';
    }
    throw error;
  }
  const body = (await res.json()) as {
    data?: { services: { totalCount: number } } | null;
    errors?: { extensions: { code: string } }[];
  };
  return body.errors ? body.errors[0].extensions.code : String(body.data?.services.totalCount);
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'henvis-npm-start-test-'));
  boltPort = await scripts.freePort();
  const apiPort = await scripts.freePort();
  base = `http://127.0.0.1:${apiPort}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Not the tests' Neo4j nor Meilisearch: `npm start` runs a Neo4j of its own.
  for (const key of Object.keys(env)) {
    if (key.startsWith('NEO4J_') || key.startsWith('MEILI_')) {
      delete env[key];
    }
  }
  Object.assign(env, {
    NEO4J_DATA_DIR: dataDir,
    NEO4J_BOLT_PORT: String(boltPort),
    NEO4J_PAGECACHE_MB: '64',
    NEO4J_CONNECTION_TIMEOUT_MS: '2000',
    NEO4J_ACQUISITION_TIMEOUT_MS: '3000',
    NEO4J_MAX_RETRY_TIME_MS: '1000',
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    SEARCH_ENGINE: 'neo4j',
    LOG_LEVEL: 'log',
    NO_COLOR: '1',
  });
  launcher = spawn(process.execPath, [join(ROOT, 'scripts', 'start.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const match of output.matchAll(/Neo4j is (?:up|back) \(pid (\d+)\)/g)) {
      jvmPids.add(Number(match[1]));
    }
  };
  launcher.stdout?.on('data', collect);
  launcher.stderr?.on('data', collect);
  // The first run in a fresh clone also builds dist/ and the web page, as `npm start` does.
  await logged(/Henvis API ready/, 420_000);
}, 480_000);

afterAll(async () => {
  if (launcher && launcher.exitCode === null && launcher.signalCode === null) {
    launcher.kill('SIGKILL');
    await exited(launcher);
  }
  // Never leave a JVM behind, whatever failed above.
  for (const pid of jvmPids) {
    if (alive(pid)) {
      process.kill(pid, 'SIGKILL');
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

it('keeps the API up while Neo4j is killed and restarted, and Ctrl+C leaves no JVM behind', async () => {
  const seeded = await listings();
  expect(Number(seeded)).toBeGreaterThan(0);
  const first = Number((await logged(/Neo4j is up \(pid (\d+)\)/, 1_000))[1]);
  expect(alive(first)).toBe(true);

  process.kill(first, 'SIGKILL');
  await until(() => !alive(first), 'the JVM has died', 10_000);

  // Nothing hangs: each answer comes within the driver's bounds, and says the database is out.
  const whileDown: string[] = [];
  await until(
    async () => {
      whileDown.push(await listings());
      return whileDown[whileDown.length - 1] === 'UNAVAILABLE';
    },
    'UNAVAILABLE',
    30_000,
  );
  expect(whileDown.filter((answer) => answer === 'TIMEOUT')).toEqual([]);
  const ready = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(3_000) });
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({
    status: 'unavailable',
    components: { neo4j: 'down' },
  });

  // The supervisor starts it again; the same API serves the same data without a restart.
  const second = Number((await logged(/Neo4j is back \(pid (\d+)\)/, 120_000))[1]);
  expect(second).not.toBe(first);
  // A freshly started JVM on a loaded machine may answer its first queries slowly.
  await until(async () => (await listings()) === seeded, 'the listings are served again', 120_000);
  expect(output.match(/Henvis API ready/g)).toHaveLength(1);
  expect(output).toMatch(/Neo4j stopped unexpectedly \(SIGKILL\); restarting Neo4j/);

  // Ctrl+C: the launcher stops the API and Neo4j, and exits.
  const launched = launcher as ChildProcess;
  launched.kill('SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    exited(launched),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve('still running'), 60_000))),
  ]);
  clearTimeout(timer);
  expect(code).toBe(0);
  await until(() => !alive(second), 'the restarted JVM has stopped', 30_000);
  expect(await portOpen(boltPort)).toBe(false);
}, 240_000);
