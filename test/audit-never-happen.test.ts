import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { GeographyService } from '../src/geography/geography.service';
import { CatalogueRepository } from '../src/catalogue/catalogue.repository';
import { toSearchDocument } from '../src/search/search-document';
import { SearchSourceRepository } from '../src/search/sync/search-source.repository';
import { TaxonomyService } from '../src/taxonomy/taxonomy.service';
import { closeApi, errorOf, GqlResponse, ok, startApi, TestApi } from './support/api';
import { createConfidentialShelter } from './support/confidential-shelter';
import { setEnv } from './support/env';
import { LogCapture } from './support/log-capture';
import {
  createListings,
  organisation,
  service,
  serviceVersion,
  uniquePrefix,
} from './support/factory';
import { createRoleTokens, RoleTokens } from './support/tokens';
import { cypher } from '../src/neo4j/cypher';

/**
 * An attacker's and a reviewer's audit of what must never happen: a secret address or the
 * professional line reaching the wrong caller by any path (fields, mutations, search index,
 * documents, outbox, facets, errors, the log), a listing changed by anyone but its owner or an
 * admin or an update lost, referral inputs logged or stored, and bad input reaching Cypher raw
 * or crashing the process.
 */
const P = uniquePrefix('audit-nh');
const orgA = `${P}-org-a`;
const orgB = `${P}-org-b`;
const shelterId = `${P}-shelter`;
const otherId = `${P}-other`;

/** Letters only, so each is one search word. */
const word = (prefix: string): string =>
  prefix +
  [...randomBytes(5).toString('hex')]
    .map((c) => String.fromCharCode(97 + parseInt(c, 16)))
    .join('');
const STREET_WORD = word('gemtvej');
const CITY_WORD = word('skjulby');
const SECRET_STREET = `${STREET_WORD} 7`;
const SECRET_POSTAL = '5987';
const SECRET_CITY = `${CITY_WORD} C`;
const SECRET_LINE_DIGITS = `7${String(1_000_000 + (randomBytes(3).readUIntBE(0, 3) % 8_999_999))}`;
const SECRET_LINE = `+45 ${SECRET_LINE_DIGITS}`;
const MARKER = word('zmark');

let api: TestApi;
let tokens: RoleTokens;
const logs = new LogCapture();
let restoreEnv: () => void;

/**
 * No secret of the shelter anywhere in this text. The postal code (four digits) is checked as
 * a JSON value, since four digits may occur by chance in ids and timestamps.
 */
function expectNoSecret(text: string, allowLine = false): void {
  expect(text).not.toContain(STREET_WORD);
  expect(text).not.toContain(CITY_WORD);
  expect(text).not.toContain(`"${SECRET_POSTAL}"`);
  if (!allowLine) {
    expect(text).not.toContain(SECRET_LINE_DIGITS);
  }
}

/** A raw POST to /graphql (for bodies JSON.stringify cannot make, and for HTTP statuses). */
function rawPost(body: string, token?: string): request.Test {
  let req = request(api.app.getHttpServer() as Parameters<typeof request>[0])
    .post('/graphql')
    .set('content-type', 'application/json');
  if (token) {
    req = req.set('authorization', `Bearer ${token}`);
  }
  return req.send(body);
}

const versionOf = (id: string): Promise<number> => serviceVersion(api.neo, id);

beforeAll(async () => {
  restoreEnv = setEnv({ LOG_LEVEL: 'verbose' });
  logs.start();
  api = await startApi();
  await createListings(
    api.neo,
    [organisation(orgA), organisation(orgB)],
    [
      service(otherId, orgB, {
        name: `Demo Åben Rådgivning ${MARKER}`,
        municipalityCode: '851',
        coverage: { national: false, regionCodes: [], municipalityCodes: ['851'] },
        capacity: { totalPlaces: 4, freePlaces: 1 },
      }),
    ],
  );
  tokens = await createRoleTokens(api.neo, P, orgA, orgB);
  await createConfidentialShelter(api, tokens.editorA, {
    organisationId: orgA,
    id: shelterId,
    name: 'Demo Hemmeligt Krisecenter',
    description: `Døgnåbent krisecenter ${MARKER}`,
    coverage: { national: false, regionCodes: [], municipalityCodes: ['461'] },
    address: { street: SECRET_STREET, postalCode: SECRET_POSTAL, city: SECRET_CITY },
    professionalPhone: SECRET_LINE,
    acceptsChildren: true,
  });
});

afterAll(async () => {
  await closeApi(api, P);
  logs.stop();
  restoreEnv();
});

const ADDRESS =
  'address { street postalCode city } addressConfidential contact { professionalPhone }';

/** Every other path that returns a Service: organisations, me, and all of a referral. */
const OTHER_PATHS = `query($org: ID!) {
  organisation(id: $org) { services { id ${ADDRESS} } }
  organisations(first: 100) { edges { node { id services { id ${ADDRESS} } } } }
  me { organisation { services { id ${ADDRESS} } } }
  referral(input: { targetGroupCodes: ["women"], needCodes: ["emergency-stay"], municipalityCode: "851", limit: 50 }) {
    options { coverage service { id ${ADDRESS} } }
    byNeed { need { code } options { service { id ${ADDRESS} } } }
    unmetNeeds { need { code } nearest { distanceKm service { id ${ADDRESS} } } }
  }
}`;

interface Shown {
  id: string;
  address: { street: string; postalCode: string; city: string } | null;
  addressConfidential: boolean;
  contact: { professionalPhone: string | null };
}
interface OtherPaths {
  organisation: { services: Shown[] };
  organisations: { edges: { node: { id: string; services: Shown[] } }[] };
  me: { organisation: { services: Shown[] } | null };
  referral: {
    options: { coverage: string; service: Shown }[];
    byNeed: { need: { code: string }; options: { service: Shown }[] }[];
    unmetNeeds: { need: { code: string }; nearest: { distanceKm: number; service: Shown } }[];
  };
}

/** The shelter as each path shows it (the `me` path only for its own organisation's EDITOR). */
function shelterOnEveryPath(data: OtherPaths): Shown[] {
  const pick = (items: Shown[], where: string): Shown => {
    const found = items.find((s) => s.id === shelterId);
    if (!found) {
      throw new Error(`the shelter is missing from ${where}`);
    }
    return found;
  };
  const orgNode = data.organisations.edges.find((e) => e.node.id === orgA);
  if (!orgNode) {
    throw new Error('organisation A is missing from organisations');
  }
  const need = data.referral.byNeed.find((b) => b.need.code === 'emergency-stay');
  const unmet = data.referral.unmetNeeds.find((u) => u.need.code === 'emergency-stay');
  return [
    pick(data.organisation.services, 'organisation'),
    pick(orgNode.node.services, 'organisations'),
    pick(
      data.referral.options.map((o) => o.service),
      'referral.options',
    ),
    pick(need?.options.map((o) => o.service) ?? [], 'referral.byNeed'),
    pick(unmet ? [unmet.nearest.service] : [], 'referral.unmetNeeds'),
  ];
}

describe('a secret address and the professional line', () => {
  it.each([
    ['the public', undefined],
    ['a PROFESSIONAL', 'pro'],
    ['an EDITOR of another organisation', 'editorB'],
  ] as const)(
    'never reach %s through organisation(s).services, me or any part of a referral',
    async (_who, key) => {
      const token = key ? tokens[key] : undefined;
      const res = await api.gql<OtherPaths>(OTHER_PATHS, { org: orgA }, token);
      const data = ok(res);
      const seen = shelterOnEveryPath(data);
      expect(seen.map((s) => [s.address, s.addressConfidential])).toEqual(
        seen.map(() => [null, true]),
      );
      expect(seen.map((s) => s.contact.professionalPhone)).toEqual(
        seen.map(() => (key === 'pro' ? SECRET_LINE : null)),
      );
      // The shelter is outside the area of a person in Aalborg: it is the nearest stay.
      expect(data.referral.options.find((o) => o.service.id === shelterId)?.coverage).toBe(
        'OUTSIDE_AREA',
      );
      expectNoSecret(JSON.stringify(res), key === 'pro');
    },
  );

  it.each([
    ['ADMIN', 'admin'],
    ['the owning EDITOR', 'editorA'],
  ] as const)('reach %s on every one of those paths', async (_who, key) => {
    const data = ok(await api.gql<OtherPaths>(OTHER_PATHS, { org: orgA }, tokens[key]));
    const address = { street: SECRET_STREET, postalCode: SECRET_POSTAL, city: SECRET_CITY };
    const seen = shelterOnEveryPath(data);
    if (key === 'editorA') {
      seen.push(...(data.me.organisation?.services.filter((s) => s.id === shelterId) ?? []));
    }
    expect(seen).toHaveLength(key === 'editorA' ? 6 : 5);
    expect(seen.map((s) => s.address)).toEqual(seen.map(() => address));
    expect(seen.map((s) => s.contact.professionalPhone)).toEqual(seen.map(() => SECRET_LINE));
  });

  it('are not in the node’s searchText, a search document or the search outbox', async () => {
    const [node] = await api.neo.read<{ searchText: string }>(
      cypher`MATCH (s:Service {id: $id}) RETURN s.searchText AS searchText`,
      { id: shelterId },
    );
    expect(node.searchText).toContain(MARKER); // the text is there, and built from the listing
    expectNoSecret(node.searchText);
    expect(node.searchText).not.toContain(SECRET_POSTAL);

    const [source] = await api.app.get(SearchSourceRepository).loadSources([shelterId]);
    if (!source.source) {
      throw new Error('the shelter has no search source');
    }
    const document = toSearchDocument(
      source.source,
      await api.app.get(TaxonomyService).get(),
      await api.app.get(GeographyService).get(),
    );
    expect(document.id).toBe(shelterId);
    expect(JSON.stringify(document)).toContain(MARKER);
    expectNoSecret(JSON.stringify(document));

    const outbox = await api.neo.read<{ entry: Record<string, unknown> }>(
      cypher`MATCH (e:SearchOutbox {serviceId: $id}) RETURN properties(e) AS entry`,
      { id: shelterId },
    );
    expect(outbox.length).toBeGreaterThanOrEqual(1);
    expectNoSecret(JSON.stringify(outbox));
  });

  const SEARCH_ALL = `query($q: String!) { searchServices(query: $q, first: 100) {
    totalHits hits { score service { id } }
    facets { types { code count } regions { code count } targetGroups { code count }
      needs { code count } languages { code count } } } }`;
  interface SearchOut {
    searchServices: {
      totalHits: number;
      hits: { score: number; service: { id: string } }[];
      facets: Record<string, { code: string; count: number }[]>;
    };
  }
  const EMPTY_FACETS = { types: [], regions: [], targetGroups: [], needs: [], languages: [] };

  it.each([
    ['the street', STREET_WORD],
    ['the city', CITY_WORD],
    ['the postal code', SECRET_POSTAL],
    ['the professional line', SECRET_LINE_DIGITS],
    ['the street as a Lucene field query', `addressStreet:${STREET_WORD}`],
  ])(
    'cannot be found by searching for %s: no hit, count or facet tells whether it exists',
    async (_what, query) => {
      for (const token of [undefined, tokens.admin]) {
        const found = ok(await api.gql<SearchOut>(SEARCH_ALL, { q: query }, token)).searchServices;
        expect(found).toEqual({ totalHits: 0, hits: [], facets: EMPTY_FACETS });
      }
    },
  );

  it('with a word that finds it, the street adds nothing: the answer is that of an unrelated word', async () => {
    // Every word must match, else fewer words will do: "krisecenter <street>" falls back to
    // "krisecenter"; if the street were indexed, the first answer would differ from the second.
    for (const token of [undefined, tokens.admin]) {
      const withStreet = ok(
        await api.gql<SearchOut>(SEARCH_ALL, { q: `krisecenter ${STREET_WORD}` }, token),
      ).searchServices;
      const withNoise = ok(
        await api.gql<SearchOut>(SEARCH_ALL, { q: `krisecenter ${word('ingenting')}` }, token),
      ).searchServices;
      expect(withStreet.hits.map((h) => h.service.id)).toContain(shelterId);
      expect(withStreet).toEqual(withNoise);
    }
  });

  it('are in no mutation answer or error for callers without the right', async () => {
    const v = await versionOf(shelterId);
    const SELECT = `{ id ${ADDRESS} }`;
    const attempts: [string, string, Record<string, unknown>, string | undefined][] = [
      [
        'update by EDITOR B',
        `mutation($id: ID!, $v: Int!) { updateService(id: $id, expectedVersion: $v, input: { name: "Taken" }) ${SELECT} }`,
        { id: shelterId, v },
        tokens.editorB,
      ],
      [
        'archive by EDITOR B',
        `mutation($id: ID!, $v: Int!) { archiveService(id: $id, expectedVersion: $v) ${SELECT} }`,
        { id: shelterId, v },
        tokens.editorB,
      ],
      [
        'confirm by PROFESSIONAL',
        `mutation($id: ID!, $v: Int!) { confirmService(id: $id, expectedVersion: $v) ${SELECT} }`,
        { id: shelterId, v },
        tokens.pro,
      ],
      [
        'report by EDITOR B',
        `mutation($id: ID!) { reportAvailability(id: $id, freePlaces: 0, totalPlaces: 1) ${SELECT} }`,
        { id: shelterId },
        tokens.editorB,
      ],
      [
        'report by the public',
        `mutation($id: ID!) { reportAvailability(id: $id, freePlaces: 0, totalPlaces: 1) ${SELECT} }`,
        { id: shelterId },
        undefined,
      ],
      [
        'audit by EDITOR B',
        `query($id: ID!) { auditLog(id: $id) { edges { node { changes { field from to } } } } }`,
        { id: shelterId },
        tokens.editorB,
      ],
    ];
    const responses: GqlResponse<unknown>[] = [];
    for (const [, query, variables, token] of attempts) {
      responses.push(await api.gql(query, variables, token));
    }
    expect(responses.map((r) => [r.data, errorOf(r).extensions.code])).toEqual([
      [null, 'FORBIDDEN'],
      [null, 'FORBIDDEN'],
      [null, 'FORBIDDEN'],
      [null, 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
      [null, 'FORBIDDEN'],
    ]);
    expectNoSecret(JSON.stringify(responses));
    expect(await versionOf(shelterId)).toBe(v);
  });
});

describe('only the owner or an admin changes a listing, and no update is lost', () => {
  const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateServiceInput!) {
    updateService(id: $id, expectedVersion: $v, input: $input) { id version openingHours } }`;

  it('of two aliased saves with the same version in one request, the first wins and the second is STALE_VERSION', async () => {
    const v = await versionOf(shelterId);
    const res = await api.gql<{ a: { version: number } | null; b: { version: number } | null }>(
      `mutation($id: ID!, $v: Int!) {
        a: updateService(id: $id, expectedVersion: $v, input: { openingHours: "A" }) { version }
        b: updateService(id: $id, expectedVersion: $v, input: { openingHours: "B" }) { version } }`,
      { id: shelterId, v },
      tokens.editorA,
    );
    // Both fields are non-null, so the second's error nulls `data`; the first was saved.
    expect(res.data).toBeNull();
    expect(
      res.errors?.map((e) => [e.path, e.extensions.code, e.extensions.currentVersion]),
    ).toEqual([[['b'], 'STALE_VERSION', v + 1]]);
    expect(await versionOf(shelterId)).toBe(v + 1);
    const shown = ok(
      await api.gql<{ service: { openingHours: string } }>(
        'query($id: ID!) { service(id: $id) { openingHours } }',
        { id: shelterId },
      ),
    );
    expect(shown.service.openingHours).toBe('A');
  });

  it('a capacity report bumps the version, so an edit made before it cannot overwrite blindly', async () => {
    const v = await versionOf(shelterId);
    ok(
      await api.gql(
        'mutation($id: ID!) { reportAvailability(id: $id, freePlaces: 2, totalPlaces: 5) { version } }',
        { id: shelterId },
        tokens.editorA,
      ),
    );
    const stale = errorOf(
      await api.gql(UPDATE, { id: shelterId, v, input: { openingHours: 'late' } }, tokens.editorA),
    );
    expect([stale.extensions.code, stale.extensions.currentVersion]).toEqual([
      'STALE_VERSION',
      v + 1,
    ]);
    for (const mutation of ['archiveService', 'confirmService']) {
      const res = await api.gql(
        `mutation($id: ID!, $v: Int!) { ${mutation}(id: $id, expectedVersion: $v) { id } }`,
        { id: shelterId, v },
        tokens.admin,
      );
      expect(errorOf(res).extensions.code).toBe('STALE_VERSION');
    }
    expect(await versionOf(shelterId)).toBe(v + 1);
  });

  it('an EDITOR cannot take over another organisation’s listing by creating one with its id', async () => {
    const before = await versionOf(otherId);
    const res = await api.gql(
      `mutation($input: CreateServiceInput!) { createService(input: $input) { id organisation { id } } }`,
      {
        input: {
          organisationId: orgA,
          id: otherId,
          name: 'Overtaget',
          typeCode: 'counselling',
          targetGroupCodes: ['victims'],
          needCodes: ['social-counselling'],
          coverage: { national: true, regionCodes: [], municipalityCodes: [] },
          municipalityCode: '101',
          referralRoutes: ['SELF'],
        },
      },
      tokens.editorA,
    );
    expect([res.data, errorOf(res).extensions.code]).toEqual([null, 'CONFLICT']);
    const [owner] = await api.neo.read<{ orgs: string[]; name: string }>(
      cypher`MATCH (s:Service {id: $id}) RETURN [(o:Organisation)-[:OPERATES]->(s) | o.id] AS orgs, s.name AS name`,
      { id: otherId },
    );
    expect(owner).toEqual({ orgs: [orgB], name: `Demo Åben Rådgivning ${MARKER}` });
    expect(await versionOf(otherId)).toBe(before);
  });

  it('an update cannot name another organisation (no such input field)', async () => {
    const v = await versionOf(shelterId);
    const res = await api.gql(
      UPDATE,
      { id: shelterId, v, input: { organisationId: orgB } },
      tokens.editorA,
    );
    expect([res.data, errorOf(res).extensions.code]).toEqual([undefined, 'BAD_USER_INPUT']);
    expect(await versionOf(shelterId)).toBe(v);
  });

  it('in one request mixing its own and another organisation’s listing, an EDITOR changes only its own', async () => {
    const [mine, theirs] = [await versionOf(shelterId), await versionOf(otherId)];
    const res = await api.gql<{ a: { version: number } | null; b: { version: number } | null }>(
      `mutation($a: ID!, $b: ID!) {
        a: reportAvailability(id: $a, freePlaces: 1, totalPlaces: 5) { version }
        b: reportAvailability(id: $b, freePlaces: 0, totalPlaces: 4) { version } }`,
      { a: shelterId, b: otherId },
      tokens.editorA,
    );
    expect(res.data).toBeNull(); // non-null fields: B's error nulls the whole answer
    expect(res.errors?.map((e) => [e.path, e.extensions.code])).toEqual([[['b'], 'FORBIDDEN']]);
    expect(await versionOf(shelterId)).toBe(mine + 1);
    expect(await versionOf(otherId)).toBe(theirs);
  });
});

describe('referral inputs', () => {
  it('are neither stored nor logged, valid or not', async () => {
    const count = async (): Promise<number[]> => {
      const [row] = await api.neo.read<{ nodes: number; rels: number }>(
        cypher`CALL { MATCH (n) RETURN count(n) AS nodes } CALL { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels`,
      );
      return [row.nodes, row.rels];
    };
    const before = await count();
    const unknownCode = word('zzgroup');
    const REFERRAL = `query($input: ReferralInput!) { referral(input: $input) { options { rank } } }`;
    ok(
      await api.gql(REFERRAL, {
        input: {
          targetGroupCodes: ['women'],
          needCodes: ['emergency-stay'],
          near: { latitude: 55.4037123, longitude: 10.3884567 },
          age: 37,
          accompanyingChildren: [3, 11],
          childrenAtHome: [7],
          languages: ['ar'],
        },
      }),
    );
    const bad = errorOf(
      await api.gql(REFERRAL, {
        input: {
          targetGroupCodes: [unknownCode],
          needCodes: ['emergency-stay'],
          municipalityCode: '461',
        },
      }),
    );
    expect([bad.extensions.code, bad.extensions.unknownTargetGroupPositions]).toEqual([
      'BAD_USER_INPUT',
      [0],
    ]);
    expect(JSON.stringify(bad)).not.toContain(unknownCode);
    // a place to keep away from (where the family lives): neither echoed, stored nor logged
    const avoid = `k${Math.random().toString(36).slice(2, 9)}`;
    const away = errorOf(
      await api.gql(REFERRAL, {
        input: {
          targetGroupCodes: ['women'],
          needCodes: ['emergency-stay'],
          municipalityCode: '461',
          keepAwayFrom: ['101', avoid],
        },
      }),
    );
    expect([away.extensions.code, away.extensions.unknownPositions]).toEqual([
      'BAD_USER_INPUT',
      [1],
    ]);
    expect(JSON.stringify(away)).not.toContain(avoid);
    expect(await count()).toEqual(before);
    const [stored] = await api.neo.read<{ n: number }>(
      cypher`MATCH (n) WHERE any(k IN keys(n) WHERE
         (n[k] IS :: STRING AND n[k] CONTAINS $m) OR
         (n[k] IS :: LIST<STRING> AND any(x IN n[k] WHERE x CONTAINS $m)) OR
         (n[k] IS :: FLOAT AND n[k] = 55.4037123))
       RETURN count(n) AS n`,
      { m: unknownCode },
    );
    expect(stored.n).toBe(0);
    const [storedAway] = await api.neo.read<{ n: number }>(
      cypher`MATCH (n) WHERE any(k IN keys(n) WHERE n[k] IS :: STRING AND n[k] CONTAINS $m)
       RETURN count(n) AS n`,
      { m: avoid },
    );
    expect(storedAway.n).toBe(0);
    const log = logs.text();
    expect(log).not.toContain(unknownCode);
    expect(log).not.toContain(avoid);
    expect(log).not.toContain('55.4037123');
  });
});

describe('bad input', () => {
  const NEAR = (lat: string) =>
    `{ referral(input: { targetGroupCodes: ["women"], needCodes: ["emergency-stay"], near: { latitude: ${lat}, longitude: 10.4 } }) { options { rank } } }`;

  it('rejects non-finite and out-of-range positions, literal or variable', async () => {
    const literal = await api.gql(NEAR('1e400'));
    expect(errorOf(literal).extensions.code).toBe('BAD_USER_INPUT');
    const negative = await api.gql(NEAR('-1e400'));
    expect(errorOf(negative).extensions.code).toBe('BAD_USER_INPUT');
    const VAR = `query($near: GeoPointInput) { referral(input: { targetGroupCodes: ["women"], needCodes: ["emergency-stay"], near: $near }) { options { rank } } }`;
    for (const lat of ['1e400', '"NaN"', '"Infinity"', 'null', '91', '-90.0000001']) {
      const res = await rawPost(
        `{"query": ${JSON.stringify(VAR)}, "variables": {"near": {"latitude": ${lat}, "longitude": 10.4}}}`,
      );
      expect([lat, (res.body as GqlResponse<unknown>).errors?.[0]?.extensions.code]).toEqual([
        lat,
        'BAD_USER_INPUT',
      ]);
    }
  });

  it('rejects integers out of range, negative and beyond 32 bits', async () => {
    const INT = `query($first: Int, $age: Int) {
      services(first: $first) { totalCount }
      referral(input: { targetGroupCodes: ["women"], needCodes: ["emergency-stay"], age: $age }) { options { rank } } }`;
    for (const variables of [
      { first: -1, age: 30 },
      { first: 0, age: 30 },
      { first: 2147483648, age: 30 },
      { first: 10, age: -1 },
      { first: 10, age: 121 },
      { first: 10, age: 2147483648 },
      { first: 10, age: 1.5 },
    ]) {
      const res = await api.gql(INT, variables);
      expect([variables, errorOf(res).extensions.code]).toEqual([variables, 'BAD_USER_INPUT']);
    }
    const literal = await api.gql('{ services(first: 99999999999) { totalCount } }');
    expect(errorOf(literal).extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('rejects very long strings and huge arrays, and a body too large with 413', async () => {
    const ID = 'query($id: ID!) { service(id: $id) { id } }';
    expect(ok(await api.gql<{ service: null }>(ID, { id: 'x'.repeat(200) })).service).toBeNull();
    expect(errorOf(await api.gql(ID, { id: 'x'.repeat(201) })).extensions.code).toBe(
      'BAD_USER_INPUT',
    );
    const many = Array.from({ length: 5000 }, (_, i) => `g${i}`);
    const huge = await api.gql(
      'query($g: [String!]!) { referral(input: { targetGroupCodes: $g, needCodes: ["emergency-stay"] }) { options { rank } } }',
      { g: many },
    );
    expect(errorOf(huge).extensions.code).toBe('BAD_USER_INPUT');
    const filter = await api.gql(
      'query($g: [String!]) { services(filter: { targetGroupCodes: $g }) { totalCount } }',
      { g: many.slice(0, 51) },
    );
    expect(errorOf(filter).extensions.code).toBe('BAD_USER_INPUT');
    const tooLarge = await rawPost(
      JSON.stringify({ query: ID, variables: { id: 'x'.repeat(2_000_000) } }),
    );
    expect(tooLarge.status).toBe(413);
    // The process is still answering.
    expect(ok(await api.gql<{ service: null }>(ID, { id: 'still-here' })).service).toBeNull();
  });

  it('answers null bytes, lone surrogates, odd scripts and Lucene syntax without an internal error', async () => {
    const queries = [
      '\u0000',
      'krise\u0000center',
      '\ud800',
      'krise\udfffcenter',
      '𝕂𝕣𝕚𝕤𝕖𝕔𝕖𝕟𝕥𝕖𝕣',
      'ﬃ ﬀ',
      'İstanbul',
      '\u202ekrisecenter',
      '👩‍👧 krisecenter',
      '\u0301\u0301',
      'ＫＲＩＳＥＣＥＮＴＥＲ',
      '²³ ½',
      'a',
      'to be or not',
      'AND OR NOT',
      'name:* OR *:*',
      '*',
      '?',
      '"',
      '\\',
      '~1',
      '(((',
      '/.*/',
      'krisecenter^999',
      `${'x'.repeat(499)} y`,
      Array.from({ length: 100 }, (_, i) => `ordnummer${i}`)
        .join(' ')
        .slice(0, 500),
    ];
    const SEARCH = 'query($q: String!) { searchServices(query: $q) { totalHits } }';
    const outcomes: string[] = [];
    for (const q of queries) {
      const res = await api.gql<{ searchServices: { totalHits: number } }>(SEARCH, { q });
      outcomes.push(res.errors ? res.errors[0].extensions.code : 'ok');
    }
    expect(outcomes.filter((o) => o !== 'ok' && o !== 'BAD_USER_INPUT')).toEqual([]);
    const ID = 'query($id: ID!) { service(id: $id) { id } organisation(id: $id) { id } }';
    for (const id of ['a\u0000b', '\ud800', "x'}) MATCH (n) DETACH DELETE n //", '\u202e']) {
      expect(ok(await api.gql(ID, { id }))).toEqual({ service: null, organisation: null });
    }
  });

  it('treats Cypher-looking codes as unknown codes, never as Cypher', async () => {
    const evil = "1083' }) MATCH (n) DETACH DELETE n //";
    const res = await api.gql(
      'query($r: String, $g: [String!]) { services(filter: { regionCode: $r, targetGroupCodes: $g }) { totalCount } }',
      { r: '1083', g: [evil] },
    );
    expect([errorOf(res).extensions.code, errorOf(res).extensions.unknownPositions]).toEqual([
      'BAD_USER_INPUT',
      [0],
    ]);
    expect(await versionOf(shelterId)).toBeGreaterThan(0);
  });

  it('refuses batched requests and nested variables', async () => {
    const batch = await rawPost(
      JSON.stringify([{ query: '{ me { role } }' }, { query: '{ me { role } }' }]),
    );
    expect(batch.status).toBe(400);
    expect((batch.body as GqlResponse<unknown>).errors?.[0]?.extensions.code).toBe('BAD_REQUEST');
    const depth = 40_000; // 80 kB of brackets, under the body limit
    const nested = `${'['.repeat(depth)}"women"${']'.repeat(depth)}`;
    const res = await rawPost(
      `{"query": ${JSON.stringify(
        'query($g: [String!]!) { referral(input: { targetGroupCodes: $g, needCodes: ["emergency-stay"] }) { options { rank } } }',
      )}, "variables": {"g": ${nested}}}`,
    );
    expect([res.status, (res.body as GqlResponse<unknown>).errors?.[0]?.extensions.code]).toEqual([
      400,
      'BAD_USER_INPUT',
    ]);
  });

  it('refuses an operation repeating a costly field by aliases, before it runs', async () => {
    const field = (i: number) =>
      `r${i}: referral(input: { targetGroupCodes: ["women"], needCodes: ["emergency-stay"], limit: 50 }) { options { rank } }`;
    // 100 copies (2,800 tokens) reach the limits; 500 would be refused while parsing already
    // (over 4,000 tokens, test/query-limits.test.ts).
    const many = Array.from({ length: 100 }, (_, i) => field(i)).join(' ');
    const started = Date.now();
    const res = await api.gql(`{ ${many} }`);
    expect([res.data, errorOf(res).extensions.code, errorOf(res).message]).toEqual([
      undefined,
      'GRAPHQL_VALIDATION_FAILED',
      'The operation asks for 100 top-level fields; at most 20 are allowed.',
    ]);
    expect(Date.now() - started).toBeLessThan(1000);
    const twenty = Array.from({ length: 20 }, (_, i) => field(i)).join(' ');
    expect(Object.keys(ok(await api.gql(`{ ${twenty} }`)))).toHaveLength(20);
  });

  it('refuses fragments spread twice at every level quickly, before it runs', async () => {
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    const started = Date.now();
    const res = await api.gql(
      `query { ...F0 }\n${fragments}\nfragment F${levels} on Query { __typename }`,
    );
    // Expanded, the document has 2^40 selections: the cost analysis stops counting and refuses.
    expect([res.data, errorOf(res).extensions.code]).toEqual([
      undefined,
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('an unexpected error', () => {
  it('reaches the client as a generic error and the log by name and path only, never its message', async () => {
    // A message can carry data (a driver error, a JSON error quoting an audit entry): simulate one.
    const leak = `${SECRET_STREET} age=37 ${MARKER}-unexpected`;
    const spy = jest
      .spyOn(api.app.get(CatalogueRepository), 'readStamp')
      .mockRejectedValue(new Error(`cannot read ${leak}`));
    try {
      const res = await api.gql(
        '{ referral(input: { targetGroupCodes: ["women"], needCodes: ["emergency-stay"], age: 37 }) { options { rank } } }',
      );
      expect(res).toEqual({
        data: null,
        errors: [
          {
            locations: [{ line: 1, column: 3 }],
            path: ['referral'],
            message: 'Internal server error.',
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          },
        ],
      });
    } finally {
      spy.mockRestore();
    }
    const log = logs.text();
    expect(log).toContain('unexpected Error at referral');
    expect(log).not.toContain(`${MARKER}-unexpected`);
  });
});

describe('the referral plan and declared onward referrals', () => {
  const counselId = `${P}-counsel`;
  const fullId = `${P}-full`;
  const place = '400'; // Bornholm: far from the other listings of this file

  beforeAll(async () => {
    await createListings(
      api.neo,
      [organisation(orgB)], // exists already: left as it is
      [
        service(counselId, orgB, {
          name: 'Demo Rådgivning Bornholm',
          targetGroupCodes: ['women'],
          needCodes: ['social-counselling'],
          municipalityCode: place,
          coverage: { national: false, regionCodes: [], municipalityCodes: [place] },
        }),
        service(fullId, orgB, {
          name: 'Demo Fuldt Krisecenter Bornholm',
          typeCode: 'womens-shelter',
          targetGroupCodes: ['women'],
          needCodes: ['emergency-stay'],
          municipalityCode: place,
          coverage: { national: false, regionCodes: [], municipalityCodes: [place] },
          capacity: { totalPlaces: 4, freePlaces: 0 },
        }),
      ],
    );
    // orgB's EDITOR declares orgA's secret shelter as where its clients go, and as the fallback
    const UPDATE = `mutation($id: ID!, $v: Int!, $input: UpdateServiceInput!) {
      updateService(id: $id, expectedVersion: $v, input: $input) { id } }`;
    ok(
      await api.gql(
        UPDATE,
        {
          id: counselId,
          v: await versionOf(counselId),
          input: { continuesToIds: [shelterId], ifFullTryIds: [shelterId] },
        },
        tokens.editorB,
      ),
    );
    ok(
      await api.gql(
        UPDATE,
        { id: fullId, v: await versionOf(fullId), input: { ifFullTryIds: [shelterId] } },
        tokens.editorB,
      ),
    );
  });

  const NEW_PATHS = `query($counsel: ID!) {
    declared: service(id: $counsel) {
      continuesTo { id ${ADDRESS} } ifFullTry { id ${ADDRESS} }
    }
    full: referralPlan(input: { targetGroupCodes: ["women"], needCodes: ["emergency-stay"], municipalityCode: "${place}", limit: 50 }) {
      referral { options { service { id } ifFull { service { id ${ADDRESS} } } } }
    }
    onward: referralPlan(input: { targetGroupCodes: ["women"], needCodes: ["social-counselling"], municipalityCode: "${place}", limit: 50 }) {
      phases { steps { options { service { id ${ADDRESS} } } } }
    }
  }`;
  interface NewPaths {
    declared: { continuesTo: Shown[]; ifFullTry: Shown[] };
    full: { referral: { options: { service: { id: string }; ifFull: { service: Shown }[] }[] } };
    onward: { phases: { steps: { options: { service: Shown }[] }[] }[] };
  }

  /** The secret shelter on each new path: Service.continuesTo, ifFullTry, ifFull, plan steps. */
  function shelterOnNewPaths(data: NewPaths): Shown[] {
    const full = data.full.referral.options.find((o) => o.service.id === fullId);
    const all = [
      data.declared.continuesTo,
      data.declared.ifFullTry,
      (full?.ifFull ?? []).map((o) => o.service),
      data.onward.phases.flatMap((p) => p.steps.flatMap((s) => s.options.map((o) => o.service))),
    ].map((list) => list.filter((x) => x.id === shelterId));
    expect(all.map((list) => list.length)).toEqual([1, 1, 1, 1]);
    return all.flat();
  }

  it.each([
    ['the public', undefined],
    ['a PROFESSIONAL', 'pro'],
    ['an EDITOR of another organisation (the one that declared it)', 'editorB'],
  ] as const)('never show the secret address to %s', async (_who, key) => {
    const token = key ? tokens[key] : undefined;
    const res = await api.gql<NewPaths>(NEW_PATHS, { counsel: counselId }, token);
    const seen = shelterOnNewPaths(ok(res));
    expect(seen.map((s) => [s.address, s.addressConfidential])).toEqual(
      seen.map(() => [null, true]),
    );
    expect(seen.map((s) => s.contact.professionalPhone)).toEqual(
      seen.map(() => (key === 'pro' ? SECRET_LINE : null)),
    );
    expectNoSecret(JSON.stringify(res), key === 'pro');
  });

  it.each([
    ['ADMIN', 'admin'],
    ['the owning EDITOR', 'editorA'],
  ] as const)('show it to %s on every one of them', async (_who, key) => {
    const data = ok(await api.gql<NewPaths>(NEW_PATHS, { counsel: counselId }, tokens[key]));
    const address = { street: SECRET_STREET, postalCode: SECRET_POSTAL, city: SECRET_CITY };
    const seen = shelterOnNewPaths(data);
    expect(seen.map((s) => s.address)).toEqual(seen.map(() => address));
  });

  it('the plan stores and logs none of its input', async () => {
    const unknownCode = word('zzplan');
    const err = errorOf(
      await api.gql(
        `query($input: ReferralInput!) { referralPlan(input: $input) { phases { phase } } }`,
        { input: { targetGroupCodes: [unknownCode], needCodes: ['emergency-stay'], age: 41 } },
      ),
    );
    expect([err.extensions.code, err.extensions.unknownTargetGroupPositions]).toEqual([
      'BAD_USER_INPUT',
      [0],
    ]);
    expect(JSON.stringify(err)).not.toContain(unknownCode);
    expect(logs.text()).not.toContain(unknownCode);
  });
});

describe('the application log of this run', () => {
  it('never held a secret address, the line, a token or a referral input', () => {
    const log = logs.text();
    expect(log).toContain('dependencies initialized'); // the capture works
    expectNoSecret(log);
    for (const token of Object.values(tokens)) {
      expect(log).not.toContain(token);
    }
  });
});
