import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { print } from 'graphql';
import { SafeDocumentCache } from '../src/common/document-cache';
import { Neo4jService } from '../src/neo4j/neo4j.service';
import { GqlResponse, ok } from './support/api';
import {
  expectRefusedBeforeRun,
  liveWhile,
  median,
  postQuery,
  serveApiForSuite,
} from './support/served-api';

/**
 * Small queries that would cost seconds to validate and execute. Each is refused right after
 * parsing, before graphql's validation and execution, and none holds up /health/live (on the same process) by more than
 * 100 ms.
 */
const served = serveApiForSuite();

const CYCLE =
  '{ regions { municipalities { region { municipalities { region { municipalities { region { name } } } } } } } }';
// Compact, so the 3,500 aliases stay under the 100 kB body limit.
const ALIASES = `{regions{${Array.from({ length: 3500 }, (_, i) => `m${i}:municipalities{code}`).join(' ')}}}`;
const SCHEMAS = `{${Array.from({ length: 1600 }, (_, i) => `s${i}:__schema{types{name}}`).join(' ')}}`;
// The same, just under the 4,000-token limit: parsed whole, refused by the alias limit.
const ALIASES_600 = `{regions{${Array.from({ length: 600 }, (_, i) => `m${i}:municipalities{code}`).join(' ')}}}`;
const SCHEMAS_400 = `{${Array.from({ length: 400 }, (_, i) => `s${i}:__schema{types{name}}`).join(' ')}}`;

const post = (query: string) => postQuery(served.base, query);
/** The most one request may add to /health/live. */
const LIVE_BUDGET_MS = 100;
/** Each refused query is sent this many times, one after another, per measurement. */
const ROUNDS = 5;

/**
 * Measures, in this process (the API is served in-process), what the refused queries do to the
 * event loop and to /health/live: the longest stall of the loop (`monitorEventLoopDelay`) and the
 * slowest /health/live answer while they are handled one at a time, against the median
 * /health/live answer of the same process just before, without them.
 */
interface Measurement {
  loopStallMs: number;
  liveAddedMs: number;
  /** Processor time this process spent per refused request (client, server and the polling). */
  cpuPerRequestMs: number;
}

async function measure(query: string): Promise<Measurement> {
  const idle = await liveWhile(served.base, new Promise((resolve) => setTimeout(resolve, 300)));
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpu = process.cpuUsage();
  const refusals = (async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const res = await post(query);
      expect(res.status).toBe(400);
    }
  })();
  const busy = await liveWhile(served.base, refusals);
  await refusals;
  loop.disable();
  const used = process.cpuUsage(cpu);
  return {
    cpuPerRequestMs: (used.user + used.system) / 1000 / ROUNDS,
    // The histogram counts from the timer's due time, in nanoseconds.
    loopStallMs: loop.max / 1e6,
    liveAddedMs: Math.max(...busy) - median(idle),
  };
}

it.each([
  [
    'the regions/municipalities cycle at depth 8',
    CYCLE,
    'GRAPHQL_VALIDATION_FAILED',
    /^The query costs \d+; at most 10000/,
  ],
  [
    '3,500 aliases below the root',
    ALIASES,
    'GRAPHQL_PARSE_FAILED',
    /^Syntax Error: Document contains more tha[nt] 4000 tokens/,
  ],
  [
    '1,600 aliased introspections',
    SCHEMAS,
    'GRAPHQL_PARSE_FAILED',
    /^Syntax Error: Document contains more tha[nt] 4000 tokens/,
  ],
  [
    '600 aliases below the root',
    ALIASES_600,
    'GRAPHQL_VALIDATION_FAILED',
    /^The query uses 600 aliases; at most 30/,
  ],
  [
    '400 aliased introspections',
    SCHEMAS_400,
    'GRAPHQL_VALIDATION_FAILED',
    /^The query uses 400 aliases; at most 30/,
  ],
])('refuses %s before it runs', async (_name, query, code, message) => {
  await expectRefusedBeforeRun(served.base, query, code, message);
});

it.each([
  ['the regions/municipalities cycle at depth 8', CYCLE],
  ['3,500 aliases below the root', ALIASES],
  ['1,600 aliased introspections', SCHEMAS],
  ['600 aliases below the root', ALIASES_600],
  ['400 aliased introspections', SCHEMAS_400],
])(
  'handles %s without holding up /health/live by more than 100 ms',
  async (_name, query) => {
    // Validating and executing one of these would hold the process for seconds; parsing and
    // refusing it takes milliseconds. A loaded machine can stall any process now and then, so a
    // measurement that misses is taken again, up to three times: a request that really blocks
    // the event loop for longer than the budget misses every time. On a machine so loaded that
    // this process gets a small share of a core, wall-clock stalls grow with the load, not with
    // the request; there the processor time the request costs decides (seconds of parsing fail
    // it too).
    const within = (t: Measurement): boolean =>
      (t.loopStallMs <= LIVE_BUDGET_MS && t.liveAddedMs <= LIVE_BUDGET_MS) ||
      t.cpuPerRequestMs <= LIVE_BUDGET_MS / 2;
    const tries: Measurement[] = [];
    while (tries.length < 3 && !tries.some(within)) {
      tries.push(await measure(query));
    }
    console.log(`${_name}: ${JSON.stringify(tries)}`);
    // On failure the message shows every measurement.
    expect(tries.some(within) ? 'within budget' : tries).toBe('within budget');
  },
  60_000,
);

it('refuses a document of more than 4,000 tokens while parsing', async () => {
  const res = await post(`{ ${'a '.repeat(4_001)}}`);
  expect([res.status, res.body.errors?.[0].extensions.code]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
});

it('prices a variable page size by its value', async () => {
  const page = 'query($n: Int!) { services(first: $n) { edges { node { id name } } } }';
  const many = (n: number): string =>
    `query($n: Int!) { ${Array.from({ length: n }, (_, i) => `s${i}: services(first: $n) { edges { node { id name targetGroups { code name } } } }`).join(' ')} }`;
  const send = (query: string, n: number) =>
    fetch(`${served.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { n } }),
    }).then(async (r) => (await r.json()) as GqlResponse<Record<string, unknown>>);
  expect(ok(await send(page, 100))).toHaveProperty('services');
  // 10 pages of 100 services with their groups: over the limit; of 5 each: well under it.
  expect((await send(many(10), 100)).errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(Object.keys(ok(await send(many(10), 5)))).toHaveLength(10);
});

describe('the document cache', () => {
  const cache = (): SafeDocumentCache => served.api.app.get(SafeDocumentCache);
  const send = async (query: string, variables?: Record<string, unknown>) => {
    const res = await fetch(`${served.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as GqlResponse<Record<string, unknown>> };
  };
  /** Every document in the cache, printed (whitespace as graphql prints it). */
  const stored = (): string[] =>
    cache()
      .documents()
      .map((document) => print(document));

  it('serves a repeated query from the cache', async () => {
    const query = 'query Hit($n: Int!) { services(first: $n) { totalCount } }';
    const first = await send(query, { n: 3 });
    const hits = cache().hits;
    const second = await send(query, { n: 4 });
    expect(second).toEqual(first);
    expect(cache().hits).toBe(hits + 1);
    expect(stored().filter((doc) => doc.includes('query Hit('))).toHaveLength(1);
  });

  it('still refuses a cached document whose variables price it over the limit', async () => {
    const many = `query Many($n: Int!) { ${Array.from({ length: 10 }, (_, i) => `s${i}: services(first: $n) { edges { node { id name targetGroups { code name } } } }`).join(' ')} }`;
    const refusedFresh = await send(many, { n: 100 }); // refused while parsed: not stored
    expect(stored().some((doc) => doc.includes('query Many('))).toBe(false);
    const fine = await send(many, { n: 5 });
    expect(fine.status).toBe(200);
    expect(Object.keys(ok(fine.body))).toHaveLength(10);
    expect(stored().some((doc) => doc.includes('query Many('))).toBe(true);

    const hits = cache().hits;
    const reads = jest.spyOn(Neo4jService.prototype, 'read');
    try {
      const refusedCached = await send(many, { n: 100 });
      expect(cache().hits).toBe(hits + 1);
      expect(reads).not.toHaveBeenCalled();
      // The same answer as the refusal of the freshly parsed document: a validation error, 400.
      expect(refusedCached).toEqual(refusedFresh);
      expect(refusedCached.status).toBe(400);
      expect(refusedCached.body).not.toHaveProperty('data');
      expect(refusedCached.body.errors).toHaveLength(1);
      expect(refusedCached.body.errors?.[0].extensions).toEqual({
        code: 'GRAPHQL_VALIDATION_FAILED',
      });
      expect(refusedCached.body.errors?.[0].message).toMatch(
        /^The query costs \d+; at most 10000 is allowed\.$/,
      );
    } finally {
      reads.mockRestore();
    }
  });

  it('never keeps an inline referral or inline search text, and parses it every time', async () => {
    const marker = 'Anna Jensen, 34';
    const referral = `query Inline { referral(input: { targetGroupCodes: ["pregnant-women"], needCodes: ["emergency-stay"], municipalityCode: "461", age: 34 }) { guidance { code } } }`;
    const search = `query InlineSearch { searchServices(query: "${marker}") { totalHits } }`;
    const withComment = `# ${marker}\nquery Commented { regions { code } }`;
    for (let i = 0; i < 2; i++) {
      expect((await send(referral)).status).toBe(200);
      expect((await send(search)).status).toBe(200);
      expect((await send(withComment)).status).toBe(200);
    }
    const documents = cache().documents();
    expect(documents.length).toBeGreaterThan(0);
    for (const document of documents) {
      const source = document.loc?.source.body ?? '';
      expect(source).not.toMatch(/Inline|Commented|pregnant|emergency-stay|Anna|461/);
    }
  });

  it('keeps no query text for automatic persisted queries (they are off)', async () => {
    const query = '{ municipality(code: "461") { name } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    for (const body of [{ query, extensions }, { extensions }]) {
      const res = await fetch(`${served.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = (await res.json()) as GqlResponse<unknown>;
      // The APQ protocol's own answer (HTTP 200): the query was neither run nor kept.
      expect(answer).toEqual({
        errors: [
          {
            message: 'PersistedQueryNotSupported',
            extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' },
          },
        ],
      });
    }
  });
});

it('answers without an ETag or X-Powered-By header', async () => {
  const res = await fetch(`${served.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ regions { code } }' }),
  });
  expect(res.status).toBe(200);
  expect([res.headers.get('etag'), res.headers.get('x-powered-by')]).toEqual([null, null]);
});
