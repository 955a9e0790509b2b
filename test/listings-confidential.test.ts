import { randomBytes } from 'node:crypto';
import { closeApi, errorOf, GqlResponse, ok, startApi, TestApi } from './support/api';
import { createConfidentialShelter } from './support/confidential-shelter';
import { setEnv } from './support/env';
import { LogCapture } from './support/log-capture';
import { createListings, organisation, uniquePrefix } from './support/factory';
import { createRoleTokens, RoleTokens } from './support/tokens';

/**
 * A shelter's secret address and the professional intake line, on every path a caller can
 * reach: queries, the referral engine, search, error messages and the application log of this
 * run.
 */
const P = uniquePrefix('secret');
const orgA = `${P}-org-a`;
const orgB = `${P}-org-b`;
const shelterId = `${P}-shelter`;
const SECRET_STREET = `Skjultvej ${randomBytes(4).toString('hex')}`;
const SECRET_LINE = '+45 70 70 12 34';
const MARKER = `zs${randomBytes(3).toString('hex')}`;

let api: TestApi;
let tokens: RoleTokens;
const logs = new LogCapture();
let restoreEnv: () => void;

const SERVICE = `query($id: ID!) { service(id: $id) {
  id address { street postalCode city } addressConfidential contact { phone professionalPhone } } }`;
const SERVICES = `{ services(first: 100, filter: { typeCodes: ["womens-shelter"] }) {
  edges { node { id address { street } addressConfidential contact { professionalPhone } } } } }`;
const REFERRAL = `{ referral(input: { targetGroupCodes: ["women"], needCodes: ["emergency-stay"],
  municipalityCode: "461", limit: 50 }) {
  options { service { id address { street } addressConfidential contact { professionalPhone } } } } }`;

const SEARCH = `query($q: String!) { searchServices(query: $q) {
  hits { service { id address { street } addressConfidential contact { professionalPhone } } } } }`;

interface Shown {
  id: string;
  address: { street: string; postalCode?: string; city?: string } | null;
  addressConfidential: boolean;
  contact: { phone?: string | null; professionalPhone: string | null };
}

beforeAll(async () => {
  restoreEnv = setEnv({ LOG_LEVEL: 'verbose' });
  logs.start();
  api = await startApi();
  await createListings(api.neo, [organisation(orgA), organisation(orgB)], []);
  tokens = await createRoleTokens(api.neo, P, orgA, orgB);
  await createConfidentialShelter(api, tokens.editorA, {
    organisationId: orgA,
    id: shelterId,
    name: 'Demo Skjult Krisecenter',
    description: `Døgnåbent ${MARKER}`,
    coverage: { national: true, regionCodes: [], municipalityCodes: [] },
    address: { street: SECRET_STREET, postalCode: '5000', city: 'Odense C' },
    professionalPhone: SECRET_LINE,
  });
});

afterAll(async () => {
  await closeApi(api, P);
  logs.stop();
  restoreEnv();
});

async function shown(
  token?: string,
): Promise<{ one: Shown; inList: Shown; inReferral: Shown; inSearch: Shown }> {
  const one = ok(await api.gql<{ service: Shown }>(SERVICE, { id: shelterId }, token)).service;
  const list = ok(
    await api.gql<{ services: { edges: { node: Shown }[] } }>(SERVICES, {}, token),
  ).services.edges.map((e) => e.node);
  const referral = ok(
    await api.gql<{ referral: { options: { service: Shown }[] } }>(REFERRAL, {}, token),
  ).referral.options.map((o) => o.service);
  const search = ok(
    await api.gql<{ searchServices: { hits: { service: Shown }[] } }>(SEARCH, { q: MARKER }, token),
  ).searchServices.hits.map((h) => h.service);
  const find = (items: Shown[]): Shown => {
    const found = items.find((s) => s.id === shelterId);
    if (!found) {
      throw new Error('the shelter is missing from the answer');
    }
    return found;
  };
  return { one, inList: find(list), inReferral: find(referral), inSearch: find(search) };
}

describe('a confidential address', () => {
  it.each([
    ['the public', undefined],
    ['a PROFESSIONAL', 'pro'],
    ['an EDITOR of another organisation', 'editorB'],
  ] as const)(
    'is absent for %s in service, services, referral and searchServices',
    async (_who, key) => {
      const token = key ? tokens[key] : undefined;
      const { one, inList, inReferral, inSearch } = await shown(token);
      for (const s of [one, inList, inReferral, inSearch]) {
        expect(s.address).toBeNull();
        expect(s.addressConfidential).toBe(true);
      }
    },
  );

  it.each([
    ['ADMIN', 'admin'],
    ['the owning EDITOR', 'editorA'],
  ] as const)(
    'is present for %s in service, services, referral and searchServices',
    async (_who, key) => {
      const { one, inList, inReferral, inSearch } = await shown(tokens[key]);
      expect(one.address).toEqual({ street: SECRET_STREET, postalCode: '5000', city: 'Odense C' });
      expect(inList.address).toEqual({ street: SECRET_STREET });
      expect(inReferral.address).toEqual({ street: SECRET_STREET });
      expect(inSearch.address).toEqual({ street: SECRET_STREET });
      expect(one.addressConfidential).toBe(true);
    },
  );

  it('never appears in error messages, whoever causes them', async () => {
    const responses: GqlResponse<unknown>[] = [];
    const update = `mutation($id: ID!, $v: Int!, $input: UpdateServiceInput!) {
      updateService(id: $id, expectedVersion: $v, input: $input) { id address { street } } }`;
    responses.push(
      await api.gql(update, { id: shelterId, v: 1, input: { name: 'X' } }, tokens.editorB),
    );
    responses.push(
      await api.gql(update, { id: shelterId, v: 1, input: { name: 'X' } }, tokens.pro),
    );
    responses.push(await api.gql(update, { id: shelterId, v: 1, input: { name: 'X' } }));
    responses.push(
      await api.gql(update, { id: shelterId, v: 99, input: { name: 'X' } }, tokens.editorA),
    );
    responses.push(
      await api.gql(update, { id: shelterId, v: 1, input: { phone: 'call us' } }, tokens.editorA),
    );
    responses.push(
      await api.gql(
        `query($id: ID!) { auditLog(id: $id) { totalCount } }`,
        { id: shelterId },
        tokens.editorB,
      ),
    );
    responses.push(await api.gql(`{ services(after: "bad") { totalCount } }`, {}, tokens.editorA));
    expect(responses.map((r) => errorOf(r).extensions.code)).toEqual([
      'FORBIDDEN',
      'FORBIDDEN',
      'UNAUTHENTICATED',
      'STALE_VERSION',
      'BAD_USER_INPUT',
      'FORBIDDEN',
      'BAD_USER_INPUT',
    ]);
    const text = JSON.stringify(responses);
    expect(text).not.toContain(SECRET_STREET);
    expect(text).not.toContain(SECRET_LINE);
  });

  it('is in the audit, which only ADMIN and the owners can read', async () => {
    const audit = `query($id: ID!) { auditLog(id: $id) { edges { node { action changes { field to } } } } }`;
    const data = ok(
      await api.gql<{
        auditLog: { edges: { node: { changes: { field: string; to: string }[] } }[] };
      }>(audit, { id: shelterId }, tokens.admin),
    );
    expect(data.auditLog.edges[0].node.changes).toContainEqual({
      field: 'addressStreet',
      to: SECRET_STREET,
    });
    expect(errorOf(await api.gql(audit, { id: shelterId }, tokens.pro)).extensions.code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('the professional intake line', () => {
  it.each([
    ['the public', undefined, null],
    ['an EDITOR of another organisation', 'editorB', null],
    ['a PROFESSIONAL', 'pro', SECRET_LINE],
    ['ADMIN', 'admin', SECRET_LINE],
    ['the owning EDITOR', 'editorA', SECRET_LINE],
  ] as const)('is shown as expected to %s', async (_who, key, expected) => {
    const { one, inList, inReferral, inSearch } = await shown(key ? tokens[key] : undefined);
    expect([one, inList, inReferral, inSearch].map((s) => s.contact.professionalPhone)).toEqual([
      expected,
      expected,
      expected,
      expected,
    ]);
    expect(one.contact.phone).toBe('1888');
  });
});

describe('the application log of this run', () => {
  it('never held the secret address or line', () => {
    const log = logs.text();
    // The capture works: Nest's start-up lines (at LOG_LEVEL=verbose) were seen.
    expect(log).toContain('dependencies initialized');
    expect(log).not.toContain(SECRET_STREET);
    expect(log).not.toContain(SECRET_LINE);
  });
});
