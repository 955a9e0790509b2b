import { Role } from '../src/common/role';
import { cypher } from '../src/neo4j/cypher';
import { clientDigest } from '../src/accounts/auth-throttle';
import { FLAGS_PER_WINDOW } from '../src/flags/flags.service';
import { closeApi, errorOf, ok, startApi, TestApi } from './support/api';
import { createListings, organisation, service, uniquePrefix } from './support/factory';
import { LogCapture } from './support/log-capture';
import { createRoleTokens, LOOPBACK_ADDRESSES, RoleTokens } from './support/tokens';
import { createConfidentialShelter } from './support/confidential-shelter';

const P = uniquePrefix('fresh');
const orgA = `${P}-org-a`;
const orgB = `${P}-org-b`;
const ids = {
  oldA: `${P}-old-a`,
  neverA: `${P}-never-a`,
  freshA: `${P}-fresh-a`,
  oldB: `${P}-old-b`,
  shelterA: `${P}-shelter-a`,
};
const DAY_MS = 24 * 3_600_000;
const SECRET_STREET = 'Skjultvej 17';
const NOTE = 'Telefonen blev ikke taget tre dage i træk (note-marker-73)';

let api: TestApi;
let tokens: RoleTokens;

const FRESHNESS = `query($org: ID) { listingFreshness(organisationId: $org) {
  windowDays unconfirmed { service { id name } lastConfirmedAt neverConfirmed daysSinceConfirmed } } }`;
const FLAG = `mutation($input: FlagListingInput!) { flagListing(input: $input) { id createdAt } }`;
const FLAGS = `query($status: FlagStatus, $serviceId: ID) { listingFlags(status: $status, serviceId: $serviceId) {
  id serviceId serviceName reason note status closedAt closedBy } }`;
const CLOSE = `mutation($id: ID!) { closeListingFlag(id: $id) { id status closedBy } }`;

interface Freshness {
  listingFreshness: {
    windowDays: number;
    unconfirmed: {
      service: { id: string; name: string };
      lastConfirmedAt: string | null;
      neverConfirmed: boolean;
      daysSinceConfirmed: number | null;
    }[];
  };
}
interface Flag {
  id: string;
  serviceId: string;
  serviceName: string;
  reason: string;
  note: string | null;
  status: string;
  closedAt: string | null;
  closedBy: string | null;
}

/** Sets when a listing was last confirmed and created (days ago; null leaves it unset). */
async function age(id: string, verifiedDaysAgo: number | null, createdDaysAgo: number) {
  const now = Date.now();
  await api.neo.write(
    cypher.unchecked(`MATCH (s:Service {id: $id})
      SET s.verifiedAt = CASE WHEN $verified IS NULL THEN null ELSE datetime($verified) END,
          s.createdAt = datetime($created)`),
    {
      id,
      verified:
        verifiedDaysAgo === null ? null : new Date(now - verifiedDaysAgo * DAY_MS).toISOString(),
      created: new Date(now - createdDaysAgo * DAY_MS).toISOString(),
    },
  );
}

async function clearFlagLimit() {
  await api.neo.write(cypher.unchecked('MATCH (l:FlagLimit) WHERE l.client IN $c DELETE l'), {
    c: LOOPBACK_ADDRESSES.map(clientDigest),
  });
}

const mine = (f: Freshness) =>
  f.listingFreshness.unconfirmed.map((u) => u.service.id).filter((id) => id.startsWith(P));

beforeAll(async () => {
  api = await startApi();
  await createListings(
    api.neo,
    [organisation(orgA), organisation(orgB)],
    [
      service(ids.oldA, orgA, { name: 'Old A' }),
      service(ids.neverA, orgA, { name: 'Never A' }),
      service(ids.freshA, orgA, { name: 'Fresh A' }),
      service(ids.oldB, orgB, { name: 'Old B' }),
    ],
  );
  tokens = await createRoleTokens(api.neo, P, orgA, orgB);
  await createConfidentialShelter(api, tokens.editorA, {
    organisationId: orgA,
    id: ids.shelterA,
    name: 'Secret shelter A',
    description: 'A shelter',
    coverage: { national: false, regionCodes: [], municipalityCodes: ['461'] },
    address: { street: SECRET_STREET, postalCode: '5000', city: 'Odense C' },
    professionalPhone: '+45 70 00 00 99',
  });
  await age(ids.oldA, 200, 400);
  await age(ids.neverA, null, 190);
  await age(ids.freshA, 10, 400);
  await age(ids.oldB, 181, 300);
  await clearFlagLimit();
});

afterAll(async () => {
  await api.neo.write(
    cypher.unchecked(
      'MATCH (f:ListingFlag)-[:ABOUT]->(s:Service) WHERE s.id STARTS WITH $p DETACH DELETE f',
    ),
    { p: P },
  );
  await clearFlagLimit();
  await closeApi(api, P);
});

describe('listingFreshness', () => {
  it('gives an EDITOR its own organisation’s listings past the window, oldest first', async () => {
    const data = ok(await api.gql<Freshness>(FRESHNESS, {}, tokens.editorA));
    expect(data.listingFreshness.windowDays).toBe(180);
    expect(mine(data)).toEqual([ids.oldA, ids.neverA]);
    const [old, never] = data.listingFreshness.unconfirmed;
    expect(old).toMatchObject({ neverConfirmed: false, daysSinceConfirmed: 200 });
    expect(never).toMatchObject({ neverConfirmed: true, daysSinceConfirmed: 190 });
  });

  it('gives ADMIN every organisation’s, or one organisation’s when asked', async () => {
    expect(mine(ok(await api.gql<Freshness>(FRESHNESS, {}, tokens.admin))).sort()).toEqual(
      [ids.oldA, ids.neverA, ids.oldB].sort(),
    );
    expect(mine(ok(await api.gql<Freshness>(FRESHNESS, { org: orgB }, tokens.admin)))).toEqual([
      ids.oldB,
    ]);
  });

  it('refuses another organisation’s list, a PROFESSIONAL and the public', async () => {
    const other = errorOf(await api.gql(FRESHNESS, { org: orgB }, tokens.editorA));
    expect(other.extensions.code).toBe('FORBIDDEN');
    expect(errorOf(await api.gql(FRESHNESS, {}, tokens.pro)).extensions.code).toBe('FORBIDDEN');
    expect(errorOf(await api.gql(FRESHNESS, {})).extensions.code).toBe('UNAUTHENTICATED');
  });

  it('drops a listing from the list once it is confirmed', async () => {
    const version = ok(
      await api.gql<{ service: { version: number } }>(
        `query($id: ID!) { service(id: $id) { version } }`,
        { id: ids.neverA },
      ),
    ).service.version;
    ok(
      await api.gql(
        `mutation($id: ID!, $v: Int!) { confirmService(id: $id, expectedVersion: $v) { id } }`,
        { id: ids.neverA, v: version },
        tokens.editorA,
      ),
    );
    expect(mine(ok(await api.gql<Freshness>(FRESHNESS, {}, tokens.editorA)))).toEqual([ids.oldA]);
    await age(ids.neverA, null, 190);
  });
});

describe('the referral answer', () => {
  it('says when a listing past the window was last confirmed: call and check', async () => {
    const data = ok(
      await api.gql<{
        referral: { options: { service: { id: string }; nextSteps: string[] }[] };
      }>(
        `query($input: ReferralInput!) { referral(input: $input) {
          options { service { id } nextSteps } } }`,
        {
          input: {
            targetGroupCodes: ['victims'],
            needCodes: ['social-counselling'],
            municipalityCode: '101',
            limit: 50,
          },
        },
      ),
    );
    const steps = (id: string) => data.referral.options.find((o) => o.service.id === id)?.nextSteps;
    const verified = new Date(Date.now() - 200 * DAY_MS).toLocaleDateString('da-DK', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Copenhagen',
    });
    expect(steps(ids.oldA)).toContain(`Sidst bekræftet ${verified}: ring og tjek`);
    expect(steps(ids.freshA)?.some((s) => s.startsWith('Sidst bekræftet'))).toBe(false);
    expect(steps(ids.neverA)?.some((s) => s.startsWith('Sidst bekræftet'))).toBe(false);
  });
});

describe('flags', () => {
  let flagged: string;

  it('lets anyone flag a current listing with a reason and a note, and never logs the note', async () => {
    const logs = new LogCapture();
    logs.start();
    try {
      const data = ok(
        await api.gql<{ flagListing: { id: string; createdAt: string } }>(FLAG, {
          input: { serviceId: ids.shelterA, reason: 'PHONE_WRONG', note: NOTE },
        }),
      );
      flagged = data.flagListing.id;
      expect(Object.keys(data.flagListing).sort()).toEqual(['createdAt', 'id']);
    } finally {
      logs.stop();
    }
    expect(logs.text()).not.toContain('note-marker-73');
    expect(logs.text()).not.toContain(SECRET_STREET);
  });

  it('shows the organisation its open flags, with no address, and ADMIN all', async () => {
    const own = ok(await api.gql<{ listingFlags: Flag[] }>(FLAGS, {}, tokens.editorA));
    expect(own.listingFlags.filter((f) => f.serviceId.startsWith(P))).toEqual([
      {
        id: flagged,
        serviceId: ids.shelterA,
        serviceName: 'Secret shelter A',
        reason: 'PHONE_WRONG',
        note: NOTE,
        status: 'OPEN',
        closedAt: null,
        closedBy: null,
      },
    ]);
    expect(JSON.stringify(own)).not.toContain(SECRET_STREET);
    const b = ok(await api.gql<{ listingFlags: Flag[] }>(FLAGS, {}, tokens.editorB));
    expect(b.listingFlags.filter((f) => f.serviceId.startsWith(P))).toEqual([]);
    const all = ok(await api.gql<{ listingFlags: Flag[] }>(FLAGS, {}, tokens.admin));
    expect(all.listingFlags.map((f) => f.id)).toContain(flagged);
  });

  it('refuses another organisation’s flags, the public and a PROFESSIONAL', async () => {
    const code = async (query: string, vars: Record<string, unknown>, token?: string) =>
      errorOf(await api.gql(query, vars, token)).extensions.code;
    expect(await code(FLAGS, { serviceId: ids.shelterA }, tokens.editorB)).toBe('FORBIDDEN');
    expect(await code(FLAGS, { serviceId: `${P}-nothing` }, tokens.editorB)).toBe('FORBIDDEN');
    expect(await code(FLAGS, { serviceId: `${P}-nothing` }, tokens.admin)).toBe('NOT_FOUND');
    expect(await code(FLAGS, {})).toBe('UNAUTHENTICATED');
    expect(await code(FLAGS, {}, tokens.pro)).toBe('FORBIDDEN');
    expect(await code(CLOSE, { id: flagged }, tokens.editorB)).toBe('FORBIDDEN');
    expect(await code(CLOSE, { id: `${P}-no-flag` }, tokens.editorB)).toBe('FORBIDDEN');
    expect(await code(CLOSE, { id: `${P}-no-flag` }, tokens.admin)).toBe('NOT_FOUND');
    expect(await code(CLOSE, { id: flagged })).toBe('UNAUTHENTICATED');
  });

  it('keeps the secret address out of the change log for everyone but the owners', async () => {
    const AUDIT = `query($id: ID!) { auditLog(id: $id) { edges { node { changes { field from to } } } } }`;
    for (const token of [tokens.editorB, tokens.pro, undefined]) {
      const refused = await api.gql(AUDIT, { id: ids.shelterA }, token);
      expect(refused.data).toBeNull();
      expect(JSON.stringify(refused)).not.toContain(SECRET_STREET);
    }
    const own = ok(await api.gql(AUDIT, { id: ids.shelterA }, tokens.editorA));
    expect(JSON.stringify(own)).toContain(SECRET_STREET);
  });

  it('lets the organisation close a flag, which then leaves its open list', async () => {
    const closed = ok(
      await api.gql<{ closeListingFlag: Flag }>(CLOSE, { id: flagged }, tokens.editorA),
    );
    expect(closed.closeListingFlag).toEqual({
      id: flagged,
      status: 'CLOSED',
      closedBy: `${P} editor A`,
    });
    const open = ok(await api.gql<{ listingFlags: Flag[] }>(FLAGS, {}, tokens.editorA));
    expect(open.listingFlags.filter((f) => f.serviceId.startsWith(P))).toEqual([]);
    const done = ok(
      await api.gql<{ listingFlags: Flag[] }>(FLAGS, { status: 'CLOSED' }, tokens.editorA),
    );
    expect(done.listingFlags.map((f) => f.id)).toContain(flagged);
  });

  it('refuses an unknown or archived listing, a note over 300 characters and an unknown reason', async () => {
    await clearFlagLimit();
    const unknown = errorOf(
      await api.gql(FLAG, { input: { serviceId: `${P}-nothing`, reason: 'OTHER' } }),
    );
    expect(unknown.extensions.code).toBe('NOT_FOUND');
    const long = errorOf(
      await api.gql(FLAG, {
        input: { serviceId: ids.oldA, reason: 'OTHER', note: 'x'.repeat(301) },
      }),
    );
    expect(long.extensions.code).toBe('BAD_USER_INPUT');
    expect(long.message).not.toContain('xxxx');
    ok(
      await api.gql(FLAG, {
        input: { serviceId: ids.oldA, reason: 'OTHER', note: 'y'.repeat(300) },
      }),
    );
    const reason = errorOf(await api.gql(FLAG, { input: { serviceId: ids.oldA, reason: 'BAD' } }));
    expect(reason.extensions.code).toBe('BAD_USER_INPUT');
  });

  it(`takes at most ${FLAGS_PER_WINDOW} flags an hour from one client address`, async () => {
    await clearFlagLimit();
    for (let i = 0; i < FLAGS_PER_WINDOW; i++) {
      ok(await api.gql(FLAG, { input: { serviceId: ids.oldB, reason: 'HOURS_WRONG' } }));
    }
    const refused = errorOf(
      await api.gql(FLAG, { input: { serviceId: ids.oldB, reason: 'HOURS_WRONG' } }),
    );
    expect(refused.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'TOO_MANY_FLAGS',
      retryAfterSeconds: 3600,
    });
    const open = ok(
      await api.gql<{ listingFlags: Flag[] }>(FLAGS, { serviceId: ids.oldB }, tokens.editorB),
    );
    expect(open.listingFlags).toHaveLength(FLAGS_PER_WINDOW);
    await clearFlagLimit();
  });
});

describe('api tokens on the page', () => {
  const LIST = `query($org: ID) { apiTokens(organisationId: $org) { id name role expiresAt revokedAt } }`;
  const CREATE_TOKEN = `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) {
    token apiToken { id name expiresAt } } }`;

  it('lets an EDITOR create a token with an expiry, list its organisation’s and nobody else’s', async () => {
    const expires = new Date(Date.now() + 30 * DAY_MS);
    expires.setUTCMilliseconds(0);
    const created = ok(
      await api.gql<{
        createApiToken: { token: string; apiToken: { id: string; expiresAt: string } };
      }>(
        CREATE_TOKEN,
        {
          input: {
            name: `${P} front desk`,
            role: Role.EDITOR,
            organisationId: orgA,
            expiresAt: expires.toISOString(),
          },
        },
        tokens.editorA,
      ),
    );
    expect(created.createApiToken.apiToken.expiresAt).toBe(expires.toISOString());
    const list = ok(
      await api.gql<{ apiTokens: { name: string; expiresAt: string | null }[] }>(
        LIST,
        {},
        tokens.editorA,
      ),
    );
    expect(list.apiTokens.map((t) => t.name).sort()).toEqual(
      [`${P} editor A`, `${P} front desk`].sort(),
    );
    expect(errorOf(await api.gql(LIST, { org: orgB }, tokens.editorA)).extensions.code).toBe(
      'FORBIDDEN',
    );
    expect(errorOf(await api.gql(LIST, {}, tokens.pro)).extensions.code).toBe('FORBIDDEN');
  });

  it('refuses an expiry in the past, and an expired token grants nothing', async () => {
    const past = errorOf(
      await api.gql(
        CREATE_TOKEN,
        {
          input: {
            name: `${P} past`,
            role: Role.EDITOR,
            organisationId: orgA,
            expiresAt: new Date(Date.now() - DAY_MS).toISOString(),
          },
        },
        tokens.editorA,
      ),
    );
    expect(past.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.expiresAt' });
    const created = ok(
      await api.gql<{ createApiToken: { token: string; apiToken: { id: string } } }>(
        CREATE_TOKEN,
        {
          input: {
            name: `${P} soon`,
            role: Role.EDITOR,
            organisationId: orgA,
            expiresAt: new Date(Date.now() + DAY_MS).toISOString(),
          },
        },
        tokens.editorA,
      ),
    );
    const me = `{ me { role } }`;
    expect(ok(await api.gql(me, {}, created.createApiToken.token))).toEqual({
      me: { role: 'EDITOR' },
    });
    await api.neo.write(
      cypher.unchecked(
        'MATCH (t:ApiToken {id: $id}) SET t.expiresAt = datetime() - duration("PT1S")',
      ),
      { id: created.createApiToken.apiToken.id },
    );
    expect(errorOf(await api.gql(me, {}, created.createApiToken.token)).extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});
