import request from 'supertest';
import { getIntrospectionQuery } from 'graphql';
import { GqlResponse, ok, startApi, TestApi } from './support/api';

/**
 * What the API shows of itself and of a request over HTTP: referrals and plans only over POST
 * (a GET keeps the input in the URL, where proxies log it), introspection and GraphiQL only
 * outside production, and a 404 that says "not found" without the path.
 */
type Server = Parameters<typeof request>[0];
const REFERRAL =
  '{ referral(input: { targetGroupCodes: ["women"], needCodes: ["emergency-stay"] }) { guidance { code } } }';
const PLAN =
  'query Plan { ...P } fragment P on Query { referralPlan(input: { targetGroupCodes: ["women"], needCodes: ["emergency-stay"] }) { phases { phase } } }';
const MARK = 'zq9path-marker';

describe('in development', () => {
  let api: TestApi;
  let server: Server;
  beforeAll(async () => {
    api = await startApi({ production: false });
    server = api.app.getHttpServer() as Server;
  });
  afterAll(() => api.close());

  /** A GET the way Apollo accepts one (with a preflight header against CSRF). */
  const get = (query: string) =>
    request(server)
      .get('/graphql')
      .query({ query })
      .set('apollo-require-preflight', 'true')
      .set('accept', 'application/json');

  it.each([
    ['a referral', REFERRAL],
    ['a plan behind a fragment', PLAN],
  ])('refuses %s over GET with 405 and Allow: POST', async (_name, query) => {
    const res = await get(query);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect((res.body as GqlResponse<unknown>).errors?.[0]).toEqual({
      message:
        'Referrals and plans are asked with POST only: a GET would put the input in the URL.',
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(res.body).not.toHaveProperty('data');
  });

  it('answers the same referral over POST, and other queries over GET', async () => {
    expect(ok(await api.gql(REFERRAL))).toHaveProperty('referral');
    const regions = await get('{ regions { code } }');
    expect(regions.status).toBe(200);
    expect((regions.body as GqlResponse<{ regions: unknown[] }>).data?.regions).toHaveLength(5);
  });

  it('answers introspection', async () => {
    expect(ok(await api.gql(getIntrospectionQuery()))).toHaveProperty('__schema');
  });

  it.each([`/${MARK}`, `/api/${MARK}?q=${MARK}`, `/assets/${MARK}.js`, `/health/${MARK}`])(
    'answers an unknown path %s with 404 "Not found" only',
    async (path) => {
      const res = await request(server).get(path).set('accept', 'application/json');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ statusCode: 404, message: 'Not found' });
      expect(res.text).not.toContain(MARK);
    },
  );
});

describe('in production (NODE_ENV=production)', () => {
  let api: TestApi;
  let server: Server;
  beforeAll(async () => {
    api = await startApi({ production: true });
    server = api.app.getHttpServer() as Server;
  });
  afterAll(() => api.close());

  it('refuses introspection, and still answers queries', async () => {
    const res = await api.gql(getIntrospectionQuery());
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).toMatch(/introspection/i);
    const type = await api.gql('{ __type(name: "Service") { name } }');
    expect(type.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(ok(await api.gql('{ regions { code } }'))).toHaveProperty('regions');
  });

  it('serves no GraphiQL page', async () => {
    const page = await request(server).get('/graphql').set('accept', 'text/html');
    expect(page.text).not.toMatch(/graphiql/i);
    expect((await request(server).get('/graphiql.html')).status).toBe(404);
  });
});
