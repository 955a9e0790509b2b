import 'reflect-metadata';
import autocannon from 'autocannon';
import * as prettier from 'prettier';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { INestApplication } from '@nestjs/common';
import { issueToken } from '../src/accounts/accounts.service';
import { ApiTokenRepository } from '../src/accounts/api-token.repository';
import { Role } from '../src/common/role';
import { createApp } from '../src/bootstrap';
import { AppConfig, loadConfig } from '../src/config/app-config';
import { ServicePages } from '../src/catalogue/service-pages';
import { migrate } from '../src/neo4j/migrations';
import { Neo4jService } from '../src/neo4j/neo4j.service';
import { ReferralInput } from '../src/referral/dto/referral.input';
import { Language } from '../src/referral/models/referral.model';
import { ReferralService } from '../src/referral/referral.service';
import { SearchServicesArgs } from '../src/search/dto/search-services.args';
import { SearchService } from '../src/search/search.service';
import { TaxonomyService } from '../src/taxonomy/taxonomy.service';
import { GeographyService } from '../src/geography/geography.service';
import { seedReference, writeListings } from '../seed/loader';
import { syntheticNetwork } from '../test/support/synthetic-network';
import { meiliBinary, startThrowawayMeili } from '../test/support/throwaway-meili';
import { meiliHttpClient } from '../src/search/meilisearch/meili-http';
import { ensureApiKey } from '../src/search/meilisearch/meili-key';
import { SearchOutbox } from '../src/search/sync/search-outbox';
import { Cypher, cypher } from '../src/neo4j/cypher';

/**
 * `npm run bench`: for each size in BENCH_SIZES, builds a synthetic national network in its own
 * throwaway Neo4j (full JIT, page cache sized for the data), serves Henvis from its build in its
 * own process, and measures with warm-up: the referral (one client, and 16 connections), the
 * same queries' Cypher run raw through neo4j-driver, the filtered listing through Henvis and
 * through a generic `@neo4j/graphql` 7 schema over the same graph, search with facets, and a full
 * search reindex, and the referral's throughput with one and with two workers (WEB_CONCURRENCY).
 * The API runs as in production (NODE_ENV=production: JSON request lines). Prints a table and
 * writes bench/results/<date>-<short commit>.json, named after the code it measured.
 * BENCH_ONLY=workers measures only the throughput with one and two workers (…-workers.json).
 * Never part of `npm test`.
 */

const ROOT = join(__dirname, '..');
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 16;
const EDITS = Number(process.env.BENCH_EDITS ?? 30);

/** Child processes (the API, the baseline): stopped however the bench ends. */
const running: ChildProcess[] = [];
process.on('exit', () => running.forEach((child) => child.kill('SIGTERM')));

interface GraphScripts {
  startThrowawayGraph(opts: {
    quickStart: boolean;
    pageCacheMb: number;
    heapMb: number;
  }): Promise<{ uri: string; username: string; password: string; stop(): Promise<void> }>;
  freePort(): Promise<number>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scripts = require('../scripts/graph.js') as GraphScripts;

interface Timing {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
  return {
    p50: round2(at(0.5)),
    p95: round2(at(0.95)),
    p99: round2(at(0.99)),
    mean: round2(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

async function sample(
  work: () => Promise<void>,
  warmup = WARMUP,
  rounds = ROUNDS,
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) {
    await work();
  }
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return timing(times);
}

interface GqlCase {
  query: string;
  variables?: Record<string, unknown>;
}

async function post(url: string, c: GqlCase, token?: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(c),
  });
  const json = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (json.errors || !json.data) {
    throw new Error(`request failed: ${JSON.stringify(json.errors ?? json).slice(0, 500)}`);
  }
  return json.data;
}

/** Requests per second at CONNECTIONS connections for DURATION seconds, with every error counted. */
async function throughput(url: string, c: GqlCase) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(c),
    connections: CONNECTIONS,
    duration: DURATION,
    // a GraphQL error comes back with status 200: count it as an error too
    verifyBody: (body) => !String(body ?? '').includes('"errors"'),
  });
  return {
    connections: CONNECTIONS,
    seconds: DURATION,
    requestsPerSecond: round2(result.requests.average),
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
  };
}

/** The outbox entries still to push (the backlog the bench drains). */
const PENDING_OUTBOX = cypher`MATCH (e:SearchOutbox) WHERE e.done = false RETURN count(e) AS n`;

interface Captured {
  cypher: Cypher;
  params: Record<string, unknown>;
}

/** The Cypher (and parameters) one call runs through the app's Neo4jService.read, in order. */
async function capture(neo: Neo4jService, work: () => Promise<unknown>): Promise<Captured[]> {
  const seen: Captured[] = [];
  const original = neo.read.bind(neo);
  neo.read = (query: Cypher, params: Record<string, unknown> = {}) => {
    seen.push({ cypher: query, params });
    return original(query, params);
  };
  try {
    await work();
  } finally {
    Reflect.deleteProperty(neo, 'read');
  }
  return seen;
}

/** The captured queries run raw through the driver, one after another (as the API runs them). */
function raw(neo: Neo4jService, config: AppConfig, queries: Captured[]): () => Promise<void> {
  return async () => {
    for (const q of queries) {
      await neo.driver.executeQuery(q.cypher.text, q.params, {
        database: config.neo4j.database,
        routing: 'READ',
      });
    }
  };
}

function bar(done: number, total: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(Math.round((done / total) * 100)).padStart(3)}% ${done}/${total}`;
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${what} exited (${code}): ${output.slice(-1500)}`)),
    );
  });
}

function buildApi(): void {
  const tsc = require.resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error('the TypeScript build failed');
  }
}

const REFERRAL: GqlCase = {
  query: `query($input: ReferralInput!) { referral(input: $input) {
    options { rank score service { id name } reasons nextSteps }
    byNeed { need { code } options { rank service { id } } }
    unmetNeeds { need { code } nearest { service { id } } }
    followUps { need { code } options { service { id } } }
    guidance { code } } }`,
  variables: {
    input: {
      targetGroupCodes: ['pregnant-women'],
      needCodes: ['emergency-stay', 'pregnancy-care'],
      municipalityCode: '461',
      accompanyingChildren: [3],
    },
  },
};

/** The same request as a plan: the referral and the steps that follow. */
const PLAN: GqlCase = {
  query: `query($input: ReferralInput!) { referralPlan(input: $input) {
    referral { options { rank score service { id name } reasons nextSteps ifFull { service { id } } }
      byNeed { need { code } options { rank service { id } } }
      unmetNeeds { need { code } nearest { service { id } } }
      followUps { need { code } options { service { id } } }
      guidance { code } }
    phases { phase steps { need { code } reason options { rank service { id name } reasons nextSteps } } } } }`,
  variables: REFERRAL.variables,
};

const LISTING_FILTER = { regionCode: '1083', targetGroupCodes: ['women'], needCodes: ['safety'] };
const LISTING: GqlCase = {
  query: `query($filter: ServiceFilterInput) { services(first: 20, filter: $filter) {
    totalCount edges { node { id name municipality { name } } } } }`,
  variables: { filter: LISTING_FILTER },
};

/** As the page sends it: the text as a variable (a text typed inline is never kept parsed). */
const SEARCH: GqlCase = {
  query: `query($q: String!) { searchServices(query: $q, first: 10) { totalHits hits { score service { id name } }
    facets { types { code count } regions { code count } targetGroups { code count } needs { code count } languages { code count } } } }`,
  variables: { q: 'krisecenter odense' },
};

// ---- Search on Meilisearch ---------------------------------------------------------------------

/** A GraphQL POST through node:http (Node's fetch adds a delayed-ACK wait to a POST here). */
async function postHttp(url: string, c: GqlCase, token?: string): Promise<Record<string, unknown>> {
  const json = (await meiliHttpClient(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(c),
  })) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (json.errors || !json.data) {
    throw new Error(`request failed: ${JSON.stringify(json.errors ?? json).slice(0, 500)}`);
  }
  return json.data;
}

/** For each id in turn: one edit through the API, then polls search until it finds it (ms). */
async function editsToSearchable(
  url: string,
  token: string | undefined,
  ids: string[],
  tag: string,
  pause: () => Promise<void> = () => Promise.resolve(),
): Promise<number[]> {
  const times: number[] = [];
  for (const [k, id] of ids.entries()) {
    await pause();
    const word = `benchword${tag}q${k}`;
    const { service } = (await postHttp(url, {
      query: 'query($id: ID!) { service(id: $id) { version } }',
      variables: { id },
    })) as { service: { version: number } };
    const t0 = performance.now();
    await postHttp(
      url,
      {
        query: `mutation($id: ID!, $v: Int!, $input: UpdateServiceInput!) {
          updateService(id: $id, expectedVersion: $v, input: $input) { version } }`,
        variables: { id, v: service.version, input: { description: `Bench edit ${word}.` } },
      },
      token,
    );
    for (;;) {
      const found = (await postHttp(url, {
        query: 'query($q: String!) { searchServices(query: $q, first: 1) { totalHits } }',
        variables: { q: word },
      })) as { searchServices: { totalHits: number } };
      if (found.searchServices.totalHits > 0) {
        break;
      }
    }
    times.push(performance.now() - t0);
  }
  return times;
}

/**
 * The same searches and edits with SEARCH_ENGINE=meilisearch, when a Meilisearch server binary
 * is there (MEILI_BIN or ../shared/meilisearch/meilisearch; else, or with BENCH_MEILI=0,
 * skipped): a throwaway server,
 * the API's scoped key, a full reindex (timed), search p50/p95, edit → searchable on an idle
 * outbox, then again while a backlog of one entry per listing (a bulk write touching all of
 * them) drains.
 */
async function measureMeili(
  env: NodeJS.ProcessEnv,
  neo: Neo4jService,
  serviceIds: string[],
  token: string | undefined,
) {
  const binary = process.env.BENCH_MEILI === '0' ? undefined : meiliBinary();
  if (!binary) {
    return null;
  }
  process.stdout.write(' meilisearch…');
  const meili = await startThrowawayMeili(binary);
  let api: ChildProcess | undefined;
  try {
    const indexUid = 'bench-services';
    const { key } = await ensureApiKey(meili.url, meili.masterKey, indexUid);
    const meiliEnv = {
      ...env,
      SEARCH_ENGINE: 'meilisearch',
      MEILI_URL: meili.url,
      MEILI_INDEX: indexUid,
      MEILI_MASTER_KEY: meili.masterKey,
    };
    const reindexStart = performance.now();
    const reindex = spawnSync(
      process.execPath,
      [join(ROOT, 'dist', 'src', 'cli', 'search-reindex.js')],
      { cwd: ROOT, env: meiliEnv, encoding: 'utf8' },
    );
    if (reindex.status !== 0) {
      throw new Error(`search:reindex on Meilisearch failed: ${reindex.stderr.slice(-1000)}`);
    }
    const reindexSeconds = round2((performance.now() - reindexStart) / 1000);

    const port = await scripts.freePort();
    api = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
      cwd: ROOT,
      env: {
        ...meiliEnv,
        MEILI_MASTER_KEY: '',
        MEILI_API_KEY: key,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'log',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(api);
    await waitForLine(api, /Henvis API ready/, 'the API on Meilisearch');
    const url = `http://127.0.0.1:${port}/graphql`;

    const search = await sample(async () => void (await postHttp(url, SEARCH)));
    const editToSearchable = timing(
      await editsToSearchable(url, token, serviceIds.slice(0, EDITS), 'idle'),
    );

    // The backlog: one entry per listing, in the backlog lane (as a bulk write records them).
    const pending = async (): Promise<number> => {
      const [row] = await neo.read<{ n: number }>(PENDING_OUTBOX);
      return row?.n ?? 0;
    };
    const outbox = new SearchOutbox();
    for (let i = 0; i < serviceIds.length; i += 1000) {
      const batch = serviceIds.slice(i, i + 1000);
      await neo.writeTx((tx) => outbox.recordInTx(tx, batch, 'backlog'));
    }
    const backlog = await pending();
    const drainStart = performance.now();
    const left: number[] = [];
    const underBacklog = await editsToSearchable(
      url,
      token,
      serviceIds.slice(EDITS, 2 * EDITS),
      'backlog',
      async () => {
        await new Promise((r) => setTimeout(r, 200));
        left.push(await pending());
      },
    );
    // How long the whole backlog takes to drain (given up after 15 minutes).
    let drainSeconds: number | null = null;
    while (performance.now() - drainStart < 15 * 60_000) {
      if ((await pending()) === 0) {
        drainSeconds = round2((performance.now() - drainStart) / 1000);
        break;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    return {
      engine: 'meilisearch',
      reindexSeconds,
      oneClient: search,
      editToSearchable,
      backlog: {
        entries: backlog,
        editToSearchable: timing(underBacklog),
        backlogLeftDuringEdits: { first: left[0] ?? null, last: left[left.length - 1] ?? null },
        drainSeconds,
      },
    };
  } finally {
    api?.kill('SIGTERM');
    await meili.stop();
  }
}

type MeiliResult = NonNullable<Awaited<ReturnType<typeof measureMeili>>>;

/** The synthetic network of `size` services in a throwaway Neo4j (full JIT), migrated and seeded. */
async function networkGraph(size: number) {
  console.log(`\nbench: ${size} services — starting a throwaway Neo4j (full JIT)…`);
  const pageCacheMb = Math.max(256, Math.ceil(size / 10_000) * 512);
  const graph = await scripts.startThrowawayGraph({ quickStart: false, pageCacheMb, heapMb: 1024 });
  const env = {
    ...process.env,
    NEO4J_URI: graph.uri,
    NEO4J_USERNAME: graph.username,
    NEO4J_PASSWORD: graph.password,
    SEARCH_ENGINE: 'neo4j',
    LOG_LEVEL: 'error' as const,
  };
  // the in-process app (for capturing the Cypher) reads its configuration from process.env
  Object.assign(process.env, {
    NEO4J_URI: env.NEO4J_URI,
    NEO4J_USERNAME: env.NEO4J_USERNAME,
    NEO4J_PASSWORD: env.NEO4J_PASSWORD,
    SEARCH_ENGINE: env.SEARCH_ENGINE,
    LOG_LEVEL: env.LOG_LEVEL,
  });
  const config = loadConfig(env);
  const neo = new Neo4jService(config);
  try {
    await neo.verify();
    await migrate(neo);
    await seedReference(neo);
    const network = syntheticNetwork({ count: size, seed: 10, prefix: 'bench', now: new Date() });
    const loadStart = performance.now();
    await writeListings(
      neo,
      network,
      (line) => {
        const m = /services (\d+)\/(\d+)/.exec(line);
        if (m) {
          process.stdout.write(`\rbench: loading ${bar(Number(m[1]), Number(m[2]))}`);
        }
      },
      500,
    );
    process.stdout.write('\n');
    const loadSeconds = round2((performance.now() - loadStart) / 1000);
    return { graph, env, config, neo, network, loadSeconds };
  } catch (error) {
    await neo.onApplicationShutdown();
    await graph.stop();
    throw error;
  }
}

/** Resolves once every one of `patterns` has appeared in the child's output. */
function waitForLines(child: ChildProcess, patterns: RegExp[], what: string): Promise<void> {
  return Promise.all(patterns.map((p) => waitForLine(child, p, what))).then(() => undefined);
}

/**
 * The built API as production runs it (NODE_ENV=production: a JSON line per request on stdout,
 * read by this process) with `workers` worker processes, once every worker is ready.
 */
async function startApi(env: NodeJS.ProcessEnv, workers: number): Promise<string> {
  const port = await scripts.freePort();
  const api = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      ...env,
      NODE_ENV: 'production',
      WEB_CONCURRENCY: String(workers),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'log',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(api);
  const ready =
    workers === 1
      ? [/Henvis API ready/]
      : Array.from(
          { length: workers },
          (_, i) => new RegExp(`Henvis API ready \\(worker ${i + 1}\\)`),
        );
  await waitForLines(api, ready, `the API (${workers} workers)`);
  return `http://127.0.0.1:${port}/graphql`;
}

/**
 * Referrals per second at CONNECTIONS connections with one worker and with two (WEB_CONCURRENCY),
 * each after a warm-up spread over the connections (so every worker has its snapshot), on the
 * same graph; and the ratio two ÷ one.
 */
async function measureWorkers(env: NodeJS.ProcessEnv) {
  const perWorkers: Record<number, Awaited<ReturnType<typeof throughput>>> = {};
  for (const workers of [1, 2]) {
    process.stdout.write(` ${workers} worker(s)…`);
    const url = await startApi(env, workers);
    const api = running[running.length - 1];
    try {
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          for (let i = 0; i < Math.ceil(WARMUP / CONNECTIONS); i++) {
            await post(url, REFERRAL);
          }
        }),
      );
      perWorkers[workers] = await throughput(url, REFERRAL);
    } finally {
      api.kill('SIGTERM');
      await new Promise((resolve) => api.once('exit', resolve));
    }
  }
  return {
    oneWorker: perWorkers[1],
    twoWorkers: perWorkers[2],
    twoOverOne: round2(perWorkers[2].requestsPerSecond / perWorkers[1].requestsPerSecond),
  };
}

/** BENCH_ONLY=workers: only the referral's throughput with one and with two workers. */
async function measureWorkersOnly(size: number) {
  const started = Date.now();
  const { graph, env, neo, loadSeconds } = await networkGraph(size);
  try {
    process.stdout.write('bench: referral throughput with');
    const workers = await measureWorkers(env);
    process.stdout.write(' done\n');
    return {
      services: size,
      loadSeconds,
      workers,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    for (const child of running.splice(0)) {
      child.kill('SIGTERM');
    }
    await neo.onApplicationShutdown();
    await graph.stop();
  }
}

async function measureSize(size: number) {
  const started = Date.now();
  const { graph, env, config, neo, network, loadSeconds } = await networkGraph(size);
  const children = running;
  let context: INestApplication | undefined;
  try {
    const url = await startApi(env, 1);

    const basePort = await scripts.freePort();
    const baseline = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(ROOT, 'bench', 'neo4j-graphql-server.ts')],
      {
        cwd: ROOT,
        env: { ...env, BASELINE_PORT: String(basePort) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(baseline);
    await waitForLine(baseline, /baseline ready/, 'the @neo4j/graphql baseline');
    const baseUrl = `http://127.0.0.1:${basePort}/`;

    // The same app in this process (not listening), to capture the Cypher each case runs.
    context = await createApp(config);
    await context.init();
    const tax = await context.get(TaxonomyService).get();
    const geo = await context.get(GeographyService).get();
    const referralInput = Object.assign(new ReferralInput(), {
      ...(REFERRAL.variables?.input as object),
      limit: 10,
    });
    const appNeo = context.get(Neo4jService);
    // load the cached candidate rows first, as the API has them after its warm-up
    await context.get(ReferralService).refer(referralInput, Language.DA);
    const referralQueries = await capture(appNeo, () =>
      context!.get(ReferralService).refer(referralInput, Language.DA),
    );
    const listingQueries = await capture(appNeo, () =>
      context!.get(ServicePages).listServices(LISTING_FILTER, { first: 20 }, true),
    );
    const searchQueries = await capture(appNeo, () =>
      context!
        .get(SearchService)
        .searchServices(
          Object.assign(new SearchServicesArgs(), { query: 'krisecenter odense', first: 10 }),
        ),
    );

    process.stdout.write('bench: referral…');
    const referral = await sample(async () => void (await post(url, REFERRAL)));
    const referralRaw = await sample(raw(neo, config, referralQueries));
    const referralLoad = await throughput(url, REFERRAL);
    process.stdout.write(' workers…');
    const workers = await measureWorkers(env);
    process.stdout.write(' plan…');
    const plan = await sample(async () => void (await post(url, PLAN)));
    const planQueries = await capture(appNeo, () =>
      context!.get(ReferralService).plan(referralInput, Language.DA),
    );
    process.stdout.write(' listing…');
    const listing = await sample(async () => void (await post(url, LISTING)));
    const listingRaw = await sample(raw(neo, config, listingQueries));
    const regionMunicipalities = geo.municipalitiesIn('1083').map((m) => m.code);
    const baselineCase: GqlCase = {
      query: `query($groups: [ID!], $needs: [ID!], $region: ID!, $municipalities: [ID!]) {
        servicesConnection(first: 20, sort: [{ name: ASC }, { id: ASC }], where: { AND: [
          { archived: { eq: false } },
          { targetGroups: { some: { code: { in: $groups } } } },
          { needs: { some: { code: { in: $needs } } } },
          { OR: [
            { coveredRegions: { some: { code: { eq: $region } } } },
            { municipality: { some: { code: { in: $municipalities } } } },
            { coveredMunicipalities: { some: { code: { in: $municipalities } } } }
          ] }
        ] }) { totalCount edges { node { id name municipality { name } } } } }`,
      variables: {
        groups: tax.targetGroups.expandForMatch(LISTING_FILTER.targetGroupCodes),
        needs: tax.needs.expandForMatch(LISTING_FILTER.needCodes),
        region: LISTING_FILTER.regionCode,
        municipalities: regionMunicipalities,
      },
    };
    type Conn = { totalCount: number; edges: { node: { id: string } }[] };
    const ours = (await post(url, LISTING)).services as Conn;
    const theirs = (await post(baseUrl, baselineCase)).servicesConnection as Conn;
    const sameAnswer =
      ours.totalCount === theirs.totalCount &&
      JSON.stringify(ours.edges.map((e) => e.node.id)) ===
        JSON.stringify(theirs.edges.map((e) => e.node.id));
    const listingBaseline = await sample(
      async () => void (await post(baseUrl, baselineCase)),
      Math.min(WARMUP, 50),
      Math.min(ROUNDS, 100),
    );
    const listingLoad = await throughput(url, LISTING);
    process.stdout.write(' search…');
    const search = await sample(async () => void (await post(url, SEARCH)));
    const searchRaw = await sample(raw(neo, config, searchQueries));
    process.stdout.write(' hsds…');
    const hsdsPageUrl = new URL('/hsds/services?per_page=100', url).toString();
    const hsdsPage = await sample(async () => {
      const res = await fetch(hsdsPageUrl);
      const page = (await res.json()) as { size?: number };
      if (!res.ok || page.size !== 100) {
        throw new Error(`/hsds/services answered ${res.status} with ${page.size} services`);
      }
    });
    // the command as npm runs it (built): a process start, every document, both file forms
    const exportDir = mkdtempSync(join(os.tmpdir(), 'henvis-bench-hsds-'));
    const exportStart = performance.now();
    const exported = spawnSync(
      process.execPath,
      [join(ROOT, 'dist', 'src', 'cli', 'hsds-export.js'), '--out', exportDir],
      { cwd: ROOT, env, encoding: 'utf8' },
    );
    const hsdsExportSeconds =
      exported.status === 0 ? round2((performance.now() - exportStart) / 1000) : null;
    rmSync(exportDir, { recursive: true, force: true });
    process.stdout.write(' edit → searchable…');
    const issued = await issueToken(new ApiTokenRepository(neo), {
      name: 'bench',
      role: Role.ADMIN,
      organisationId: null,
    });
    const editTimes: number[] = [];
    for (let k = 0; k < EDITS; k++) {
      const id = network.services[k].id;
      const word = `benchword${k}q${size}`;
      const { service } = (await post(url, {
        query: 'query($id: ID!) { service(id: $id) { version } }',
        variables: { id },
      })) as { service: { version: number } };
      const t0 = performance.now();
      await post(
        url,
        {
          query: `mutation($id: ID!, $v: Int!, $input: UpdateServiceInput!) {
            updateService(id: $id, expectedVersion: $v, input: $input) { version } }`,
          variables: { id, v: service.version, input: { description: `Bench edit ${word}.` } },
        },
        issued?.token,
      );
      for (;;) {
        const found = (await post(url, {
          query: 'query($q: String!) { searchServices(query: $q, first: 1) { totalHits } }',
          variables: { q: word },
        })) as { searchServices: { totalHits: number } };
        if (found.searchServices.totalHits > 0) {
          break;
        }
      }
      editTimes.push(performance.now() - t0);
    }
    const editToSearchable = timing(editTimes);
    process.stdout.write(' reindex…');
    const reindexStart = performance.now();
    const reindex = spawnSync(
      process.execPath,
      [join(ROOT, 'dist', 'src', 'cli', 'search-reindex.js')],
      { cwd: ROOT, env, encoding: 'utf8' },
    );
    const reindexSeconds =
      reindex.status === 0 ? round2((performance.now() - reindexStart) / 1000) : null;
    const meilisearch = await measureMeili(
      env,
      neo,
      network.services.map((s) => s.id),
      issued?.token,
    );
    process.stdout.write(' done\n');

    return {
      services: size,
      loadSeconds,
      referral: {
        oneClient: referral,
        rawCypher: referralRaw,
        apiOverRaw: round2(referral.p50 / referralRaw.p50),
        queries: referralQueries.length,
        load: referralLoad,
        workers,
      },
      plan: {
        oneClient: plan,
        overReferral: round2(plan.p50 / referral.p50),
        queries: planQueries.length,
      },
      listing: {
        oneClient: listing,
        rawCypher: listingRaw,
        apiOverRaw: round2(listing.p50 / listingRaw.p50),
        neo4jGraphql: listingBaseline,
        neo4jGraphqlOverHenvis: round2(listingBaseline.p50 / listing.p50),
        sameAnswerAsNeo4jGraphql: sameAnswer,
        queries: listingQueries.length,
        load: listingLoad,
      },
      search: {
        engine: 'neo4j',
        oneClient: search,
        rawCypher: searchRaw,
        apiOverRaw: round2(search.p50 / searchRaw.p50),
        queries: searchQueries.length,
      },
      hsds: { servicesPage: hsdsPage, exportSeconds: hsdsExportSeconds },
      editToSearchable,
      reindexSeconds,
      meilisearch,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await context?.close();
    for (const child of children.splice(0)) {
      child.kill('SIGTERM');
    }
    await neo.onApplicationShutdown();
    await graph.stop();
  }
}

/** The machine: cores, model, memory, Node, and the load average (others' work shows in it). */
function machine(loadBefore: number[]) {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    model: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageBefore: loadBefore.map(round2),
    loadAverageAfter: os.loadavg().map(round2),
  };
}

/** Writes the result as the repository's formatter would, so a committed result passes `npm run lint`. */
async function writeResult(result: { date: string; commit: string }, suffix = ''): Promise<string> {
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${result.date.slice(0, 10)}-${result.commit}${suffix}.json`);
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(
    file,
    await prettier.format(JSON.stringify(result, null, 2), { ...options, filepath: file }),
  );
  return file;
}

/** BENCH_ONLY=workers: the referral's throughput with one and two workers, nothing else. */
async function workersOnly(commit: string): Promise<void> {
  const loadBefore = os.loadavg();
  const sizes = [];
  for (const size of SIZES) {
    sizes.push(await measureWorkersOnly(size));
  }
  const result = {
    date: new Date().toISOString(),
    commit,
    machine: machine(loadBefore),
    settings: { warmup: WARMUP, throughputSeconds: DURATION, connections: CONNECTIONS },
    sizes,
  };
  const file = await writeResult(result, '-workers');
  console.log(
    `\n${result.machine.cpus} × ${result.machine.model}; load ${result.machine.loadAverageBefore.join(' ')} → ${result.machine.loadAverageAfter.join(' ')}\n`,
  );
  for (const s of sizes) {
    console.log(
      `${s.services} services, referral at ${CONNECTIONS} connections: 1 worker ${s.workers.oneWorker.requestsPerSecond} req/s (${s.workers.oneWorker.errors} errors), 2 workers ${s.workers.twoWorkers.requestsPerSecond} req/s (${s.workers.twoWorkers.errors} errors): ${s.workers.twoOverOne} ×`,
    );
  }
  console.log(`\nbench: wrote ${file}`);
}

/**
 * The commit the bench measures: HEAD's short hash, with `-dirty` when the working tree holds
 * uncommitted changes (then the figures are not those of the commit alone).
 */
function measuredCommit(): string {
  const git = (...args: string[]) =>
    spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short=7', 'HEAD') || 'unknown';
  return git('status', '--porcelain', '--untracked-files=no') ? `${commit}-dirty` : commit;
}

async function main(): Promise<void> {
  const commit = measuredCommit();
  console.log(`bench: building the API at ${commit}…`);
  buildApi();
  if (process.env.BENCH_ONLY === 'workers') {
    return workersOnly(commit);
  }
  const loadBefore = os.loadavg();
  const sizes = [];
  for (const size of SIZES) {
    sizes.push(await measureSize(size));
  }
  const result = {
    date: new Date().toISOString(),
    commit,
    machine: machine(loadBefore),
    settings: {
      rounds: ROUNDS,
      warmup: WARMUP,
      throughputSeconds: DURATION,
      connections: CONNECTIONS,
    },
    sizes,
  };
  const file = await writeResult(result);

  type Size = (typeof sizes)[number];
  const rows: [string, (s: Size) => string | number][] = [
    ['services', (s) => s.services],
    ['referral p50 ms (one client)', (s) => s.referral.oneClient.p50],
    ['referral p95 ms', (s) => s.referral.oneClient.p95],
    ['referral p99 ms', (s) => s.referral.oneClient.p99],
    [`referral req/s (${CONNECTIONS} connections)`, (s) => s.referral.load.requestsPerSecond],
    [
      'referral req/s, 1 worker (WEB_CONCURRENCY)',
      (s) => s.referral.workers.oneWorker.requestsPerSecond,
    ],
    ['referral req/s, 2 workers', (s) => s.referral.workers.twoWorkers.requestsPerSecond],
    ['referral 2 workers ÷ 1', (s) => s.referral.workers.twoOverOne],
    ['referral errors under load', (s) => s.referral.load.errors],
    ['referral raw Cypher p50 ms', (s) => s.referral.rawCypher.p50],
    ['referral API ÷ raw Cypher', (s) => s.referral.apiOverRaw],
    ['referralPlan p50 ms (one client)', (s) => s.plan.oneClient.p50],
    ['referralPlan ÷ referral', (s) => s.plan.overReferral],
    ['referral / referralPlan queries', (s) => `${s.referral.queries}/${s.plan.queries}`],
    ['services (region+group+need) p50 ms', (s) => s.listing.oneClient.p50],
    ['services p95 ms', (s) => s.listing.oneClient.p95],
    ['services raw Cypher p50 ms', (s) => s.listing.rawCypher.p50],
    ['services API ÷ raw Cypher', (s) => s.listing.apiOverRaw],
    ['services queries', (s) => s.listing.queries],
    ['@neo4j/graphql 7 same listing p50 ms', (s) => s.listing.neo4jGraphql.p50],
    ['@neo4j/graphql ÷ Henvis', (s) => s.listing.neo4jGraphqlOverHenvis],
    ['same answer as @neo4j/graphql', (s) => String(s.listing.sameAnswerAsNeo4jGraphql)],
    ['searchServices + facets p50 ms', (s) => s.search.oneClient.p50],
    ['searchServices p95 ms', (s) => s.search.oneClient.p95],
    ['search raw Cypher p50 ms', (s) => s.search.rawCypher.p50],
    ['search API ÷ raw Cypher', (s) => s.search.apiOverRaw],
    ['search queries', (s) => s.search.queries],
    ['/hsds/services?per_page=100 p50 ms', (s) => s.hsds.servicesPage.p50],
    ['/hsds/services?per_page=100 p95 ms', (s) => s.hsds.servicesPage.p95],
    ['hsds:export (every document) s', (s) => s.hsds.exportSeconds ?? 'failed'],
    ['edit → searchable p50 ms', (s) => s.editToSearchable.p50],
    ['edit → searchable p95 ms', (s) => s.editToSearchable.p95],
    ['full search reindex s', (s) => s.reindexSeconds ?? 'failed'],
  ];
  console.log(
    `\n${result.machine.cpus} × ${result.machine.model}, ${result.machine.memoryGb} GB, Node ${result.machine.node}; load ${loadBefore.map(round2).join(' ')} → ${result.machine.loadAverageAfter.join(' ')}\n`,
  );
  const meiliRows: [string, (m: MeiliResult) => string | number][] = [
    ['Meilisearch: searchServices p50 ms', (m) => m.oneClient.p50],
    ['Meilisearch: searchServices p95 ms', (m) => m.oneClient.p95],
    ['Meilisearch: edit → searchable p50 ms', (m) => m.editToSearchable.p50],
    ['Meilisearch: edit → searchable p95 ms', (m) => m.editToSearchable.p95],
    ['Meilisearch: backlog entries', (m) => m.backlog.entries],
    ['  edit → searchable p50 ms, backlog draining', (m) => m.backlog.editToSearchable.p50],
    ['  edit → searchable p95 ms, backlog draining', (m) => m.backlog.editToSearchable.p95],
    [
      '  backlog left at first / last edit',
      (m) => `${m.backlog.backlogLeftDuringEdits.first}/${m.backlog.backlogLeftDuringEdits.last}`,
    ],
    ['  backlog drained in s', (m) => m.backlog.drainSeconds ?? '>900'],
    ['Meilisearch: full reindex s', (m) => m.reindexSeconds],
  ];
  for (const [label, value] of meiliRows) {
    rows.push([label, (s) => (s.meilisearch ? value(s.meilisearch) : 'no server')]);
  }
  for (const [label, value] of rows) {
    console.log(`${label.padEnd(46)}${sizes.map((s) => String(value(s)).padStart(12)).join('')}`);
  }
  console.log(`\nbench: wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
