import { Role } from '../src/common/role';
import { closeApi, errorOf, ok, startApi, TestApi } from './support/api';
import { createListings, organisation, service, uniquePrefix } from './support/factory';
import { createToken } from './support/tokens';

const P = uniquePrefix('audit');
const orgA = `${P}-org-a`;
const id = `${P}-s1`;
let api: TestApi;
let admin: string;
let editorA: string;

interface Entry {
  at: string;
  version: number;
  action: string;
  tokenName: string;
  organisation: { id: string } | null;
  changes: { field: string; from: string | null; to: string | null }[];
}
interface AuditPage {
  auditLog: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: Entry }[];
  };
}
const AUDIT = `query($id: ID!, $first: Int, $after: String) {
  auditLog(id: $id, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { at version action tokenName organisation { id } changes { field from to } } } } }`;

beforeAll(async () => {
  api = await startApi();
  await createListings(
    api.neo,
    [organisation(orgA)],
    [service(id, orgA, { capacity: { totalPlaces: 5, freePlaces: 0 } })],
  );
  admin = (await createToken(api.neo, `${P} admin`, Role.ADMIN)).token;
  editorA = (await createToken(api.neo, `${P} editor A`, Role.EDITOR, orgA)).token;
  const report = `mutation($free: Int!) { reportAvailability(id: "${id}", freePlaces: $free, totalPlaces: 5) { version } }`;
  ok(await api.gql(report, { free: 2 }, editorA));
  ok(await api.gql(report, { free: 1 }, admin));
  ok(
    await api.gql(
      `mutation { updateService(id: "${id}", expectedVersion: 3, input: { openingHours: "9-15" }) { version } }`,
      {},
      editorA,
    ),
  );
  ok(
    await api.gql(
      `mutation { archiveService(id: "${id}", expectedVersion: 4) { version } }`,
      {},
      admin,
    ),
  );
});

afterAll(() => closeApi(api, P));

it('lists who changed what, newest first, and keeps an archived listing’s audit', async () => {
  const data = ok(await api.gql<AuditPage>(AUDIT, { id, first: 10 }, editorA));
  expect(data.auditLog.totalCount).toBe(4);
  expect(data.auditLog.edges.map((e) => e.node.version)).toEqual([5, 4, 3, 2]);
  expect(
    data.auditLog.edges.map((e) => ({ ...e.node, at: undefined, version: undefined })),
  ).toEqual([
    {
      action: 'ARCHIVE',
      tokenName: `${P} admin`,
      organisation: null,
      changes: [{ field: 'archived', from: 'false', to: 'true' }],
    },
    {
      action: 'UPDATE',
      tokenName: `${P} editor A`,
      organisation: { id: orgA },
      changes: [{ field: 'openingHours', from: null, to: '9-15' }],
    },
    {
      action: 'REPORT_AVAILABILITY',
      tokenName: `${P} admin`,
      organisation: null,
      changes: [{ field: 'freePlaces', from: '2', to: '1' }],
    },
    {
      action: 'REPORT_AVAILABILITY',
      tokenName: `${P} editor A`,
      organisation: { id: orgA },
      changes: [{ field: 'freePlaces', from: '0', to: '2' }],
    },
  ]);
  const times = data.auditLog.edges.map((e) => Date.parse(e.node.at));
  expect([...times].sort((a, b) => b - a)).toEqual(times);
});

it('pages with first/after', async () => {
  const first = ok(await api.gql<AuditPage>(AUDIT, { id, first: 3 }, admin)).auditLog;
  expect(first.edges.map((e) => e.node.action)).toEqual([
    'ARCHIVE',
    'UPDATE',
    'REPORT_AVAILABILITY',
  ]);
  expect(first.pageInfo.hasNextPage).toBe(true);
  const next = ok(
    await api.gql<AuditPage>(AUDIT, { id, first: 3, after: first.pageInfo.endCursor }, admin),
  ).auditLog;
  expect(next.edges.map((e) => e.node.changes[0].to)).toEqual(['2']);
  expect(next.pageInfo.hasNextPage).toBe(false);
  expect(errorOf(await api.gql(AUDIT, { id, first: 101 }, admin)).extensions.code).toBe(
    'BAD_USER_INPUT',
  );
});

it('is closed to the public', async () => {
  expect(errorOf(await api.gql(AUDIT, { id })).extensions.code).toBe('UNAUTHENTICATED');
});
