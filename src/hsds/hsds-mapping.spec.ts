import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceData } from '../../test/support/reference-data';
import { ReferralRoute, Service } from '../catalogue/models/service.model';
import { projectRoot } from '../common/project-root';
import { HsdsCatalogue } from './hsds-catalogue';
import { entityId } from './hsds-ids';
import { MappingContext, organizationDocument, serviceDocument } from './hsds-mapping';
import { parseListQuery } from './hsds-query';
import { listingFromService } from './hsds-records';
import { BUNDLED_SCHEMA_DIR, HsdsSchemas } from './hsds-schemas';
import { TAXONOMY_KEYS, taxonomyDocument, termDocument, termEntries } from './hsds-taxonomies';

/** The standard's schemas as published (../shared/hsds), as CI lays them beside the clone. */
const SHARED = join(projectRoot(), '..', 'shared', 'hsds', 'schema');
const schemas = new HsdsSchemas(existsSync(SHARED) ? SHARED : BUNDLED_SCHEMA_DIR);
const { taxonomy, geography } = referenceData();
const ctx = new MappingContext(taxonomy, geography);

function service(over: Partial<Service> = {}): Service {
  return {
    id: 'hsds-spec-public',
    name: 'Demo Rådgivning Nord',
    description: 'Counselling for women.',
    typeCode: 'counselling',
    organisationId: 'hsds-spec-org',
    municipalityCode: '851',
    targetGroupCodes: ['women'],
    needCodes: ['social-counselling'],
    continuesToIds: [],
    ifFullTryIds: [],
    coverage: { national: false, regionCodes: ['1081'], municipalityCodes: ['101'] },
    publicAddress: { street: 'Vestergade 1', postalCode: '9000', city: 'Aalborg' },
    addressConfidential: false,
    contact: {
      phone: '+45 12 34 56 78',
      email: 'raad@example.org',
      website: 'https://example.org/r',
    },
    openingHours: 'Mon–Fri 9–15',
    open24h: true,
    eligibility: { minAge: 18, maxAge: 99, acceptsChildren: true, maxBoyAge: 14 },
    languages: ['ar', 'da'],
    wheelchairAccessible: true,
    anonymous: true,
    referralRoutes: [ReferralRoute.PROFESSIONAL, ReferralRoute.SELF],
    selfReferral: true,
    capacity: { totalPlaces: 10, freePlaces: 3, reportedAt: new Date('2026-03-01T08:00:00Z') },
    demo: false,
    version: 3,
    updatedAt: new Date('2026-03-02T10:00:00.123Z'),
    verifiedAt: new Date('2026-02-28T12:00:00Z'),
    ...over,
  };
}

/** A secret shelter, as the public projection carries it (no address in the model). */
const shelter = service({
  id: 'hsds-spec-shelter',
  name: 'Demo Krisecenter',
  typeCode: 'womens-shelter',
  addressConfidential: true,
  publicAddress: null,
  coverage: { national: true, regionCodes: [], municipalityCodes: [] },
});

describe('HSDS mapping', () => {
  it('writes services, organisations, taxonomies and terms the standard’s schemas accept', () => {
    for (const s of [service(), shelter, service({ capacity: null, verifiedAt: null })]) {
      const org = {
        id: 'hsds-spec-org',
        name: 'Org',
        description: null,
        website: null,
        demo: false,
      };
      expect(schemas.errors('service.json', serviceDocument(ctx, s, org))).toEqual([]);
      expect(schemas.errors('organization.json', organizationDocument(org))).toEqual([]);
    }
    for (const key of TAXONOMY_KEYS) {
      expect(schemas.errors('taxonomy.json', taxonomyDocument(key))).toEqual([]);
    }
    const terms = termEntries(taxonomy);
    expect(terms.length).toBeGreaterThan(40);
    for (const t of terms) {
      expect(schemas.errors('taxonomy_term.json', termDocument(t, true))).toEqual([]);
    }
    const [sal] = serviceDocument(ctx, service()).service_at_locations;
    expect(schemas.errors('service_at_location.json', sal)).toEqual([]);
  });

  it('maps a public service field by field', () => {
    const doc = serviceDocument(ctx, service());
    expect(doc).toMatchObject({
      id: entityId('service', 'hsds-spec-public'),
      organization_id: entityId('organization', 'hsds-spec-org'),
      status: 'active',
      minimum_age: 18,
      maximum_age: 99,
      assured_date: '2026-02-28',
      last_modified: '2026-03-02T10:00:00.123Z',
      url: 'https://example.org/r',
      email: 'raad@example.org',
    });
    expect(doc.phones.map((p) => p.number)).toEqual(['+45 12 34 56 78']);
    expect(doc.languages.map((l) => [l.code, l.name])).toEqual([
      ['ar', 'Arabic'],
      ['da', 'Danish'],
    ]);
    expect(doc.capacities).toEqual([
      expect.objectContaining({ available: 3, maximum: 10, updated: '2026-03-01T08:00:00.000Z' }),
    ]);
    expect(doc.service_areas.map((a) => [a.description, a.uri])).toEqual([
      ['home municipality', 'urn:henvis:municipality:851'],
      ['covered area', 'urn:henvis:region:1081'],
      ['covered area', 'urn:henvis:municipality:101'],
    ]);
    const address = doc.service_at_locations[0].location?.addresses[0];
    expect(address).toMatchObject({
      address_1: 'Vestergade 1',
      postal_code: '9000',
      city: 'Aalborg',
      state_province: 'Region Nordjylland',
      country: 'DK',
    });
    expect(doc.attributes.map((a) => [a.link_type, a.taxonomy_term?.code, a.value])).toEqual([
      ['service_type', 'counselling', undefined],
      ['target_group', 'women', undefined],
      ['need', 'social-counselling', undefined],
      ['referral_rule', 'accepts-children', 'true'],
      ['referral_rule', 'max-boy-age', '14'],
      ['referral_rule', 'anonymous', 'true'],
      ['referral_rule', 'wheelchair-accessible', 'true'],
      ['referral_rule', 'professional-referral', undefined],
      ['referral_rule', 'self-referral', undefined],
    ]);
    expect(doc.schedules.map((s) => [s.byday, s.opens_at, s.closes_at, s.description])).toEqual([
      ['MO,TU,WE,TH,FR,SA,SU', '00:00', '23:59', 'Open around the clock.'],
      [undefined, undefined, undefined, 'Mon–Fri 9–15'],
    ]);
  });

  it('gives a confidential service no place, address or position, and nothing else to tell', () => {
    const secret = serviceDocument(ctx, shelter);
    expect(secret.service_at_locations).toEqual([]);
    const text = JSON.stringify(secret);
    const words = ['latitude', 'longitude', 'address', '"location', 'location_id', 'confidential'];
    for (const word of words) {
      expect(text).not.toContain(word);
    }
    // the same keys as a public service without an address: the omission leaves no mark
    const open = serviceDocument(ctx, { ...shelter, addressConfidential: false });
    expect(Object.keys(secret)).toEqual(Object.keys(open));
    expect(JSON.stringify(open)).toBe(text);
  });

  it('reads its own documents back as the same listing', () => {
    const s = service();
    const mapped = listingFromService(ctx, serviceDocument(ctx, s), { publicAddresses: false });
    expect(mapped.problems).toEqual([]);
    expect(mapped.listing).toEqual({
      state: {
        name: s.name,
        description: s.description,
        typeCode: 'counselling',
        targetGroupCodes: ['women'],
        needCodes: ['social-counselling'],
        coverage: s.coverage,
        municipalityCode: '851',
        addressStreet: 'Vestergade 1',
        addressPostalCode: '9000',
        addressCity: 'Aalborg',
        addressConfidential: false,
        phone: '+45 12 34 56 78',
        professionalPhone: null,
        email: 'raad@example.org',
        website: 'https://example.org/r',
        openingHours: 'Mon–Fri 9–15',
        open24h: true,
        minAge: 18,
        maxAge: 99,
        acceptsChildren: true,
        maxBoyAge: 14,
        languages: ['ar', 'da'],
        wheelchairAccessible: true,
        anonymous: true,
        referralRoutes: ['PROFESSIONAL', 'SELF'],
      },
      hasAddress: true,
      capacity: { freePlaces: 3, totalPlaces: 10, reportedAt: '2026-03-01T08:00:00.000Z' },
      verifiedAt: '2026-02-28T00:00:00Z',
      demo: false,
    });
  });

  it('keeps a shelter’s imported address confidential unless told otherwise', () => {
    const doc = serviceDocument(ctx, service({ typeCode: 'womens-shelter' }));
    const secret = listingFromService(ctx, doc, { publicAddresses: false });
    const open = listingFromService(ctx, doc, { publicAddresses: true });
    expect(secret.listing?.state.addressConfidential).toBe(true);
    expect(open.listing?.state.addressConfidential).toBe(false);
  });

  it('names every field it cannot map', () => {
    const doc = serviceDocument(ctx, service());
    const bad = {
      ...doc,
      minimum_age: 200,
      phones: [{ ...doc.phones[0], number: '555-1234' }],
      attributes: [
        ...doc.attributes,
        {
          id: '9a6f1c1e-3f0e-4d52-9a57-4a3c6b1d2e10',
          taxonomy_term_id: '3f7b145d-84af-42d7-8fae-eaca714b02b2',
          taxonomy_term: { id: '3f7b145d-84af-42d7-8fae-eaca714b02b2', code: 'BD-1800' },
        },
      ],
      service_areas: [{ id: doc.service_areas[1].id, uri: 'urn:other:place:1' }],
    };
    expect(listingFromService(ctx, bad, { publicAddresses: false }).problems).toEqual([
      'attributes[9].taxonomy_term: unknown term BD-1800',
      'service_areas[0].uri: not a place of this profile (urn:other:place:1)',
      'service_areas: no area described as "home municipality" with a municipality uri',
      'phones[0].number: phone must be a Danish phone number: +45 and 8 digits (spaces allowed), or a short number like 112 or 1888',
      'minimum_age: minAge must not be greater than 120',
    ]);
  });
});

describe('HSDS catalogue', () => {
  const cat = new HsdsCatalogue(ctx, [service(), shelter]);

  it('filters by term, taxonomy, organisation, text and time, all together', () => {
    const ids = (q: Record<string, string>) => cat.filter(parseListQuery(q)).map((s) => s.id);
    const shelterType = termDocument({
      key: 'serviceTypes',
      code: 'womens-shelter',
      nameEn: '',
      description: '',
      parentCode: null,
    }).id;
    expect(ids({})).toEqual(['hsds-spec-shelter', 'hsds-spec-public']);
    expect(ids({ taxonomy_term_id: shelterType })).toEqual(['hsds-spec-shelter']);
    expect(ids({ search: 'RÅDGIVNING' })).toEqual(['hsds-spec-public']);
    expect(ids({ organization_id: entityId('organization', 'other') })).toEqual([]);
    expect(ids({ modified_after: '2026-03-03' })).toEqual([]);
    expect(ids({ modified_after: '2026-03-02', search: 'krise' })).toEqual(['hsds-spec-shelter']);
  });

  it('refuses a malformed parameter with a message that does not quote it', () => {
    expect(() => parseListQuery({ per_page: '0' })).toThrow(
      'per_page must be a whole number from 1 to 500',
    );
    expect(() => parseListQuery({ modified_after: '<script>' })).toThrow(
      'modified_after must be an ISO 8601 date or date-time',
    );
    expect(() => parseListQuery({ page: ['1', '2'] })).toThrow('page must be given once, as text');
  });
});

describe('the bundled HSDS schemas', () => {
  const shared = existsSync(SHARED) ? it : it.skip;
  shared('are the published files byte for byte', () => {
    for (const file of readdirSync(SHARED).filter((f) => f.endsWith('.json'))) {
      expect([file, readFileSync(join(BUNDLED_SCHEMA_DIR, file), 'utf8')]).toEqual([
        file,
        readFileSync(join(SHARED, file), 'utf8'),
      ]);
    }
  });
});
