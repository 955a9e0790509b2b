import { ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { alive, exited } from './support/processes';
import { freePort } from './support/env';

/**
 * `npm run start:api` in production with WEB_CONCURRENCY=2 (from source, as the graceful-shutdown
 * test runs it): two workers behind one port, each with its own pid in the JSON log lines; one
 * worker killed is started again while the other serves; the search sync runs in one worker
 * only; SIGINT to the primary stops every worker and exits 0.
 */
const ROOT = join(__dirname, '..');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface LogLine {
  pid: number;
  level: string;
  msg: string;
  requestId?: string;
  context?: string;
  req?: { method: string; path: string };
  res?: { status: number };
  durationMs?: number;
  operation?: { type: string; name: string | null; fields: string[] };
}

let primary: ChildProcess | undefined;
let output = '';
let port: number;

/** Every JSON line written so far (the primary's and the workers'); other text is an error. */
function lines(): LogLine[] {
  return output
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LogLine);
}

async function until<T>(find: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) {
      return found;
    }
    if (!primary || primary.exitCode !== null || primary.signalCode !== null) {
      throw new Error(`the API exited while waiting for ${what}:\n${output.slice(-3000)}`);
    }
    if (Date.now() > end) {
      throw new Error(`gave up waiting for ${what}:\n${output.slice(-3000)}`);
    }
    await sleep(200);
  }
}

const readyPid = (worker: number, not?: number): number | undefined =>
  lines().find((l) => l.msg.startsWith(`Henvis API ready (worker ${worker})`) && l.pid !== not)
    ?.pid;

/** One POST on a connection of its own (so the cluster may hand it to either worker). */
function probe(id: string): Promise<number> {
  const body = JSON.stringify({ query: 'query ClusterProbe { __typename }' });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/graphql',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          connection: 'close',
          'x-request-id': id,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('MEILI_')) {
      delete env[key];
    }
  }
  Object.assign(env, {
    NODE_ENV: 'production',
    WEB_CONCURRENCY: '2',
    PORT: String(port),
    HOST: '127.0.0.1',
    SEARCH_ENGINE: 'neo4j',
    LOG_LEVEL: 'log',
  });
  primary = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  primary.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  primary.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await until(() => readyPid(1), 'worker 1', 300_000);
  await until(() => readyPid(2), 'worker 2', 300_000);
}, 320_000);

afterAll(async () => {
  const pids = lines().map((l) => l.pid);
  if (primary && primary.exitCode === null && primary.signalCode === null) {
    primary.kill('SIGKILL');
    await exited(primary);
  }
  for (const pid of new Set(pids)) {
    if (alive(pid)) {
      process.kill(pid, 'SIGKILL');
    }
  }
}, 30_000);

it('serves from two workers, restarts one that dies, and stops all on SIGINT', async () => {
  const primaryPid = primary?.pid as number;
  const first = { 1: readyPid(1) as number, 2: readyPid(2) as number };
  expect(new Set([primaryPid, first[1], first[2]]).size).toBe(3);
  expect(lines().find((l) => l.msg === 'starting 2 workers (WEB_CONCURRENCY)')?.pid).toBe(
    primaryPid,
  );

  // Requests on connections of their own reach both workers: one JSON line each, by its id.
  const ids = Array.from({ length: 16 }, (_, i) => `cluster-${i}`);
  expect(await Promise.all(ids.map(probe))).toEqual(ids.map(() => 200));
  const logged = await until(
    () => {
      const found = lines().filter((l) => l.requestId && ids.includes(l.requestId) && l.req);
      return found.length === ids.length ? found : undefined;
    },
    'a line per request',
    10_000,
  );
  expect(new Set(logged.map((l) => l.pid))).toEqual(new Set([first[1], first[2]]));
  expect(logged[0]).toMatchObject({
    level: 'info',
    req: { method: 'POST', path: '/graphql' },
    res: { status: 200 },
    operation: { type: 'query', name: 'ClusterProbe', fields: ['__typename'] },
  });
  expect(typeof logged[0].durationMs).toBe('number');

  // Worker 2 killed: worker 1 serves meanwhile, and the primary starts worker 2 again.
  process.kill(first[2], 'SIGKILL');
  await until(
    () =>
      lines().find((l) =>
        l.msg.startsWith(`worker 2 (pid ${first[2]}) died (SIGKILL); starting it again`),
      ),
    'the death logged',
    10_000,
  );
  expect(await Promise.all(['during-1', 'during-2', 'during-3'].map(probe))).toEqual([
    200, 200, 200,
  ]);
  const second = await until(() => readyPid(2, first[2]), 'worker 2 again', 300_000);
  expect(alive(first[2])).toBe(false);
  expect(second).not.toBe(first[2]);

  // The search sync ran in worker 1 only, the whole time.
  const sync = lines().filter((l) => l.msg.startsWith('the search sync runs in this worker'));
  expect(sync.map((l) => [l.pid, l.msg])).toEqual([
    [first[1], 'the search sync runs in this worker (1 of 2)'],
  ]);

  // Ctrl+C: every worker finishes and stops, then the primary exits 0.
  const launched = primary as ChildProcess;
  launched.kill('SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    exited(launched),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve('still running'), 30_000))),
  ]);
  clearTimeout(timer);
  expect(code).toBe(0);
  expect([first[1], second].filter(alive)).toEqual([]);
  // Every line was JSON (lines() parses each), the workers' shutdown lines among them.
  expect(
    lines()
      .filter((l) => l.msg === 'stopped')
      .map((l) => l.pid),
  ).toEqual(expect.arrayContaining([first[1], second, primaryPid]));
}, 400_000);
