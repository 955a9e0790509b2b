import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { ApiTokenRepository } from '../src/accounts/api-token.repository';
import { AuthAttemptRepository } from '../src/accounts/auth-attempt.repository';
import { clientDigest } from '../src/accounts/auth-throttle';
import { Role } from '../src/common/role';
import { GqlError, GqlResponse, startApi, TestApi } from './support/api';
import { uniquePrefix } from './support/factory';
import { clearAttempts, createToken, deleteTokensAndOutbox } from './support/tokens';
import { cypher } from '../src/neo4j/cypher';

/**
 * The attempt limit, shared by API instances through Neo4j. Each test is a client of its own: the
 * apps trust the loopback proxy (TRUST_PROXY=loopback) and each test sends its own
 * X-Forwarded-For address, which is also how the limit sees clients behind a reverse proxy.
 */
const P = uniquePrefix('throttle');
const ME = '{ me { role } }';
const ADDRESSES = ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4', '198.51.100.5'];
const originalTrustProxy = process.env.TRUST_PROXY;
let api: TestApi;
let other: TestApi;

beforeAll(async () => {
  process.env.TRUST_PROXY = 'loopback';
  api = await startApi();
  other = await startApi(); // a second instance on the same database
  await clearAttempts(api.neo, ADDRESSES);
});

afterAll(async () => {
  await clearAttempts(api.neo, ADDRESSES);
  await deleteTokensAndOutbox(api.neo, P);
  await api.close();
  await other.close();
  process.env.TRUST_PROXY = originalTrustProxy;
});

const wrongToken = (): string => `hv_${randomBytes(32).toString('base64url')}`;

async function me(
  from: string,
  token: string,
  instance: TestApi = api,
): Promise<GqlResponse<{ me: { role: string | null } }>> {
  const res = await request(instance.app.getHttpServer() as Parameters<typeof request>[0])
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('x-forwarded-for', from)
    .set('authorization', `Bearer ${token}`)
    .send({ query: ME });
  return res.body as GqlResponse<{ me: { role: string | null } }>;
}

const errorOf = (res: GqlResponse<unknown>): GqlError | undefined => res.errors?.[0];
const invalid = { code: 'UNAUTHENTICATED' };

it('slows down a client after repeated failures, but not the tokens that worked from it', async () => {
  const from = ADDRESSES[0];
  const { token: regular } = await createToken(api.neo, `${P} regular`, Role.ADMIN);
  const { token: newcomer } = await createToken(api.neo, `${P} newcomer`, Role.ADMIN);
  expect((await me(from, regular)).data?.me).toEqual({ role: 'ADMIN' });
  const wrong = wrongToken();
  for (let i = 0; i < 9; i++) {
    expect(errorOf(await me(from, wrong))).toMatchObject({
      message: 'The API token is not valid (unknown, malformed or revoked).',
      extensions: invalid,
    });
  }
  // The tenth failure locks the address for a second.
  expect(errorOf(await me(from, wrong))?.extensions).toEqual(invalid);
  const locked = errorOf(await me(from, newcomer));
  expect(locked).toMatchObject({
    message: 'Too many failed authentication attempts; try again in 1 s.',
    extensions: { code: 'UNAUTHENTICATED', reason: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 1 },
  });
  expect(errorOf(await me(from, wrong))?.extensions.reason).toBe('TOO_MANY_ATTEMPTS');
  // A token that authenticated from this address before is still looked up, and works.
  expect((await me(from, regular)).data?.me).toEqual({ role: 'ADMIN' });
  // Another address is not affected.
  expect((await me(ADDRESSES[3], newcomer)).data?.me).toEqual({ role: 'ADMIN' });

  await new Promise((resolve) => setTimeout(resolve, 1100));
  expect((await me(from, newcomer)).data?.me).toEqual({ role: 'ADMIN' });
  // The next failure doubles the wait.
  expect(errorOf(await me(from, wrong))?.extensions).toEqual(invalid);
  expect(errorOf(await me(from, wrongToken()))?.extensions).toMatchObject({
    reason: 'TOO_MANY_ATTEMPTS',
    retryAfterSeconds: 2,
  });
  // Both tokens have worked from here now.
  expect((await me(from, newcomer)).data?.me).toEqual({ role: 'ADMIN' });
  expect((await me(from, regular)).data?.me).toEqual({ role: 'ADMIN' });
});

it('looks up at most 10 tokens of 200 concurrent guesses (plus one per lock that ends)', async () => {
  const lookups = jest.spyOn(ApiTokenRepository.prototype, 'findByHash');
  try {
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => me(ADDRESSES[1], wrongToken(), i % 2 ? api : other)),
    );
    const seconds = (Date.now() - started) / 1000;
    expect(results.every((r) => errorOf(r)?.extensions.code === 'UNAUTHENTICATED')).toBe(true);
    // Locks of 1 s, 2 s, 4 s, … : within `seconds`, at most floor(log2(seconds + 1)) have ended.
    const endedLocks = Math.floor(Math.log2(seconds + 1));
    expect(lookups.mock.calls.length).toBeGreaterThanOrEqual(10);
    expect(lookups.mock.calls.length).toBeLessThanOrEqual(10 + endedLocks);
    expect(
      results.filter((r) => errorOf(r)?.extensions.reason === 'TOO_MANY_ATTEMPTS').length,
    ).toBe(200 - lookups.mock.calls.length);
  } finally {
    lookups.mockRestore();
  }
});

it('shares the limit between API instances', async () => {
  const from = ADDRESSES[2];
  const { token } = await createToken(api.neo, `${P} shared`, Role.ADMIN);
  for (let i = 0; i < 10; i++) {
    expect(errorOf(await me(from, wrongToken(), i % 2 ? api : other))?.extensions).toEqual(invalid);
  }
  for (const instance of [api, other]) {
    expect(errorOf(await me(from, token, instance))?.extensions).toMatchObject({
      reason: 'TOO_MANY_ATTEMPTS',
    });
  }
});

it('forgets an address 15 minutes after its last failure', async () => {
  const from = ADDRESSES[4];
  expect(errorOf(await me(from, wrongToken()))?.extensions).toEqual(invalid);
  const count = async (): Promise<number> => {
    const [row] = await api.neo.read<{ n: number }>(
      cypher`MATCH (a:AuthAttempt {client: $client}) RETURN count(a) AS n`,
      { client: clientDigest(from) },
    );
    return row.n;
  };
  expect(await count()).toBe(1);
  const attempts = api.app.get(AuthAttemptRepository);
  await attempts.expire(Date.now() + 14 * 60_000);
  expect(await count()).toBe(1);
  await attempts.expire(Date.now() + 16 * 60_000);
  expect(await count()).toBe(0);
});
