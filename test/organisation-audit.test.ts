import { setTimeout as sleep } from 'node:timers/promises';
import { AuditService } from '../src/audit/audit.service';
import { AuditAction } from '../src/audit/models/audit-entry.model';
import { Role } from '../src/common/role';
import { errorOf, ok, startApi, TestApi } from './support/api';
import { createListings, deleteByPrefix, organisation, uniquePrefix } from './support/factory';
import { createToken, deleteTokensAndOutbox } from './support/tokens';

const P = uniquePrefix('org-audit');
const orgA = `${P}-a`;
const orgB = `${P}-b`;
const seeded = `${P}-seeded`;
let api: TestApi;
let admin: string;
let editorA: string;
let createdAt: { from: number; to: number };

interface Entry {
  at: string;
  version: number;
  action: string;
  tokenName: string | null;
  organisation: { id: string } | null;
  changes: { field: string; from: string | null; to: string | null }[];
}
interface AuditPage {
  organisationAuditLog: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: Entry }[];
  };
}
const AUDIT = `query($id: ID!, $first: Int, $after: String) {
  organisationAuditLog(id: $id, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { at version action tokenName organisation { id } changes { field from to } } } } }`;
const CREATE_ORG = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`;

const creationOfA = {
  version: 1,
  action: 'CREATE',
  tokenName: `${P} admin`,
  organisation: null,
  changes: [
    { field: 'name', from: null, to: 'Org A' },
    { field: 'description', from: null, to: 'Runs shelters' },
  ],
};

beforeAll(async () => {
  api = await startApi();
  admin = (await createToken(api.neo, `${P} admin`, Role.ADMIN)).token;
  const from = Date.now();
  ok(
    await api.gql(
      CREATE_ORG,
      { input: { id: orgA, name: 'Org A', description: 'Runs shelters' } },
      admin,
    ),
  );
  createdAt = { from, to: Date.now() };
  ok(await api.gql(CREATE_ORG, { input: { id: orgB, name: 'Org B' } }, admin));
  await createListings(api.neo, [organisation(seeded)], []);
  editorA = (await createToken(api.neo, `${P} editor A`, Role.EDITOR, orgA)).token;
});

afterAll(async () => {
  await deleteTokensAndOutbox(api.neo, P);
  await deleteByPrefix(api.neo, P);
  await api.close();
});

it('lists who created the organisation, when and with which fields, for ADMIN and its EDITOR', async () => {
  for (const token of [admin, editorA]) {
    const log = ok(await api.gql<AuditPage>(AUDIT, { id: orgA }, token)).organisationAuditLog;
    expect(log.totalCount).toBe(1);
    expect(log.pageInfo.hasNextPage).toBe(false);
    expect(log.edges.map((e) => ({ ...e.node, at: undefined }))).toEqual([
      { ...creationOfA, at: undefined },
    ]);
    const at = Date.parse(log.edges[0].node.at);
    expect(at).toBeGreaterThanOrEqual(createdAt.from - 1000);
    expect(at).toBeLessThanOrEqual(createdAt.to + 1000);
  }
});

it('is empty for an organisation nobody created through the API (the seed)', async () => {
  expect(ok(await api.gql<AuditPage>(AUDIT, { id: seeded }, admin)).organisationAuditLog).toEqual({
    totalCount: 0,
    pageInfo: { hasNextPage: false, endCursor: null },
    edges: [],
  });
});

it('pages newest first with first/after', async () => {
  // Two later changes through the application's audit write (no mutation changes an
  // organisation yet), in separate transactions so each has its own time.
  const audit = api.app.get(AuditService);
  const viewer = {
    role: Role.EDITOR,
    tokenId: null,
    tokenName: `${P} editor B`,
    organisationId: orgB,
  };
  for (const to of ['Org B2', 'Org B3']) {
    await sleep(5);
    await api.neo.writeTx((tx) =>
      audit.recordOrganisationInTx(tx, {
        organisationId: orgB,
        action: AuditAction.UPDATE,
        actor: viewer,
        changes: [{ field: 'name', from: null, to }],
      }),
    );
  }
  const first = ok(
    await api.gql<AuditPage>(AUDIT, { id: orgB, first: 2 }, admin),
  ).organisationAuditLog;
  expect(first.totalCount).toBe(3);
  expect(first.pageInfo.hasNextPage).toBe(true);
  expect(
    first.edges.map((e) => [e.node.action, e.node.organisation?.id ?? null, e.node.changes[0].to]),
  ).toEqual([
    ['UPDATE', orgB, 'Org B3'],
    ['UPDATE', orgB, 'Org B2'],
  ]);
  const next = ok(
    await api.gql<AuditPage>(AUDIT, { id: orgB, first: 2, after: first.pageInfo.endCursor }, admin),
  ).organisationAuditLog;
  expect(next.totalCount).toBe(3);
  expect(next.pageInfo.hasNextPage).toBe(false);
  expect(next.edges.map((e) => [e.node.action, e.node.tokenName, e.node.changes])).toEqual([
    ['CREATE', `${P} admin`, [{ field: 'name', from: null, to: 'Org B' }]],
  ]);
  expect(errorOf(await api.gql(AUDIT, { id: orgB, first: 101 }, admin)).extensions.code).toBe(
    'BAD_USER_INPUT',
  );
});

it('refuses another organisation’s EDITOR alike whether or not it exists, and everyone else', async () => {
  const pro = (await createToken(api.neo, `${P} pro`, Role.PROFESSIONAL)).token;
  const refused = (id: string, token?: string) =>
    api.gql<AuditPage>(AUDIT, { id }, token).then((res) => {
      expect(res.data).toBeNull();
      const e = errorOf(res);
      return { code: e.extensions.code, message: e.message };
    });
  const forbidden = {
    code: 'FORBIDDEN',
    message: 'You are not allowed to see the changes of this organisation.',
  };
  expect(await refused(orgB, editorA)).toEqual(forbidden);
  expect(await refused(`${P}-missing`, editorA)).toEqual(forbidden);
  expect(await refused(orgA, pro)).toEqual(forbidden);
  expect((await refused(orgA)).code).toBe('UNAUTHENTICATED');
  expect(await refused(`${P}-missing`, admin)).toEqual({
    code: 'NOT_FOUND',
    message: 'There is no such organisation.',
  });
});
