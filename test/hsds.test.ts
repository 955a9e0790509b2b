import request from 'supertest';
import { entityId } from '../src/hsds/hsds-ids';
import { closeApi, startApi, TestApi } from './support/api';
import { createListings, organisation, service, uniquePrefix } from './support/factory';
import { pageErrors, pageValidator, sharedSchemas, walk } from './support/hsds-schemas';

/**
 * The HSDS API through HTTP against the real Neo4j: every document of every endpoint is checked
 * against the published HSDS 3.1 schemas with ajv, and walked for the confidential shelter's
 * address, its professionals' line and any position.
 */
const P = uniquePrefix('hsds');
const org = `${P}-org`;
const openId = `${P}-open`;
const shelterId = `${P}-shelter`;
const SECRET = { street: `Skjultvej ${P}`, postalCode: '8210', city: `Hemmeligby${P.slice(-6)}` };
const PROFESSIONAL_LINE = '+45 70 70 98 76';

let api: TestApi;
const schemas = sharedSchemas();
const page = pageValidator();

const get = (path: string) =>
  request(api.app.getHttpServer() as Parameters<typeof request>[0]).get(path);

/** The fields these tests read of a document. */
interface Doc {
  id: string;
  code: string;
  name: string;
  taxonomy: string;
  taxonomy_id: string;
  service_id: string;
  parent_id?: string;
  number: string;
  uri: string;
  openapi: string;
  profile: string;
  organization?: unknown;
  services: Doc[];
  phones: Doc[];
  service_areas: Doc[];
  service_at_locations: Doc[];
  capacities: unknown[];
  location: { addresses: unknown[] };
}
interface Page {
  contents: Doc[];
}

/** The JSON body of a GET that must answer `status`. */
async function body<T = Doc>(path: string, status = 200): Promise<T> {
  const res = await get(path);
  expect([path, res.status]).toEqual([path, status]);
  return res.body as T;
}

beforeAll(async () => {
  api = await startApi();
  await createListings(
    api.neo,
    [organisation(org, { description: 'HSDS test organisation', website: 'https://example.org' })],
    [
      service(openId, org, {
        name: `Åben rådgivning ${P}`,
        description: 'Public counselling',
        address: { street: 'Åbenvej 2', postalCode: '5000', city: 'Odense C' },
        municipalityCode: '461',
        coverage: { national: false, regionCodes: ['1083'], municipalityCodes: [] },
        phone: '+45 11 22 33 44',
        openingHours: 'Man–fre 9–15',
        languages: ['ar', 'da'],
        minAge: 18,
        wheelchairAccessible: true,
      }),
      service(shelterId, org, {
        name: `Krisecenter ${P}`,
        typeCode: 'womens-shelter',
        targetGroupCodes: ['women'],
        needCodes: ['emergency-stay', 'secret-address'],
        municipalityCode: '751',
        coverage: { national: true, regionCodes: [], municipalityCodes: [] },
        address: SECRET,
        addressConfidential: true,
        phone: '1888',
        professionalPhone: PROFESSIONAL_LINE,
        open24h: true,
        acceptsChildren: true,
        maxBoyAge: 14,
        capacity: { freePlaces: 2, totalPlaces: 8, reportedAt: '2026-01-05T10:00:00Z' },
      }),
    ],
  );
});

afterAll(() => closeApi(api, P));

const orgHsds = () => entityId('organization', org);

/** Every document the API serves for this suite's data (and the lists around it). */
async function everyDocument(): Promise<unknown[]> {
  const docs: unknown[] = [];
  const paths = [
    '/hsds',
    `/hsds/services?organization_id=${orgHsds()}`,
    `/hsds/services?organization_id=${orgHsds()}&full=true`,
    `/hsds/services?organization_id=${orgHsds()}&minimal=true`,
    `/hsds/services/${entityId('service', openId)}`,
    `/hsds/services/${entityId('service', shelterId)}`,
    '/hsds/organizations?full=true&per_page=500',
    `/hsds/organizations/${orgHsds()}?full_service=true`,
    '/hsds/taxonomies',
    '/hsds/taxonomy_terms?full=true&per_page=500',
    `/hsds/service_at_locations?organization_id=${orgHsds()}&full=true`,
  ];
  for (const path of paths) {
    docs.push(await body<unknown>(path));
  }
  const nd = await get(`/hsds/services?organization_id=${orgHsds()}&full=true&format=ndjson`);
  docs.push(
    ...nd.text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as unknown),
  );
  return docs;
}

describe('GET /hsds', () => {
  it('names the standard’s version, this profile and the OpenAPI file', async () => {
    const root = await body('/hsds');
    const base = root.profile.replace(/\/hsds\/profile$/, '');
    expect(root).toEqual({
      version: '3.1',
      profile: `${base}/hsds/profile`,
      openapi_url: `${base}/hsds/openapi.json`,
    });
    expect((await get('/hsds/profile').expect(200)).text).toContain('# HSDS profile for Denmark');
    expect((await body('/hsds/openapi.json')).openapi).toBe('3.1.0');
  });
});

describe('/hsds documents against the published schemas (ajv, 2020-12)', () => {
  it('services: flat, full and minimal lists, pages, and each whole service', async () => {
    for (const q of ['', '&full=true', '&minimal=true', '&per_page=1&page=2']) {
      const res = await body<Page>(`/hsds/services?organization_id=${orgHsds()}${q}`);
      expect(pageErrors(schemas, page, 'service.json', res)).toEqual([]);
    }
    const one = await get(`/hsds/services?organization_id=${orgHsds()}&per_page=1&page=2`);
    expect(one.body).toMatchObject({
      total_items: 2,
      total_pages: 2,
      page_number: 2,
      size: 1,
      first_page: false,
      last_page: true,
      empty: false,
    });
    for (const id of [openId, shelterId]) {
      const res = await body(`/hsds/services/${entityId('service', id)}`);
      expect(schemas.errors('service.json', res)).toEqual([]);
      expect(res.organization).toEqual({
        id: orgHsds(),
        name: `Org ${org}`,
        description: 'HSDS test organisation',
        website: 'https://example.org',
      });
    }
  });

  it('organizations, taxonomies, taxonomy terms and services at locations', async () => {
    const orgs = await body<Page>('/hsds/organizations?full=true&per_page=500');
    expect(pageErrors(schemas, page, 'organization.json', orgs)).toEqual([]);
    const mine = await body(`/hsds/organizations/${orgHsds()}`);
    expect(schemas.errors('organization.json', mine)).toEqual([]);
    expect(mine.services.map((s) => s.id).sort()).toEqual(
      [entityId('service', openId), entityId('service', shelterId)].sort(),
    );
    const taxonomies = await body<Page>('/hsds/taxonomies');
    expect(pageErrors(schemas, page, 'taxonomy.json', taxonomies)).toEqual([]);
    expect(taxonomies.contents.map((t) => t.name)).toEqual([
      'Henvis service types',
      'Henvis target groups',
      'Henvis needs',
      'Henvis referral rules',
    ]);
    for (const t of taxonomies.contents) {
      expect(schemas.errors('taxonomy.json', await body(`/hsds/taxonomies/${t.id}`))).toEqual([]);
    }
    const terms = await body<Page>('/hsds/taxonomy_terms?per_page=500&full=true');
    expect(pageErrors(schemas, page, 'taxonomy_term.json', terms)).toEqual([]);
    const term = (code: string) => terms.contents.find((t) => t.code === code);
    const one = await body(`/hsds/taxonomy_terms/${term('women')?.id}`);
    expect(schemas.errors('taxonomy_term.json', one)).toEqual([]);
    expect(one.parent_id).toBe(term('victims')?.id);
    const sals = await body<Page>(
      `/hsds/service_at_locations?organization_id=${orgHsds()}&full=true`,
    );
    expect(pageErrors(schemas, page, 'service_at_location.json', sals)).toEqual([]);
    // only the public service has a place
    expect(sals.contents.map((s) => s.service_id)).toEqual([entityId('service', openId)]);
    const sal = await body(`/hsds/service_at_locations/${sals.contents[0].id}`);
    expect(schemas.errors('service_at_location.json', sal)).toEqual([]);
    expect(sal.location.addresses[0]).toMatchObject({
      address_1: 'Åbenvej 2',
      postal_code: '5000',
      city: 'Odense C',
      state_province: 'Region Syddanmark',
      country: 'DK',
    });
  });

  it('streams NDJSON: every matching document, one a line', async () => {
    const res = await get(`/hsds/services?organization_id=${orgHsds()}&format=ndjson&full=true`)
      .expect(200)
      .expect('content-type', /application\/x-ndjson/);
    const lines = res.text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as unknown);
    expect(lines).toHaveLength(2);
    lines.forEach((doc) => expect(schemas.errors('service.json', doc)).toEqual([]));
  });
});

describe('filters', () => {
  it('combines term, taxonomy, organisation, text and time as AND', async () => {
    const terms = await body<Page>('/hsds/taxonomy_terms?per_page=500');
    const shelterTerm = terms.contents.find(
      (t) => t.code === 'womens-shelter' && t.taxonomy === 'Henvis service types',
    );
    const ids = async (q: string): Promise<string[]> =>
      (await body<Page>(`/hsds/services?organization_id=${orgHsds()}&${q}`)).contents.map(
        (s) => s.id,
      );
    expect(await ids(`taxonomy_term_id=${shelterTerm?.id}`)).toEqual([
      entityId('service', shelterId),
    ]);
    expect(await ids(`search=${encodeURIComponent('ÅBEN RÅDGIVNING')}`)).toEqual([
      entityId('service', openId),
    ]);
    expect(await ids(`taxonomy_id=${shelterTerm?.taxonomy_id}`)).toHaveLength(2);
    expect(await ids('modified_after=2999-01-01')).toEqual([]);
  });

  it('answers a malformed parameter with 400 and an unknown id with 404', async () => {
    expect(await body('/hsds/services?per_page=100000', 400)).toEqual({
      statusCode: 400,
      message: 'per_page must be a whole number from 1 to 500',
    });
    await get('/hsds/services/00000000-0000-4000-8000-000000000000').expect(404);
    await get('/hsds/organizations/nope').expect(404);
    await get('/hsds/taxonomy_terms/nope').expect(404);
  });
});

describe('a confidential shelter in HSDS', () => {
  it('has no place, address, position or professionals’ line in any document', async () => {
    const found: string[] = [];
    const forbidden = [SECRET.street, SECRET.city, PROFESSIONAL_LINE, 'latitude', 'longitude'];
    const docs = await everyDocument();
    expect(docs.length).toBeGreaterThan(10);
    for (const doc of docs) {
      walk(doc, (s) => {
        if (forbidden.some((f) => s.includes(f))) {
          found.push(s);
        }
      });
    }
    expect(found).toEqual([]);
    const shelter = await body(`/hsds/services/${entityId('service', shelterId)}`);
    expect(shelter.service_at_locations).toEqual([]);
    expect(shelter.phones.map((p) => p.number)).toEqual(['1888']);
    expect(shelter.service_areas.map((a) => a.uri)).toEqual([
      'urn:henvis:municipality:751',
      'urn:henvis:country:DK',
    ]);
    expect(shelter.capacities).toEqual([
      expect.objectContaining({ available: 2, maximum: 8, updated: '2026-01-05T10:00:00.000Z' }),
    ]);
  });
});
