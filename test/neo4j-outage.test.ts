import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { migrate, readMigrations } from '../src/neo4j/migrations';
import { Neo4jService } from '../src/neo4j/neo4j.service';
import { setEnv } from './support/env';
import { LogCapture } from './support/log-capture';
import { cypher } from '../src/neo4j/cypher';

/**
 * A second Neo4j of its own, run by the same supervisor as `npm start` (scripts/graph.js): two
 * instances migrating it at once, then the API with Neo4j killed (`kill -9`) under a stream of
 * requests, restarted by the supervisor, and the same API serving again.
 */
interface Supervised {
  uri: string;
  pid(): number | undefined;
  restarts(): number;
  stop(): Promise<void>;
}
interface GraphScripts {
  superviseGraph(
    opts: { dataDir: string; port: number; password: string; quiet?: boolean; heapMb?: number },
    policy: { backoffMs?: number[]; maxRestarts?: number; log?: (line: string) => void },
  ): Promise<Supervised>;
  freePort(): Promise<number>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scripts = require('../scripts/graph.js') as GraphScripts;

const PASSWORD = 'henvis-outage-test';
const env: Record<string, string> = {
  NEO4J_USERNAME: 'neo4j',
  NEO4J_PASSWORD: PASSWORD,
  NEO4J_CONNECTION_TIMEOUT_MS: '2000',
  NEO4J_ACQUISITION_TIMEOUT_MS: '3000',
  NEO4J_MAX_RETRY_TIME_MS: '1000',
};
let restoreEnv: (() => void) | undefined;
const supervisorLog: string[] = [];
let dataDir: string;
let graph: Supervised;
let app: INestApplication | undefined;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) {
      return;
    }
    await sleep(250);
  }
  throw new Error(`gave up waiting: ${what}`);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'henvis-outage-test-'));
  graph = await scripts.superviseGraph(
    { dataDir, port: await scripts.freePort(), password: PASSWORD, quiet: true, heapMb: 384 },
    { backoffMs: [500], maxRestarts: 3, log: (line) => supervisorLog.push(line) },
  );
  env.NEO4J_URI = graph.uri;
  restoreEnv = setEnv(env);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await graph?.stop();
  restoreEnv?.();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('two instances starting at once', () => {
  it('apply each migration once: one migrates, the other waits and finds nothing to do', async () => {
    const a = new Neo4jService(loadConfig());
    const b = new Neo4jService(loadConfig());
    try {
      const [doneA, doneB] = await Promise.all([migrate(a), migrate(b)]);
      const versions = readMigrations().map((m) => m.version);
      expect([...doneA, ...doneB].sort((x, y) => x - y)).toEqual(versions);
      expect(doneA.length === 0 || doneB.length === 0).toBe(true);
      expect(await a.read(cypher`MATCH (m:Migration) RETURN count(m) AS n`)).toEqual([
        { n: versions.length },
      ]);
      expect(
        await a.read(cypher`MATCH (l:MigrationLock) RETURN l.name AS name, l.owner AS owner`),
      ).toEqual([{ name: 'migrations', owner: null }]);
    } finally {
      await a.onApplicationShutdown();
      await b.onApplicationShutdown();
    }
  }, 120_000);
});

describe('Neo4j killed under a stream of requests', () => {
  it('answers UNAVAILABLE and 503 while it is down, and serves again once it is restarted', async () => {
    app = await createApp(loadConfig());
    await app.init();
    const http = app.getHttpServer() as Parameters<typeof request>[0];
    const probe = async (): Promise<string> => {
      const res = await request(http)
        .post('/graphql')
        .send({ query: '{ organisation(id: "outage-probe") { id } }' });
      const body = res.body as { data?: unknown; errors?: { extensions: { code: string } }[] };
      return body.errors ? body.errors[0].extensions.code : JSON.stringify(body.data);
    };
    const ready = (): request.Test => request(http).get('/health/ready');
    const served = JSON.stringify({ organisation: null });
    expect(await probe()).toBe(served);
    expect((await ready()).body).toEqual({
      status: 'ok',
      components: { neo4j: 'up', search: 'up' },
      searchEngine: 'neo4j',
    });

    const capture = new LogCapture();
    capture.start();
    const answers: string[] = [];
    let streaming = true;
    const stream = (async () => {
      while (streaming) {
        answers.push(await probe());
        await sleep(100);
      }
    })();
    try {
      await until(() => answers.length >= 3, 'the stream has started');
      const pid = graph.pid();
      expect(pid).toBeDefined();
      process.kill(pid as number, 'SIGKILL');

      await until(() => answers.includes('UNAVAILABLE'), 'a request answered UNAVAILABLE');
      const down = await ready();
      expect(down.status).toBe(503);
      expect(down.body).toEqual({
        status: 'unavailable',
        components: { neo4j: 'down', search: 'down' },
        searchEngine: 'neo4j',
      });

      await until(async () => (await ready()).status === 200, 'ready again');
      await until(() => answers[answers.length - 1] === served, 'the stream is served again');
    } finally {
      streaming = false;
      await stream;
      capture.stop();
    }
    expect(graph.restarts()).toBe(1);
    expect(supervisorLog.some((l) => /Neo4j stopped unexpectedly \(SIGKILL\)/.test(l))).toBe(true);
    // Every answer was either the data or UNAVAILABLE: nothing hung, nothing else leaked out.
    expect([...new Set(answers)].sort()).toEqual([served, 'UNAVAILABLE'].sort());
    // The outage is logged once when it starts and once when it ends, not per request.
    const log = capture.text();
    expect(log.match(/Neo4j unreachable \(ServiceUnavailable\)/g)).toHaveLength(1);
    expect(log.match(/Neo4j reachable again after \d+ s/g)).toHaveLength(1);
  }, 180_000);
});
