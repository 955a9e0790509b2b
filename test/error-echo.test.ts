import {
  buildClientSchema,
  getNamedType,
  getNullableType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLSchema,
  getIntrospectionQuery,
  IntrospectionQuery,
  isInputObjectType,
  isListType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { randomBytes } from 'node:crypto';
import { Role } from '../src/common/role';
import { clientDigest } from '../src/accounts/auth-throttle';
import { cypher } from '../src/neo4j/cypher';
import { closeApi, ok, startApi, TestApi } from './support/api';
import {
  createListings,
  organisation,
  service,
  serviceVersion,
  uniquePrefix,
} from './support/factory';
import { LogCapture } from './support/log-capture';
import { LOOPBACK_ADDRESSES, createToken } from './support/tokens';

/**
 * No error carries a value from the request. The schema is read by introspection; every String
 * and ID inside every argument of every query and mutation gets a marker, the rest of the
 * arguments valid (so the marker reaches the checks behind validation: unknown codes, unknown or
 * archived ids, organisations, cursors), sent with an ADMIN token. The marker must appear in no
 * response and no log line.
 */
const P = uniquePrefix('echo');
const hex = randomBytes(4).toString('hex');
/** Short enough for a code (at most 10 characters), long and odd enough to be unique. */
const MARKERS = [`qz${hex}`];
const logs = new LogCapture();
let api: TestApi;
let schema: GraphQLSchema;
let admin: string;
let tokenId: string;
const ORG = `${P}-org`;
const SERVICE = `${P}-svc`;
const ONWARD = `${P}-onward`;
const FLAG = `${P}-flag`;

beforeAll(async () => {
  logs.start();
  api = await startApi();
  const introspection = ok(await api.gql<IntrospectionQuery>(getIntrospectionQuery()));
  schema = buildClientSchema(introspection);
  await createListings(api.neo, [organisation(ORG)], [service(SERVICE, ORG), service(ONWARD, ORG)]);
  admin = (await createToken(api.neo, `${P} admin`, Role.ADMIN)).token;
  tokenId = (await createToken(api.neo, `${P} editor`, Role.EDITOR, ORG)).id;
});

afterAll(async () => {
  // What a marker may have created under its own name (an id or a token name).
  await api.neo.write(
    cypher`MATCH (n) WHERE (n:Service OR n:Organisation) AND n.id IN $ids
     OPTIONAL MATCH (n)-[:HAS_AUDIT|HAS_TOKEN]->(x) DETACH DELETE x, n`,
    { ids: MARKERS },
  );
  await api.neo.write(cypher`MATCH (t:ApiToken) WHERE t.name IN $names DETACH DELETE t`, {
    names: MARKERS,
  });
  await api.neo.write(
    cypher`MATCH (f:ListingFlag)-[:ABOUT]->(s:Service) WHERE s.id STARTS WITH $p DETACH DELETE f`,
    { p: P },
  );
  // flagListing above counted against the loopback address's flag limit.
  await api.neo.write(cypher`MATCH (l:FlagLimit) WHERE l.client IN $c DELETE l`, {
    c: LOOPBACK_ADDRESSES.map(clientDigest),
  });
  await closeApi(api, P);
  logs.stop();
});

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Args = Record<string, Json>;

const REFERRAL: Json = {
  targetGroupCodes: ['women'],
  needCodes: ['emergency-stay'],
  municipalityCode: '101',
};

/**
 * Valid arguments for every root field that takes any: a marker put anywhere inside them is the
 * only thing wrong. A new field fails the test until it is added here.
 */
const VALID: Record<string, () => Promise<Args>> = {
  auditLog: () => Promise.resolve({ id: SERVICE }),
  organisationAuditLog: () => Promise.resolve({ id: ORG }),
  municipalities: () => Promise.resolve({ regionCode: '1084' }),
  municipality: () => Promise.resolve({ code: '101' }),
  region: () => Promise.resolve({ code: '1084' }),
  organisation: () => Promise.resolve({ id: ORG }),
  organisations: () => Promise.resolve({ first: 5 }),
  service: () => Promise.resolve({ id: SERVICE }),
  services: () => Promise.resolve({ first: 5, filter: { regionCode: '1084' } }),
  searchServices: () => Promise.resolve({ query: 'krisecenter', first: 5 }),
  referral: () => Promise.resolve({ input: REFERRAL }),
  referralPlan: () => Promise.resolve({ input: REFERRAL }),
  archiveService: async () => ({
    id: SERVICE,
    expectedVersion: await serviceVersion(api.neo, SERVICE),
  }),
  confirmService: async () => ({
    id: SERVICE,
    expectedVersion: await serviceVersion(api.neo, SERVICE),
  }),
  reportAvailability: () => Promise.resolve({ id: SERVICE, freePlaces: 1, totalPlaces: 2 }),
  revokeApiToken: () => Promise.resolve({ id: tokenId }),
  createApiToken: () =>
    Promise.resolve({ input: { name: `${P} token`, role: 'EDITOR', organisationId: ORG } }),
  createOrganisation: () => Promise.resolve({ input: { id: `${P}-new-org`, name: 'Ny' } }),
  createService: () =>
    Promise.resolve({
      input: {
        id: `${P}-new-svc`,
        organisationId: ORG,
        name: 'Ny',
        typeCode: 'counselling',
        targetGroupCodes: ['victims'],
        needCodes: ['social-counselling'],
        coverage: { national: false, regionCodes: ['1084'], municipalityCodes: ['101'] },
        municipalityCode: '101',
        referralRoutes: ['SELF'],
      },
    }),
  apiTokens: () => Promise.resolve({ organisationId: ORG }),
  listingFlags: () => Promise.resolve({ serviceId: SERVICE }),
  listingFreshness: () => Promise.resolve({ organisationId: ORG }),
  flagListing: () =>
    Promise.resolve({ input: { serviceId: SERVICE, reason: 'HOURS_WRONG', note: 'Forkert tid' } }),
  closeListingFlag: async () => {
    await api.neo.write(
      cypher`MATCH (s:Service {id: $serviceId})
       MERGE (f:ListingFlag {id: $id})-[:ABOUT]->(s)
       SET f.reason = 'HOURS_WRONG', f.note = null, f.status = 'OPEN', f.createdAt = datetime()`,
      { serviceId: SERVICE, id: FLAG },
    );
    return { id: FLAG };
  },
  updateService: async () => ({
    id: SERVICE,
    expectedVersion: await serviceVersion(api.neo, SERVICE),
    input: { continuesToIds: [ONWARD], ifFullTryIds: [ONWARD] },
  }),
};

/** Every place a String or ID can go inside an argument of `type`: paths of keys (0: in a list). */
function stringPaths(type: GraphQLInputType, seen: Set<string> = new Set()): (string | 0)[][] {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    return stringPaths(nullable.ofType, seen).map((path) => [0, ...path]);
  }
  if (isScalarType(nullable)) {
    return ['String', 'ID'].includes(nullable.name) ? [[]] : [];
  }
  if (!isInputObjectType(nullable) || seen.has(nullable.name)) {
    return [];
  }
  const inner = new Set([...seen, nullable.name]);
  return Object.values(nullable.getFields()).flatMap((field) =>
    stringPaths(field.type, inner).map((path) => [field.name, ...path]),
  );
}

/** `value` with `marker` at `path`: an object gets the key, a list gets the marker appended. */
function put(value: Json | undefined, path: (string | 0)[], marker: string): Json {
  if (path.length === 0) {
    return marker;
  }
  const [key, ...rest] = path;
  if (key === 0) {
    const list = Array.isArray(value) ? value : [];
    return [...list, put(undefined, rest, marker)];
  }
  const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
  return { ...object, [key]: put(object[key], rest, marker) };
}

function operation(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
  args: Args,
): string {
  const used = field.args.filter((a: GraphQLArgument) => a.name in args);
  const head = used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = used.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind}${head ? `(${head})` : ''} { ${field.name}${call ? `(${call})` : ''}${selection} }`;
}

it('never puts a value of the request into a response or a log line', async () => {
  const roots: ['query' | 'mutation', GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ];
  const withArgs = roots.flatMap(([kind, root]) =>
    Object.values(root?.getFields() ?? {})
      .filter((field) => field.args.length > 0)
      .map((field) => [kind, field] as const),
  );
  // Creations last: one that succeeds with the marker as its id makes the marker a known id.
  withArgs.sort(
    ([, a], [, b]) => Number(a.name.startsWith('create')) - Number(b.name.startsWith('create')),
  );
  // Every root field with arguments has valid ones here.
  expect(withArgs.map(([, field]) => field.name).sort()).toEqual(Object.keys(VALID).sort());
  const leaks: string[] = [];
  const refused = new Set<string>();
  let sent = 0;
  for (const [kind, field] of withArgs) {
    for (const arg of field.args) {
      for (const path of stringPaths(arg.type)) {
        for (const marker of MARKERS) {
          const args = await VALID[field.name]();
          args[arg.name] = put(args[arg.name], path, marker);
          const body = await api.gql(operation(kind, field, args), args, admin);
          sent++;
          const where = `${field.name}(${[arg.name, ...path].join('.')})`;
          if ((body.errors ?? []).length > 0) {
            refused.add(where);
          }
          if (JSON.stringify(body).includes(marker)) {
            leaks.push(`${where}: ${JSON.stringify(body.errors ?? body.data)}`);
          }
        }
      }
    }
  }
  expect(leaks).toEqual([]);
  expect(logs.text()).not.toContain(MARKERS[0]);
  expect(sent).toBeGreaterThan(80);
  // The markers reached the checks behind validation: these are refused for what they name.
  const reached = [
    'createService(input.needCodes.0)',
    'createService(input.typeCode)',
    'createService(input.coverage.regionCodes.0)',
    'createService(input.coverage.municipalityCodes.0)',
    'createService(input.municipalityCode)',
    'updateService(input.continuesToIds.0)',
    'updateService(input.ifFullTryIds.0)',
    'referral(input.needCodes.0)',
    'referral(input.targetGroupCodes.0)',
    'referral(input.municipalityCode)',
    'referralPlan(input.needCodes.0)',
    'services(filter.typeCodes.0)',
    'municipalities(regionCode)',
    'createApiToken(input.organisationId)',
  ];
  expect(reached.filter((where) => !refused.has(where))).toEqual([]);
}, 900_000);
