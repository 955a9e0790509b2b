import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { readDemo, seedReference, writeListings } from '../seed/loader';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { migrate } from '../src/neo4j/migrations';
import { Neo4jService } from '../src/neo4j/neo4j.service';
import { setEnv } from './support/env';

/**
 * The API's return after a Neo4j outage, timed: the seeded demonstration data in a Neo4j of its
 * own (run by the supervisor of `npm start`), the API warmed up and its usual latency measured,
 * then the JVM killed with SIGKILL under a stream of requests and restarted on the same data and
 * port. From the moment Neo4j is back (its ready line), the API must serve within 3 s, and the
 * first answers it serves must take no longer than its usual p95 allows (see `allowedMs`).
 */
interface Supervised {
  uri: string;
  pid(): number | undefined;
  stop(): Promise<void>;
}
interface GraphScripts {
  superviseGraph(
    opts: {
      dataDir: string;
      port: number;
      password: string;
      quiet?: boolean;
      heapMb?: number;
      pageCacheMb?: number;
    },
    policy: { backoffMs?: number[]; maxRestarts?: number; log?: (line: string) => void },
  ): Promise<Supervised>;
  freePort(): Promise<number>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scripts = require('../scripts/graph.js') as GraphScripts;

const PASSWORD = 'henvis-recovery-test';
/** How soon after Neo4j is back the API must serve again. */
const BACK_WITHIN_MS = 3_000;
/** Answers counted as "the first requests" after the return. */
const FIRST_ANSWERS = 5;

let restoreEnv: (() => void) | undefined;
let dataDir: string;
let graph: Supervised;
let app: INestApplication | undefined;
let backAt: number | undefined;
/** When the supervisor last said Neo4j is back (read through a call: the log sets it). */
const backMoment = (): number | undefined => backAt;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const REFERRAL = {
  query: `query($input: ReferralInput!) { referral(input: $input) {
    options { rank service { id name } reasons } unmetNeeds { need { code } } } }`,
  variables: {
    input: { targetGroupCodes: ['women'], needCodes: ['safety'], municipalityCode: '461' },
  },
};
const LISTING = {
  query: `query { services(first: 10, filter: { regionCode: "1083" }) {
    totalCount edges { node { id name } } } }`,
};
const ORGANISATION = { query: '{ organisation(id: "recovery-probe") { id } }' };

interface Answer {
  at: number;
  ms: number;
  outcome: string;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'henvis-recovery-test-'));
  graph = await scripts.superviseGraph(
    {
      dataDir,
      port: await scripts.freePort(),
      password: PASSWORD,
      quiet: true,
      heapMb: 384,
      pageCacheMb: 64,
    },
    {
      backoffMs: [300],
      maxRestarts: 2,
      log: (line) => {
        if (/Neo4j is back/.test(line)) {
          backAt = performance.now();
        }
      },
    },
  );
  restoreEnv = setEnv({
    NEO4J_URI: graph.uri,
    NEO4J_USERNAME: 'neo4j',
    NEO4J_PASSWORD: PASSWORD,
    SEARCH_ENGINE: 'neo4j',
    NODE_ENV: undefined,
    // A cold Neo4j on a busy machine plans its first statements slowly (migrations, the seed).
    NEO4J_TRANSACTION_TIMEOUT_MS: '60000',
  });
  const neo = new Neo4jService(loadConfig());
  try {
    await neo.verify();
    await migrate(neo);
    await seedReference(neo);
    await writeListings(neo, readDemo());
  } finally {
    await neo.onApplicationShutdown();
  }
}, 600_000);

afterAll(async () => {
  await app?.close();
  await graph?.stop();
  restoreEnv?.();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

it('serves within 3 s of Neo4j being back, and its first answers at the usual speed', async () => {
  app = await createApp(loadConfig());
  await app.init();
  const http = app.getHttpServer() as Parameters<typeof request>[0];
  const send = async (body: object): Promise<Answer> => {
    const t0 = performance.now();
    const res = await request(http).post('/graphql').send(body);
    const at = performance.now();
    const json = res.body as { data?: unknown; errors?: { extensions: { code: string } }[] };
    return {
      at,
      ms: at - t0,
      outcome: json.errors ? json.errors[0].extensions.code : 'served',
    };
  };
  const kinds = [REFERRAL, LISTING, ORGANISATION];
  const round = async (): Promise<Answer[]> => {
    const answers: Answer[] = [];
    for (const body of kinds) {
      answers.push(await send(body));
    }
    return answers;
  };

  // Warm-up, then the usual latency of the three requests.
  for (let i = 0; i < 30; i++) {
    await round();
  }
  const usual: number[] = [];
  for (let i = 0; i < 40; i++) {
    const answers = await round();
    expect(answers.map((a) => a.outcome)).toEqual(['served', 'served', 'served']);
    usual.push(...answers.map((a) => a.ms));
  }
  usual.sort((a, b) => a - b);
  const p95 = usual[Math.floor(usual.length * 0.95)];

  const pid = graph.pid();
  expect(pid).toBeDefined();
  backAt = undefined;
  process.kill(pid as number, 'SIGKILL');

  // A stream of the three requests, one after another, until the API has served a while again.
  const answers: Answer[] = [];
  const deadline = performance.now() + 150_000;
  for (;;) {
    answers.push(...(await round()));
    const since = backMoment();
    if (since !== undefined) {
      const served = answers.filter((a) => a.at > since && a.outcome === 'served');
      if (served.length >= FIRST_ANSWERS * 2 || performance.now() - since > 20_000) {
        break;
      }
    }
    if (performance.now() > deadline) {
      throw new Error('Neo4j did not come back');
    }
    await sleep(20);
  }

  const back = backMoment() as number;
  const after = answers.filter((a) => a.at > back);
  const served = after.filter((a) => a.outcome === 'served');
  const firstServedAfterMs = served.length > 0 ? served[0].at - back : Infinity;
  const first = served.slice(0, FIRST_ANSWERS).map((a) => Math.round(a.ms));
  const unavailable = answers.filter((a) => a.outcome === 'UNAVAILABLE').length;
  const longest = Math.round(Math.max(...answers.map((a) => a.ms)));
  // Surfaced in the test output, for the operations docs' figures.
  console.warn(
    `recovery: usual p95 ${p95.toFixed(1)} ms; served ${Math.round(firstServedAfterMs)} ms after Neo4j was back; first answers ${first.join(', ')} ms; ${unavailable} UNAVAILABLE meanwhile; longest answer ${longest} ms; outcomes after: ${[...new Set(after.map((a) => a.outcome))].join(', ')}`,
  );
  expect(firstServedAfterMs).toBeLessThanOrEqual(BACK_WITHIN_MS);
  // Nothing but data or UNAVAILABLE, before and after.
  expect(answers.filter((a) => a.outcome !== 'served' && a.outcome !== 'UNAVAILABLE')).toEqual([]);
  expect(first).toHaveLength(FIRST_ANSWERS);
  for (const ms of first) {
    expect(ms).toBeLessThanOrEqual(allowedMs(p95));
  }
}, 300_000);

/**
 * The first answers after the return may take the usual p95 with room for a loaded test machine
 * (this machine's scheduler, not Henvis): twice it, and at least 100 ms.
 */
function allowedMs(p95: number): number {
  return Math.max(100, 2 * p95);
}
