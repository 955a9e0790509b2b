import { Service } from '../catalogue/models/service.model';
import { Geography } from '../geography/geography';
import { Organisation } from '../organisations/models/organisation.model';
import { Taxonomy } from '../taxonomy/taxonomy';
import { entityId, partId, uuidV5 } from './hsds-ids';
import {
  RuleCode,
  TAXONOMIES,
  TaxonomyKey,
  TERM_OF_ROUTE,
  termDocument,
  TermEntry,
  termEntries,
} from './hsds-taxonomies';
import {
  HsdsAttribute,
  HsdsCapacity,
  HsdsLanguage,
  HsdsOrganization,
  HsdsSchedule,
  HsdsService,
  HsdsServiceArea,
  HsdsServiceAtLocation,
  HsdsServiceFlat,
} from './hsds-types';

export const HSDS_VERSION = '3.1';
export const COUNTRY = 'DK';

/** The seven days of an around-the-clock schedule, as RFC 5545 BYDAY writes them. */
export const ALL_DAYS = 'MO,TU,WE,TH,FR,SA,SU';
export const AROUND_THE_CLOCK = { opens_at: '00:00', closes_at: '23:59' } as const;

/** The unit of `service_capacity`: a place (a bed, a room for a family) at a service. */
export const PLACES_UNIT = {
  id: uuidV5('unit:places'),
  name: 'places',
  scheme: 'henvis',
  identifier: 'places',
} as const;

/** Service areas name places by these URIs (official codes; the country as ISO 3166). */
export const AREA_URI = {
  country: `urn:henvis:country:${COUNTRY}`,
  region: (code: string): string => `urn:henvis:region:${code}`,
  municipality: (code: string): string => `urn:henvis:municipality:${code}`,
};
export const HOME_AREA = 'home municipality';
export const COVERED_AREA = 'covered area';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

/** A language's English name ('ar' → 'Arabic'); the code itself where Intl has no name. */
function languageName(code: string): string {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** An absolute http(s) URL as written, or nothing (the schema's `uri` format). */
function webUrl(value: string | null): string | undefined {
  if (!value || /\s/.test(value)) {
    return undefined;
  }
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? value : undefined;
  } catch {
    return undefined;
  }
}

const dateOnly = (d: Date): string => d.toISOString().slice(0, 10);

/** What the mapping reads besides the service: the vocabularies and the places. */
export class MappingContext {
  private readonly terms = new Map<string, TermEntry>();

  constructor(
    readonly taxonomy: Taxonomy,
    readonly geography: Geography,
  ) {
    for (const entry of termEntries(taxonomy)) {
      this.terms.set(`${entry.key}\n${entry.code}`, entry);
    }
  }

  term(key: TaxonomyKey, code: string): TermEntry | undefined {
    return this.terms.get(`${key}\n${code}`);
  }
}

export function organizationDocument(o: Organisation): HsdsOrganization {
  const website = webUrl(o.website);
  return {
    id: entityId('organization', o.id),
    name: o.name,
    description: o.description ?? '',
    ...(website ? { website } : {}),
  };
}

/** A service's one-to-one fields (a list's item unless `full`). */
export function flatServiceDocument(s: Service): HsdsServiceFlat {
  const url = webUrl(s.contact.website);
  const { minAge, maxAge } = s.eligibility;
  return {
    id: entityId('service', s.id),
    organization_id: entityId('organization', s.organisationId),
    name: s.name,
    ...(s.description ? { description: s.description } : {}),
    ...(url ? { url } : {}),
    ...(s.contact.email ? { email: s.contact.email } : {}),
    status: 'active',
    ...(minAge !== null ? { minimum_age: minAge } : {}),
    ...(maxAge !== null ? { maximum_age: maxAge } : {}),
    ...(s.verifiedAt ? { assured_date: dateOnly(s.verifiedAt) } : {}),
    last_modified: s.updatedAt.toISOString(),
  };
}

function attribute(
  ctx: MappingContext,
  serviceId: string,
  key: TaxonomyKey,
  code: string,
  value?: string,
): HsdsAttribute[] {
  const entry = ctx.term(key, code);
  if (!entry) {
    return [];
  }
  const term = termDocument(entry);
  return [
    {
      id: partId(serviceId, `attribute:${TAXONOMIES[key].key}:${code}`),
      link_id: serviceId,
      link_type: TAXONOMIES[key].linkType,
      link_entity: 'service',
      taxonomy_term_id: term.id,
      taxonomy_term: term,
      ...(value !== undefined ? { value } : {}),
    },
  ];
}

function attributes(ctx: MappingContext, id: string, s: Service): HsdsAttribute[] {
  const rule = (code: RuleCode, value?: string): HsdsAttribute[] =>
    attribute(ctx, id, 'rules', code, value);
  const { acceptsChildren, maxBoyAge } = s.eligibility;
  return [
    ...attribute(ctx, id, 'serviceTypes', s.typeCode),
    ...s.targetGroupCodes.flatMap((c) => attribute(ctx, id, 'targetGroups', c)),
    ...s.needCodes.flatMap((c) => attribute(ctx, id, 'needs', c)),
    ...rule('accepts-children', String(acceptsChildren)),
    ...(maxBoyAge !== null ? rule('max-boy-age', String(maxBoyAge)) : []),
    ...rule('anonymous', String(s.anonymous)),
    ...(s.wheelchairAccessible !== null
      ? rule('wheelchair-accessible', String(s.wheelchairAccessible))
      : []),
    ...s.referralRoutes.flatMap((r) => (TERM_OF_ROUTE[r] ? rule(TERM_OF_ROUTE[r]) : [])),
    ...(s.demo ? rule('demonstration-data') : []),
  ];
}

function schedules(id: string, s: Service): HsdsSchedule[] {
  return [
    ...(s.open24h
      ? [
          {
            id: partId(id, 'schedule:around-the-clock'),
            service_id: id,
            freq: 'WEEKLY' as const,
            byday: ALL_DAYS,
            ...AROUND_THE_CLOCK,
            description: 'Open around the clock.',
          },
        ]
      : []),
    ...(s.openingHours
      ? [{ id: partId(id, 'schedule:text'), service_id: id, description: s.openingHours }]
      : []),
  ];
}

/**
 * Where the service is offered: its home municipality (every service has one, public or not, as
 * the GraphQL API shows it), then what it covers. Never a street, a postal code or a position.
 */
function serviceAreas(ctx: MappingContext, id: string, s: Service): HsdsServiceArea[] {
  const geo = ctx.geography;
  const area = (part: string, name: string, description: string, uri: string) => ({
    id: partId(id, `area:${part}`),
    service_id: id,
    name,
    description,
    uri,
  });
  const home = s.municipalityCode ? geo.municipality(s.municipalityCode) : null;
  return [
    ...(home ? [area('home', home.name, HOME_AREA, AREA_URI.municipality(home.code))] : []),
    ...(s.coverage.national ? [area('country', 'Danmark', COVERED_AREA, AREA_URI.country)] : []),
    ...s.coverage.regionCodes.flatMap((code) => {
      const r = geo.region(code);
      return r ? [area(`region:${code}`, r.name, COVERED_AREA, AREA_URI.region(code))] : [];
    }),
    ...s.coverage.municipalityCodes.flatMap((code) => {
      const m = geo.municipality(code);
      return m
        ? [area(`municipality:${code}`, m.name, COVERED_AREA, AREA_URI.municipality(code))]
        : [];
    }),
  ];
}

function capacities(id: string, s: Service): HsdsCapacity[] {
  const c = s.capacity;
  if (!c || c.freePlaces === null || !c.reportedAt) {
    return [];
  }
  return [
    {
      id: partId(id, 'capacity:places'),
      service_id: id,
      unit: { ...PLACES_UNIT },
      unit_id: PLACES_UNIT.id,
      available: c.freePlaces,
      ...(c.totalPlaces !== null ? { maximum: c.totalPlaces } : {}),
      updated: c.reportedAt.toISOString(),
    },
  ];
}

function languages(id: string, s: Service): HsdsLanguage[] {
  return s.languages.map((code) => ({
    id: partId(id, `language:${code}`),
    service_id: id,
    code,
    name: languageName(code),
  }));
}

/**
 * The service's place, only when its address is public: a confidential address never reaches
 * the model (`publicAddress` is null for it), and no location is made without an address.
 */
export function serviceAtLocations(ctx: MappingContext, s: Service): HsdsServiceAtLocation[] {
  const a = s.addressConfidential ? null : s.publicAddress;
  if (!a) {
    return [];
  }
  const id = entityId('service', s.id);
  const locationId = partId(id, 'location');
  const municipality = s.municipalityCode ? ctx.geography.municipality(s.municipalityCode) : null;
  const region = municipality ? ctx.geography.region(municipality.regionCode) : null;
  return [
    {
      id: partId(id, 'service_at_location'),
      service_id: id,
      location_id: locationId,
      location: {
        id: locationId,
        location_type: 'physical',
        organization_id: entityId('organization', s.organisationId),
        name: s.name,
        addresses: [
          {
            id: partId(id, 'address'),
            location_id: locationId,
            address_1: a.street,
            city: a.city,
            state_province: region?.name ?? '',
            postal_code: a.postalCode,
            country: COUNTRY,
            address_type: 'physical',
          },
        ],
      },
    },
  ];
}

/**
 * A service as a whole HSDS document. Only the public phone (the professionals' line is not in
 * the model at all); the address only when public (serviceAtLocations).
 */
export function serviceDocument(
  ctx: MappingContext,
  s: Service,
  organization?: Organisation,
): HsdsService {
  const flat = flatServiceDocument(s);
  const id = flat.id;
  return {
    ...flat,
    ...(organization ? { organization: organizationDocument(organization) } : {}),
    phones: s.contact.phone
      ? [{ id: partId(id, 'phone'), service_id: id, number: s.contact.phone, type: 'voice' }]
      : [],
    schedules: schedules(id, s),
    service_areas: serviceAreas(ctx, id, s),
    service_at_locations: serviceAtLocations(ctx, s),
    languages: languages(id, s),
    capacities: capacities(id, s),
    attributes: attributes(ctx, id, s),
  };
}
