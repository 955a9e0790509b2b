import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { GeographyService } from '../src/geography/geography.service';
import { Neo4jService } from '../src/neo4j/neo4j.service';
import { GqlResponse, ok, startApi, TestApi } from './support/api';

/**
 * Issue 8: small queries that cost seconds. Each is refused right after parsing, before graphql's
 * validation and execution, while /health/live (on the same process) keeps answering.
 */
let api: TestApi;
let base: string;

beforeAll(async () => {
  api = await startApi();
  const server = api.app.getHttpServer() as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await api.close();
});

const CYCLE =
  '{ regions { municipalities { region { municipalities { region { municipalities { region { name } } } } } } } }';
// Compact, so the 3,500 aliases stay under the 100 kB body limit.
const ALIASES = `{regions{${Array.from({ length: 3500 }, (_, i) => `m${i}:municipalities{code}`).join(' ')}}}`;
const SCHEMAS = `{${Array.from({ length: 1600 }, (_, i) => `s${i}:__schema{types{name}}`).join(' ')}}`;

async function post(query: string): Promise<{ status: number; body: GqlResponse<unknown> }> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as GqlResponse<unknown> };
}

/** Sends the query and, while it is being handled, asks /health/live; how long live took. */
async function refusedWhileLive(query: string): Promise<{
  status: number;
  body: GqlResponse<unknown>;
  live: number;
  liveMs: number;
}> {
  const refused = post(query);
  // Let the query's body reach the server first, then ask the same process for liveness.
  await new Promise((resolve) => setImmediate(resolve));
  const started = performance.now();
  const live = await fetch(`${base}/health/live`);
  const liveMs = performance.now() - started;
  const { status, body } = await refused;
  return { status, body, live: live.status, liveMs };
}

it.each([
  ['the regions/municipalities cycle at depth 8', CYCLE, /^The query costs \d+; at most 10000/],
  ['3,500 aliases below the root', ALIASES, /^The query uses 3500 aliases; at most 30/],
  ['1,600 aliased introspections', SCHEMAS, /^The query uses 1600 aliases; at most 30/],
])('refuses %s before it runs, while /health/live answers', async (_name, query, message) => {
  const regions = jest.spyOn(GeographyService.prototype, 'get');
  const reads = jest.spyOn(Neo4jService.prototype, 'read');
  try {
    const res = await refusedWhileLive(query);
    expect(res.status).toBe(400);
    expect(res.body).not.toHaveProperty('data'); // refused before execution
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors?.[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(res.body.errors?.[0].message).toMatch(message);
    expect(regions).not.toHaveBeenCalled();
    expect(reads).not.toHaveBeenCalled();
    expect(res.live).toBe(200);
    // Each took seconds before (issue 8); the aim is < 100 ms, the bound is generous for a loaded
    // CI machine, where the live request itself can take tens of milliseconds.
    expect(res.liveMs).toBeLessThan(1500);
  } finally {
    regions.mockRestore();
    reads.mockRestore();
  }
});

it('refuses a document of more than 30,000 tokens while parsing', async () => {
  const res = await post(`{ ${'a '.repeat(30_001)}}`); // 60 kB, under the body limit
  expect([res.status, res.body.errors?.[0].extensions.code]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
});

it('prices a variable page size by its value', async () => {
  const page = 'query($n: Int!) { services(first: $n) { edges { node { id name } } } }';
  const many = (n: number): string =>
    `query($n: Int!) { ${Array.from({ length: n }, (_, i) => `s${i}: services(first: $n) { edges { node { id name targetGroups { code name } } } }`).join(' ')} }`;
  const send = (query: string, n: number) =>
    fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { n } }),
    }).then(async (r) => (await r.json()) as GqlResponse<Record<string, unknown>>);
  expect(ok(await send(page, 100))).toHaveProperty('services');
  // 10 pages of 100 services with their groups: over the limit; of 5 each: well under it.
  expect((await send(many(10), 100)).errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(Object.keys(ok(await send(many(10), 5)))).toHaveLength(10);
});
