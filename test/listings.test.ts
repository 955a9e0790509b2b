import { Role } from '../src/common/role';
import { closeApi, errorOf, GqlResponse, ok, startApi, TestApi } from './support/api';
import {
  createListings,
  organisation,
  service,
  serviceVersion,
  uniquePrefix,
} from './support/factory';
import { createRoleTokens, createToken, RoleTokens } from './support/tokens';
import { cypher } from '../src/neo4j/cypher';

const P = uniquePrefix('listings');
const orgA = `${P}-org-a`;
const orgB = `${P}-org-b`;
const ids = {
  a1: `${P}-a1`,
  a2: `${P}-a2`,
  b1: `${P}-b1`,
};

let api: TestApi;
let tokens: RoleTokens;

const SERVICE_FIELDS = `id name version description contact { phone email website }
  eligibility { minAge maxAge } languages referralRoutes targetGroups { code } needs { code }
  coverage { national regions { code } municipalities { code } } municipality { code }
  type { code } organisation { id } capacity { freePlaces totalPlaces reportedAt }`;

const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateServiceInput!) {
  updateService(id: $id, expectedVersion: $v, input: $input) { ${SERVICE_FIELDS} } }`;
const ARCHIVE = `mutation($id: ID!, $v: Int!) { archiveService(id: $id, expectedVersion: $v) { id version } }`;
const CONFIRM = `mutation($id: ID!, $v: Int!) { confirmService(id: $id, expectedVersion: $v) { id version verifiedAt } }`;
const REPORT = `mutation($id: ID!, $free: Int!, $total: Int!) {
  reportAvailability(id: $id, freePlaces: $free, totalPlaces: $total) { id version capacity { freePlaces totalPlaces reportedAt } } }`;
const CREATE = `mutation($input: CreateServiceInput!) { createService(input: $input) { ${SERVICE_FIELDS} } }`;
const CREATE_ORG = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id name website demo } }`;
const AUDIT = `query($id: ID!) { auditLog(id: $id) { totalCount edges { node {
  action tokenName organisation { id } changes { field from to } } } } }`;

interface ServiceData {
  id: string;
  name: string;
  version: number;
  [key: string]: unknown;
}

function newService(id: string, organisationId: string, extra: Record<string, unknown> = {}) {
  return {
    organisationId,
    id,
    name: `New ${id}`,
    typeCode: 'counselling',
    targetGroupCodes: ['women'],
    needCodes: ['social-counselling'],
    coverage: { national: false, regionCodes: ['1083'], municipalityCodes: [] },
    municipalityCode: '461',
    referralRoutes: ['SELF'],
    ...extra,
  };
}

const versionOf = (id: string): Promise<number> => serviceVersion(api.neo, id);

function code(res: GqlResponse<unknown>): string {
  return errorOf(res).extensions.code;
}

beforeAll(async () => {
  api = await startApi();
  await createListings(
    api.neo,
    [organisation(orgA), organisation(orgB)],
    [
      service(ids.a1, orgA, { name: 'A one', phone: '+45 11 22 33 44' }),
      service(ids.a2, orgA, { name: 'A two' }),
      service(ids.b1, orgB, { name: 'B one', capacity: { totalPlaces: 4, freePlaces: 1 } }),
    ],
  );
  tokens = await createRoleTokens(api.neo, P, orgA, orgB);
});

afterAll(() => closeApi(api, P));

describe('updateService', () => {
  it('lets the owning EDITOR change fields, bumps the version and audits who changed what', async () => {
    const before = await versionOf(ids.a2);
    const data = ok(
      await api.gql<{ updateService: ServiceData }>(
        UPDATE,
        {
          id: ids.a2,
          v: before,
          input: {
            name: 'A two renamed',
            phone: '+45 22 33 44 55',
            minAge: 16,
            maxAge: 30,
            needCodes: ['divorce', 'custody-and-contact'],
            coverage: { national: false, regionCodes: [], municipalityCodes: ['101', '147'] },
          },
        },
        tokens.editorA,
      ),
    );
    expect(data.updateService).toMatchObject({
      id: ids.a2,
      name: 'A two renamed',
      version: before + 1,
      contact: { phone: '+45 22 33 44 55', email: null, website: null },
      eligibility: { minAge: 16, maxAge: 30 },
      needs: [{ code: 'custody-and-contact' }, { code: 'divorce' }],
      coverage: {
        national: false,
        regions: [],
        municipalities: [{ code: '101' }, { code: '147' }],
      },
      organisation: { id: orgA },
    });
    const audit = ok(
      await api.gql<{
        auditLog: {
          totalCount: number;
          edges: { node: { action: string; tokenName: string; changes: unknown[] } }[];
        };
      }>(AUDIT, { id: ids.a2 }, tokens.editorA),
    );
    expect(audit.auditLog.totalCount).toBe(1);
    expect(audit.auditLog.edges[0].node).toEqual({
      action: 'UPDATE',
      tokenName: `${P} editor A`,
      organisation: { id: orgA },
      changes: [
        { field: 'name', from: 'A two', to: 'A two renamed' },
        {
          field: 'needCodes',
          from: '["social-counselling"]',
          to: '["custody-and-contact","divorce"]',
        },
        { field: 'coverage.municipalityCodes', from: '[]', to: '["101","147"]' },
        { field: 'phone', from: null, to: '+45 22 33 44 55' },
        { field: 'minAge', from: null, to: '16' },
        { field: 'maxAge', from: null, to: '30' },
      ],
    });
  });

  it('changes nothing and audits nothing when nothing differs', async () => {
    const v = await versionOf(ids.a1);
    const data = ok(
      await api.gql<{ updateService: ServiceData }>(
        UPDATE,
        { id: ids.a1, v, input: { name: 'A one', phone: '+45 11 22 33 44' } },
        tokens.admin,
      ),
    );
    expect(data.updateService.version).toBe(v);
  });

  it('gives STALE_VERSION with the current version and changes nothing', async () => {
    const v = await versionOf(ids.a1);
    const res = await api.gql(
      UPDATE,
      { id: ids.a1, v: v - 1 || 99, input: { name: 'Late' } },
      tokens.editorA,
    );
    const err = errorOf(res);
    expect(err.extensions).toEqual({ code: 'STALE_VERSION', currentVersion: v });
    expect(await versionOf(ids.a1)).toBe(v);
  });

  it('of two concurrent saves with the same version, exactly one wins and only it is audited', async () => {
    for (let round = 0; round < 5; round++) {
      const v = await versionOf(ids.b1);
      const one = `Saved by one ${round}`;
      const two = `Saved by two ${round}`;
      const results = await Promise.all([
        api.gql<{ updateService: ServiceData }>(
          UPDATE,
          { id: ids.b1, v, input: { name: one, openingHours: `hours ${round}` } },
          tokens.editorB,
        ),
        api.gql<{ updateService: ServiceData }>(
          UPDATE,
          { id: ids.b1, v, input: { name: two, description: `text ${round}` } },
          tokens.admin,
        ),
      ]);
      const winners = results.filter((r) => !r.errors);
      const losers = results.filter((r) => r.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(errorOf(losers[0]).extensions).toEqual({
        code: 'STALE_VERSION',
        currentVersion: v + 1,
      });
      const oneWon = winners[0].data?.updateService.name === one;
      expect(await versionOf(ids.b1)).toBe(v + 1);

      const audit = ok(
        await api.gql<{ auditLog: { edges: { node: { action: string } }[] } }>(
          AUDIT,
          { id: ids.b1 },
          tokens.admin,
        ),
      );
      const text = JSON.stringify(audit);
      expect(audit.auditLog.edges.filter((e) => e.node.action === 'UPDATE')).toHaveLength(
        round + 1,
      );
      expect(text.split(oneWon ? one : two)).toHaveLength(2);
      expect(text).not.toContain(oneWon ? two : one);
      expect(text).not.toContain(oneWon ? `text ${round}` : `hours ${round}`);
      expect(text).toContain(oneWon ? `hours ${round}` : `text ${round}`);
    }
  });
});

describe('who may do what', () => {
  /** Every mutation (and the audit) against organisation B's listings. */
  const againstB = (
    serviceId: string,
  ): { name: string; query: string; variables: Record<string, unknown> }[] => [
    {
      name: 'updateService',
      query: UPDATE,
      variables: { id: serviceId, v: 1, input: { name: 'X' } },
    },
    { name: 'archiveService', query: ARCHIVE, variables: { id: serviceId, v: 1 } },
    { name: 'confirmService', query: CONFIRM, variables: { id: serviceId, v: 1 } },
    { name: 'reportAvailability', query: REPORT, variables: { id: serviceId, free: 1, total: 2 } },
    { name: 'auditLog', query: AUDIT, variables: { id: serviceId } },
  ];

  it('gives an EDITOR of A FORBIDDEN on every mutation against B, with the same text as for a missing listing', async () => {
    const before = await versionOf(ids.b1);
    for (const op of againstB(ids.b1)) {
      const other = errorOf(await api.gql(op.query, op.variables, tokens.editorA));
      const missing = errorOf(
        await api.gql(op.query, { ...op.variables, id: `${P}-does-not-exist` }, tokens.editorA),
      );
      expect([op.name, other.extensions.code]).toEqual([op.name, 'FORBIDDEN']);
      expect([op.name, missing.extensions.code]).toEqual([op.name, 'FORBIDDEN']);
      expect(other.message).toBe(missing.message);
      expect(other.message).not.toContain('B one');
      expect(other.extensions).toEqual({ code: 'FORBIDDEN' });
    }
    expect(await versionOf(ids.b1)).toBe(before);

    const create = errorOf(
      await api.gql(CREATE, { input: newService(`${P}-sneaky`, orgB) }, tokens.editorA),
    );
    expect(create.extensions.code).toBe('FORBIDDEN');
    const token = errorOf(
      await api.gql(
        `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
        { input: { name: `${P} sneaky`, role: 'EDITOR', organisationId: orgB } },
        tokens.editorA,
      ),
    );
    expect(token.extensions.code).toBe('FORBIDDEN');
    const org = errorOf(
      await api.gql(CREATE_ORG, { input: { id: `${P}-org-x`, name: 'X' } }, tokens.editorA),
    );
    expect(org.extensions.code).toBe('FORBIDDEN');
  });

  it('gives ADMIN NOT_FOUND for a missing listing, and the owning EDITOR and ADMIN success', async () => {
    expect(code(await api.gql(ARCHIVE, { id: `${P}-nope`, v: 1 }, tokens.admin))).toBe('NOT_FOUND');
    const v = await versionOf(ids.b1);
    const report = ok(
      await api.gql<{ reportAvailability: { version: number; capacity: Record<string, unknown> } }>(
        REPORT,
        { id: ids.b1, free: 3, total: 4 },
        tokens.editorB,
      ),
    );
    expect(report.reportAvailability.version).toBe(v + 1);
    expect(report.reportAvailability.capacity).toMatchObject({ freePlaces: 3, totalPlaces: 4 });
    const reportedAt = Date.parse(report.reportAvailability.capacity.reportedAt as string);
    expect(Math.abs(Date.now() - reportedAt)).toBeLessThan(60_000);
    const byAdmin = ok(
      await api.gql<{ reportAvailability: { version: number } }>(
        REPORT,
        { id: ids.b1, free: 0, total: 4 },
        tokens.admin,
      ),
    );
    expect(byAdmin.reportAvailability.version).toBe(v + 2);
  });

  it('refuses PROFESSIONAL (FORBIDDEN), the public and unknown tokens (UNAUTHENTICATED)', async () => {
    for (const op of againstB(ids.b1)) {
      expect([op.name, code(await api.gql(op.query, op.variables, tokens.pro))]).toEqual([
        op.name,
        'FORBIDDEN',
      ]);
      expect([op.name, code(await api.gql(op.query, op.variables))]).toEqual([
        op.name,
        'UNAUTHENTICATED',
      ]);
    }
    expect(code(await api.gql(CREATE, { input: newService(`${P}-x`, orgB) }, tokens.pro))).toBe(
      'FORBIDDEN',
    );
    expect(code(await api.gql(CREATE, { input: newService(`${P}-x`, orgB) }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(code(await api.gql(CREATE_ORG, { input: { name: 'X' } }))).toBe('UNAUTHENTICATED');
    expect(code(await api.gql(CREATE_ORG, { input: { name: 'X' } }, tokens.pro))).toBe('FORBIDDEN');
  });

  it('lets ADMIN create an organisation and its EDITOR create, then archive, a listing', async () => {
    const org = ok(
      await api.gql<{ createOrganisation: unknown }>(
        CREATE_ORG,
        { input: { id: `${P}-org-c`, name: 'Org C', website: 'https://c.example' } },
        tokens.admin,
      ),
    );
    expect(org.createOrganisation).toEqual({
      id: `${P}-org-c`,
      name: 'Org C',
      website: 'https://c.example',
      demo: false,
    });
    expect(
      code(await api.gql(CREATE_ORG, { input: { id: `${P}-org-c`, name: 'Again' } }, tokens.admin)),
    ).toBe('CONFLICT');
    const editorC = (await createToken(api.neo, `${P} editor C`, Role.EDITOR, `${P}-org-c`)).token;
    const created = ok(
      await api.gql<{ createService: ServiceData }>(
        CREATE,
        {
          input: newService(`${P}-c1`, `${P}-org-c`, {
            email: 'c@c.example',
            languages: ['da', 'en'],
            minAge: 18,
          }),
        },
        editorC,
      ),
    );
    expect(created.createService).toMatchObject({
      id: `${P}-c1`,
      name: `New ${P}-c1`,
      version: 1,
      type: { code: 'counselling' },
      targetGroups: [{ code: 'women' }],
      coverage: { national: false, regions: [{ code: '1083' }], municipalities: [] },
      municipality: { code: '461' },
      contact: { phone: null, email: 'c@c.example', website: null },
      eligibility: { minAge: 18, maxAge: null },
      languages: ['da', 'en'],
      referralRoutes: ['SELF'],
      organisation: { id: `${P}-org-c` },
      capacity: null,
    });
    const visible = await api.gql<{ service: { id: string } | null }>(
      `query($id: ID!) { service(id: $id) { id } }`,
      { id: `${P}-c1` },
    );
    expect(ok(visible).service).toEqual({ id: `${P}-c1` });

    const archived = ok(
      await api.gql<{ archiveService: { version: number } }>(
        ARCHIVE,
        { id: `${P}-c1`, v: 1 },
        editorC,
      ),
    );
    expect(archived.archiveService.version).toBe(2);
    const gone = ok(
      await api.gql<{ service: unknown; services: { edges: { node: { id: string } }[] } }>(
        `query($id: ID!) { service(id: $id) { id } services(first: 100, filter: { regionCode: "1083" }) { edges { node { id } } } }`,
        { id: `${P}-c1` },
      ),
    );
    expect(gone.service).toBeNull();
    expect(gone.services.edges.map((e) => e.node.id)).not.toContain(`${P}-c1`);
    expect(
      code(await api.gql(UPDATE, { id: `${P}-c1`, v: 2, input: { name: 'Back' } }, editorC)),
    ).toBe('NOT_FOUND');

    const audit = ok(
      await api.gql<{
        auditLog: {
          totalCount: number;
          edges: { node: { action: string; changes: { field: string; to: string }[] } }[];
        };
      }>(AUDIT, { id: `${P}-c1` }, editorC),
    );
    expect(audit.auditLog.edges.map((e) => e.node.action)).toEqual(['ARCHIVE', 'CREATE']);
    expect(audit.auditLog.edges[1].node.changes).toContainEqual({
      field: 'email',
      from: null,
      to: 'c@c.example',
    });

    const outbox = await api.neo.read<{ n: number }>(
      cypher`MATCH (o:SearchOutbox {serviceId: $id}) RETURN count(o) AS n`,
      { id: `${P}-c1` },
    );
    expect(outbox[0].n).toBe(2);
  });
});

describe('validation', () => {
  const bad = async (
    input: Record<string, unknown>,
  ): Promise<{ code: string; message: string; extensions: Record<string, unknown> }> => {
    const err = errorOf(
      await api.gql(CREATE, { input: newService(`${P}-bad`, orgA, input) }, tokens.admin),
    );
    return { code: err.extensions.code, message: err.message, extensions: err.extensions };
  };

  it.each([
    [{ phone: '12345678' }, 'phone must be a Danish phone number'],
    [{ phone: '+46 11 22 33 44' }, 'phone must be a Danish phone number'],
    [{ professionalPhone: '+45 1234' }, 'professionalPhone must be a Danish phone number'],
    [{ email: 'not-an-address' }, 'email must be an e-mail address'],
    [{ website: 'ftp://x.example' }, 'website must be an https URL'],
    [{ website: 'javascript:alert(1)' }, 'website must be an https URL'],
    [{ website: 'http://x.example' }, 'website must be an https URL'],
    [{ website: 'https://a.dk/\u202eexe.gpj' }, 'website must be one line without control'],
    [{ email: 'x?body=hi&cc=evil@evil.example' }, 'email must be an e-mail address only'],
    [{ email: 'x&cc=evil@evil.example' }, 'email must be an e-mail address only'],
    [{ name: 'Krise\u0000center' }, 'name must be one line without control'],
    [{ name: 'Krisecenter \u202eretnecesirK' }, 'name must be one line without control'],
    [{ name: 'Krise\u200Bcenter' }, 'name must be one line without control'],
    [{ name: '\u001b[31mKrisecenter' }, 'name must be one line without control'],
    [{ name: 'Krisecenter\r\nNord' }, 'name must be one line without control'],
    [{ openingHours: 'Døgnåbent\u2066' }, 'openingHours must be one line without control'],
    [
      { address: { street: 'Vej\u202e 1', postalCode: '5000', city: 'By' } },
      'street must be one line without control',
    ],
    [{ description: 'Tekst\u0007' }, 'description must not contain control, direction'],
    [{ description: 'Tekst\u2067' }, 'description must not contain control, direction'],
    [{ minAge: -1 }, 'minAge must not be less than 0'],
    [{ maxAge: 121 }, 'maxAge must not be greater than 120'],
    [{ minAge: 30, maxAge: 18 }, 'minAge must not be greater than maxAge.'],
    [{ name: 'x'.repeat(201) }, 'name must be shorter than or equal to 200 characters'],
    [
      { description: 'x'.repeat(2001) },
      'description must be shorter than or equal to 2000 characters',
    ],
    [
      { address: { street: 'Vej 1', postalCode: '50000', city: 'By' } },
      'postalCode must be four digits',
    ],
    [{ languages: ['dansk'] }, 'languages must be ISO 639-1 codes'],
    [{ referralRoutes: [] }, 'referralRoutes must contain at least 1 elements'],
    [
      { coverage: { national: false, regionCodes: [], municipalityCodes: [] } },
      'coverage must be national or name at least one region or municipality.',
    ],
  ])('rejects invalid input, case %#', async (input, message) => {
    const err = await bad(input);
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.message).toContain(message);
  });

  it('accepts line breaks in a description only, and plain Danish text everywhere', async () => {
    const res = await api.gql(
      CREATE,
      {
        input: newService(`${P}-text`, orgA, {
          name: 'Krisecenter Ærø – «Nord» (24/7)',
          description: 'Første linje.\nAnden linje.\r\nTredje.',
          openingHours: 'Man–fre 8–16',
          email: 'kontakt+nord@krise-nord.example',
          website: 'https://krise-nord.example/om?side=1&sprog=da',
        }),
      },
      tokens.admin,
    );
    expect((ok(res) as { createService: { id: string } }).createService.id).toBe(`${P}-text`);
  });

  it('accepts Danish numbers with spaces and short national numbers', async () => {
    for (const [i, phone] of ['+45 11 22 33 44', '+4511223344', '112', '1888'].entries()) {
      const res = await api.gql<{ createService: ServiceData }>(
        CREATE,
        { input: newService(`${P}-phone-${i}`, orgA, { phone }) },
        tokens.admin,
      );
      expect(ok(res).createService.contact).toEqual({ phone, email: null, website: null });
    }
  });

  it('names every unknown code', async () => {
    const err = await bad({ needCodes: ['divorce', 'nope', 'nada'] });
    expect(err.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      unknownPositions: [1, 2],
    });
    const region = await bad({
      coverage: { national: false, regionCodes: ['1099'], municipalityCodes: [] },
    });
    expect(region.extensions).toMatchObject({
      argument: 'input.coverage.regionCodes',
      unknownPositions: [0],
    });
    const type = await bad({ typeCode: 'spa' });
    expect(type.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'input.typeCode' });
    const place = await bad({ municipalityCode: '999' });
    expect(place.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'input.municipalityCode',
    });
  });

  it('rejects unknown fields', async () => {
    const res = await api.gql(
      CREATE,
      { input: newService(`${P}-bad`, orgA, { secret: 1 }) },
      tokens.admin,
    );
    expect(code(res)).toBe('BAD_USER_INPUT');
  });

  it('rejects free > total and negative places, and clearing a required field', async () => {
    expect(code(await api.gql(REPORT, { id: ids.a1, free: 5, total: 4 }, tokens.editorA))).toBe(
      'BAD_USER_INPUT',
    );
    const neg = errorOf(await api.gql(REPORT, { id: ids.a1, free: -1, total: 4 }, tokens.editorA));
    expect(neg.message).toContain('freePlaces must not be less than 0');
    const v = await versionOf(ids.a1);
    const cleared = errorOf(
      await api.gql(UPDATE, { id: ids.a1, v, input: { name: null } }, tokens.editorA),
    );
    expect(cleared.extensions.code).toBe('BAD_USER_INPUT');
    const minMax = errorOf(
      await api.gql(UPDATE, { id: ids.a1, v, input: { minAge: 50, maxAge: 20 } }, tokens.editorA),
    );
    expect(minMax.message).toBe('minAge must not be greater than maxAge.');
    expect(await versionOf(ids.a1)).toBe(v);
  });
});

describe('confirming a listing', () => {
  it('lets the owner stamp verifiedAt, versioned and audited, and refuses a stale version', async () => {
    const version = await versionOf(ids.a2);
    const before = Date.now();
    const confirmed = ok(
      await api.gql<{ confirmService: { id: string; version: number; verifiedAt: string } }>(
        CONFIRM,
        { id: ids.a2, v: version },
        tokens.editorA,
      ),
    ).confirmService;
    expect(confirmed.version).toBe(version + 1);
    expect(Date.parse(confirmed.verifiedAt)).toBeGreaterThanOrEqual(before - 1000);

    const stale = errorOf(await api.gql(CONFIRM, { id: ids.a2, v: version }, tokens.editorA));
    expect(stale.extensions).toEqual({ code: 'STALE_VERSION', currentVersion: version + 1 });
    expect(code(await api.gql(CONFIRM, { id: ids.a2, v: version + 1 }))).toBe('UNAUTHENTICATED');
    expect(code(await api.gql(CONFIRM, { id: ids.a2, v: version + 1 }, tokens.pro))).toBe(
      'FORBIDDEN',
    );

    const audit = ok(
      await api.gql<{
        auditLog: {
          edges: { node: { action: string; changes: { field: string; to: string }[] } }[];
        };
      }>(AUDIT, { id: ids.a2 }, tokens.admin),
    );
    expect(audit.auditLog.edges[0].node.action).toBe('CONFIRM');
    expect(audit.auditLog.edges[0].node.changes).toEqual([
      { field: 'verifiedAt', from: null, to: confirmed.verifiedAt },
    ]);
  });
});
