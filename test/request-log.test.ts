import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { closeApi, ok, startApi, TestApi } from './support/api';
import { createConfidentialShelter } from './support/confidential-shelter';
import { setEnv } from './support/env';
import { createListings, organisation, uniquePrefix } from './support/factory';
import { LogCapture } from './support/log-capture';
import { createRoleTokens, RoleTokens } from './support/tokens';

/**
 * The request log in production (NODE_ENV=production, LOG_LEVEL=log): one JSON line per request
 * with its id (taken from X-Request-Id when it is a plain short id, else made, and sent back),
 * the GraphQL operation's type, name and root fields, its error codes, the status and the
 * duration; never a token, a variable, the body, a query string, or a confidential address.
 */
const P = uniquePrefix('reqlog');
const orgA = `${P}-org-a`;
const shelterId = `${P}-shelter`;
const SECRET_STREET = `Lukketvej ${randomBytes(4).toString('hex')}`;
const MARKER = `zq${randomBytes(4).toString('hex')}`;

let api: TestApi;
let tokens: RoleTokens;
let restoreEnv: () => void;
const logs = new LogCapture();

interface Line {
  level: string;
  msg: string;
  requestId?: string;
  req?: { method: string; path: string };
  res?: { status: number };
  durationMs?: number;
  operation?: { type: string; name: string | null; fields: string[]; errors?: string[] };
}

/** The JSON lines logged so far (every line must be JSON in production). */
function lines(): Line[] {
  return logs
    .text()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line);
}

/** The request lines of one request id (the log is written when the response has finished). */
async function linesOf(id: string): Promise<Line[]> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  return lines().filter((l) => l.requestId === id && l.req);
}

const http = () => request(api.app.getHttpServer() as Parameters<typeof request>[0]);

beforeAll(async () => {
  restoreEnv = setEnv({ NODE_ENV: 'production', LOG_LEVEL: 'log', SEARCH_ENGINE: 'neo4j' });
  logs.start();
  api = await startApi();
  await createListings(api.neo, [organisation(orgA)], []);
  tokens = await createRoleTokens(api.neo, P, orgA, orgA);
  await createConfidentialShelter(api, tokens.editorA, {
    organisationId: orgA,
    id: shelterId,
    name: 'Demo Lukket Krisecenter',
    description: 'Døgnåbent',
    coverage: { national: true, regionCodes: [], municipalityCodes: [] },
    address: { street: SECRET_STREET, postalCode: '5000', city: 'Odense C' },
    professionalPhone: '+45 70 70 55 66',
  });
});

afterAll(async () => {
  await closeApi(api, P);
  logs.stop();
  restoreEnv();
});

it('writes one JSON line per request: id, operation, status, duration', async () => {
  const res = await http()
    .post('/graphql')
    .set('x-request-id', 'lb-7f3a.01')
    .send({ query: 'query Listing { services(first: 1) { totalCount } }' });
  expect(res.status).toBe(200);
  expect(res.headers['x-request-id']).toBe('lb-7f3a.01');
  const found = await linesOf('lb-7f3a.01');
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({
    level: 'info',
    req: { method: 'POST', path: '/graphql' },
    res: { status: 200 },
    operation: { type: 'query', name: 'Listing', fields: ['services'] },
  });
  expect(found[0].msg).toMatch(/^POST \/graphql 200 \d+ ms query Listing$/);
  expect(found[0].durationMs).toEqual(expect.any(Number));
});

it.each([
  ['missing', undefined],
  ['with a space', 'a b'],
  ['too long', 'x'.repeat(65)],
  ['with a quote', 'id"}'],
])('makes its own request id when the given one is %s', async (_how, given) => {
  let req = http().post('/graphql');
  if (given !== undefined) {
    req = req.set('x-request-id', given);
  }
  const res = await req.send({ query: '{ regions { code } }' });
  const id = String(res.headers['x-request-id']);
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const found = await linesOf(id);
  expect(found.map((l) => l.operation)).toEqual([
    { type: 'query', name: null, fields: ['regions'] },
  ]);
});

it('logs the error codes of a refused referral, never its input', async () => {
  const res = await http()
    .post('/graphql')
    .set('x-request-id', 'refused-referral')
    .send({
      query: `query Refer($input: ReferralInput!) { referral(input: $input) { options { rank } } }`,
      variables: { input: { targetGroupCodes: [MARKER], needCodes: ['emergency-stay'], age: 41 } },
    });
  expect(res.status).toBe(200);
  const found = await linesOf('refused-referral');
  expect(found.map((l) => l.operation)).toEqual([
    { type: 'query', name: 'Refer', fields: ['referral'], errors: ['BAD_USER_INPUT'] },
  ]);
  expect(logs.text()).not.toContain(MARKER);
});

it('logs the path of a GET without its query string', async () => {
  const query = encodeURIComponent(
    `{ services(filter: { regionCode: "${MARKER}" }) { totalCount } }`,
  );
  await http()
    .get(`/graphql?query=${query}`)
    .set('x-request-id', 'get-with-query')
    .set('apollo-require-preflight', 'true');
  const found = await linesOf('get-with-query');
  expect(found.map((l) => [l.req?.method, l.req?.path])).toEqual([['GET', '/graphql']]);
  expect(logs.text()).not.toContain(MARKER);
});

it('never logs a token, nor a confidential address the caller may see', async () => {
  const res = await http()
    .post('/graphql')
    .set('x-request-id', 'admin-reads-address')
    .set('authorization', `Bearer ${tokens.admin}`)
    .send({
      query: 'query($id: ID!) { service(id: $id) { address { street } } }',
      variables: { id: shelterId },
    });
  // The address was in the answer, so it could have reached the log.
  expect(
    ok(res.body as { data: { service: { address: { street: string } } } }).service.address,
  ).toEqual({
    street: SECRET_STREET,
  });
  expect((await linesOf('admin-reads-address')).map((l) => l.res?.status)).toEqual([200]);
  const text = logs.text();
  for (const token of Object.values(tokens)) {
    expect(text).not.toContain(token);
  }
  expect(text).not.toContain(SECRET_STREET);
  expect(text).not.toMatch(/authorization/i);
});
