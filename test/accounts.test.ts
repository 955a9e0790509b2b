import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Role } from '../src/common/role';
import { hashToken } from '../src/accounts/token';
import request from 'supertest';
import { errorOf, GqlResponse, ok, startApi, TestApi } from './support/api';
import { createListings, deleteByPrefix, organisation, uniquePrefix } from './support/factory';
import { createToken, deleteTokensAndOutbox } from './support/tokens';
import { cypher } from '../src/neo4j/cypher';

const P = uniquePrefix('accounts');
const orgA = `${P}-org-a`;
const orgB = `${P}-org-b`;

let api: TestApi;
let admin: string;
let editorA: string;
let editorB: { token: string; id: string };
let pro: string;

const ME = '{ me { role tokenName organisation { id } } }';
const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) {
  createApiToken(input: $input) { token apiToken { id name role organisation { id } revokedAt } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }`;

interface Created {
  createApiToken: {
    token: string;
    apiToken: { id: string; name: string; role: string; organisation: { id: string } | null };
  };
}

beforeAll(async () => {
  api = await startApi();
  await createListings(api.neo, [organisation(orgA), organisation(orgB)], []);
  admin = (await createToken(api.neo, `${P} admin`, Role.ADMIN)).token;
  editorA = (await createToken(api.neo, `${P} editor A`, Role.EDITOR, orgA)).token;
  editorB = await createToken(api.neo, `${P} editor B`, Role.EDITOR, orgB);
  pro = (await createToken(api.neo, `${P} pro`, Role.PROFESSIONAL)).token;
});

afterAll(async () => {
  await deleteTokensAndOutbox(api.neo, P);
  await deleteByPrefix(api.neo, P);
  await api.close();
});

describe('me', () => {
  it('tells each caller its role, token name and organisation', async () => {
    expect(ok(await api.gql(ME)).me).toEqual({ role: null, tokenName: null, organisation: null });
    expect(ok(await api.gql(ME, {}, admin)).me).toEqual({
      role: 'ADMIN',
      tokenName: `${P} admin`,
      organisation: null,
    });
    expect(ok(await api.gql(ME, {}, editorA)).me).toEqual({
      role: 'EDITOR',
      tokenName: `${P} editor A`,
      organisation: { id: orgA },
    });
    expect(ok(await api.gql(ME, {}, pro)).me).toEqual({
      role: 'PROFESSIONAL',
      tokenName: `${P} pro`,
      organisation: null,
    });
  });

  it('rejects an unknown or malformed token, on queries too', async () => {
    const unknown = errorOf(await api.gql(ME, {}, `hv_${'A'.repeat(43)}`));
    expect(unknown.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(unknown.message).toBe('The API token is not valid (unknown, malformed or revoked).');
    expect(errorOf(await api.gql(ME, {}, 'not-a-token')).extensions.code).toBe('UNAUTHENTICATED');
    const basic = await request(api.app.getHttpServer() as Parameters<typeof request>[0])
      .post('/graphql')
      .set('authorization', 'Basic YWRtaW46YWRtaW4=')
      .send({ query: ME });
    expect((basic.body as GqlResponse<unknown>).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('API tokens', () => {
  it('are shown once and stored only as a hash', async () => {
    const data = ok(
      await api.gql<Created>(
        CREATE_TOKEN,
        { input: { name: `${P} intake`, role: 'PROFESSIONAL' } },
        admin,
      ),
    );
    const { token, apiToken } = data.createApiToken;
    expect(token).toMatch(/^hv_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toEqual({
      id: expect.any(String) as string,
      name: `${P} intake`,
      role: 'PROFESSIONAL',
      organisation: null,
      revokedAt: null,
    });
    const stored = await api.neo.read<{ props: Record<string, unknown> }>(
      cypher`MATCH (t:ApiToken {id: $id}) RETURN properties(t) AS props`,
      { id: apiToken.id },
    );
    expect(stored[0].props.hash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token.slice(3));
    expect(ok(await api.gql(ME, {}, token)).me).toMatchObject({ role: 'PROFESSIONAL' });
  });

  it('lets an EDITOR create EDITOR tokens for its own organisation only', async () => {
    const own = ok(
      await api.gql<Created>(
        CREATE_TOKEN,
        { input: { name: `${P} colleague`, role: 'EDITOR', organisationId: orgA } },
        editorA,
      ),
    );
    expect(own.createApiToken.apiToken).toMatchObject({
      role: 'EDITOR',
      organisation: { id: orgA },
    });
    for (const input of [
      { name: `${P} x`, role: 'EDITOR', organisationId: orgB },
      { name: `${P} x`, role: 'ADMIN' },
      { name: `${P} x`, role: 'PROFESSIONAL' },
      { name: `${P} x`, role: 'EDITOR', organisationId: `${P}-missing` },
    ]) {
      const err = errorOf(await api.gql(CREATE_TOKEN, { input }, editorA));
      expect([input, err.extensions.code]).toEqual([input, 'FORBIDDEN']);
      expect(err.message).toBe('You are not allowed to manage this token.');
    }
    expect(
      errorOf(await api.gql(CREATE_TOKEN, { input: { name: `${P} x`, role: 'ADMIN' } }, pro))
        .extensions.code,
    ).toBe('FORBIDDEN');
    expect(
      errorOf(await api.gql(CREATE_TOKEN, { input: { name: `${P} x`, role: 'ADMIN' } })).extensions
        .code,
    ).toBe('UNAUTHENTICATED');
  });

  it('checks the organisation of an EDITOR token', async () => {
    const missing = errorOf(
      await api.gql(CREATE_TOKEN, { input: { name: `${P} x`, role: 'EDITOR' } }, admin),
    );
    expect(missing.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'input.organisationId',
    });
    const extra = errorOf(
      await api.gql(
        CREATE_TOKEN,
        { input: { name: `${P} x`, role: 'ADMIN', organisationId: orgA } },
        admin,
      ),
    );
    expect(extra.extensions.code).toBe('BAD_USER_INPUT');
    const unknown = errorOf(
      await api.gql(
        CREATE_TOKEN,
        { input: { name: `${P} x`, role: 'EDITOR', organisationId: `${P}-missing` } },
        admin,
      ),
    );
    expect(unknown.message).toBe('There is no organisation with this id.');
    const blank = errorOf(
      await api.gql(CREATE_TOKEN, { input: { name: '   ', role: 'ADMIN' } }, admin),
    );
    expect(blank.message).toContain('name must not be blank');
  });

  it('are revoked with effect on the very next request', async () => {
    const created = ok(
      await api.gql<Created>(
        CREATE_TOKEN,
        { input: { name: `${P} short-lived`, role: 'EDITOR', organisationId: orgA } },
        admin,
      ),
    ).createApiToken;
    expect(ok(await api.gql(ME, {}, created.token)).me).toMatchObject({ role: 'EDITOR' });
    const revoked = ok(
      await api.gql<{ revokeApiToken: { id: string; revokedAt: string } }>(
        REVOKE,
        { id: created.apiToken.id },
        editorA,
      ),
    );
    expect(revoked.revokeApiToken.id).toBe(created.apiToken.id);
    expect(Date.parse(revoked.revokeApiToken.revokedAt)).toBeGreaterThan(Date.now() - 60_000);
    const after = errorOf(await api.gql(ME, {}, created.token));
    expect(after.extensions.code).toBe('UNAUTHENTICATED');
    const mutation = errorOf(
      await api.gql(
        CREATE_TOKEN,
        { input: { name: `${P} y`, role: 'EDITOR', organisationId: orgA } },
        created.token,
      ),
    );
    expect(mutation.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('lets an EDITOR revoke only its own organisation’s tokens', async () => {
    const other = errorOf(await api.gql(REVOKE, { id: editorB.id }, editorA));
    const none = errorOf(await api.gql(REVOKE, { id: `${P}-none` }, editorA));
    expect(other.extensions.code).toBe('FORBIDDEN');
    expect(none).toEqual(other);
    expect(errorOf(await api.gql(REVOKE, { id: editorB.id }, pro)).extensions.code).toBe(
      'FORBIDDEN',
    );
    expect(errorOf(await api.gql(REVOKE, { id: `${P}-none` }, admin)).extensions.code).toBe(
      'NOT_FOUND',
    );
    expect(ok(await api.gql(ME, {}, editorB.token)).me).toMatchObject({ role: 'EDITOR' });
  });
});

describe('npm run admin:token', () => {
  const cli = (args: string[]) =>
    spawnSync(
      process.execPath,
      [
        require.resolve('ts-node/dist/bin.js'),
        '--transpile-only',
        join('src', 'cli', 'admin-token.ts'),
        ...args,
      ],
      { cwd: join(__dirname, '..'), env: process.env, encoding: 'utf8', timeout: 60_000 },
    );

  it('fails clearly on bad arguments', () => {
    const res = cli(['--role', 'ADMIN']);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('unknown argument "--role"');
    expect(res.stderr).toContain('usage: npm run admin:token -- --name');
    const blank = cli(['--name', ' ']);
    expect(blank.status).toBe(2);
    expect(blank.stderr).toContain('--name is required and must not be blank');
  });

  it('creates a working ADMIN token and prints it once', async () => {
    const res = cli(['--name', `${P} cli admin`]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const tokens = res.stdout.match(/hv_[A-Za-z0-9_-]{43}/g) ?? [];
    expect(tokens).toHaveLength(1);
    expect(ok(await api.gql(ME, {}, tokens[0])).me).toEqual({
      role: 'ADMIN',
      tokenName: `${P} cli admin`,
      organisation: null,
    });
  });
});
