import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { CreateServiceInput } from '../directory/write/dto/service.input';
import { ImportedListing } from '../directory/write/listing-import.service';
import { ListingInput, stateFromCreate } from '../directory/write/listing-state';
import {
  ALL_DAYS,
  AREA_URI,
  AROUND_THE_CLOCK,
  HOME_AREA,
  MappingContext,
  PLACES_UNIT,
} from './hsds-mapping';
import {
  ROUTE_OF_TERM,
  RuleCode,
  TAXONOMIES,
  TAXONOMY_KEYS,
  TaxonomyKey,
  taxonomyId,
  termId,
} from './hsds-taxonomies';

/** The service types whose address is kept secret on import unless told otherwise. */
export const SHELTER_TYPES: ReadonlySet<string> = new Set(['womens-shelter', 'mens-shelter']);

/** A JSON object as a record (the schema check before this has made sure of the shapes). */
type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const raw = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Where an input field comes from in an HSDS service, for messages. */
const FIELD_OF: Record<string, string> = {
  id: 'id',
  name: 'name',
  description: 'description',
  website: 'url',
  email: 'email',
  phone: 'phones[0].number',
  typeCode: 'attributes (service type)',
  targetGroupCodes: 'attributes (target group)',
  needCodes: 'attributes (need)',
  referralRoutes: 'attributes (referral route)',
  coverage: 'service_areas',
  municipalityCode: 'service_areas (home municipality)',
  address: 'service_at_locations[0].location.addresses[0]',
  openingHours: 'schedules',
  minAge: 'minimum_age',
  maxAge: 'maximum_age',
  maxBoyAge: 'attributes (max-boy-age)',
  languages: 'languages',
};

export interface MappedRecord {
  listing: Omit<ImportedListing, 'id' | 'label'> | null;
  /** What could not be mapped, each `field: what is wrong`. */
  problems: string[];
}

/** Our terms by HSDS id, and our taxonomies by HSDS id and by attribute link type. */
class TermIndex {
  readonly byId = new Map<string, { key: TaxonomyKey; code: string }>();
  readonly taxonomyById = new Map<string, TaxonomyKey>();
  readonly taxonomyByLinkType = new Map<string, TaxonomyKey>();

  constructor(ctx: MappingContext) {
    for (const key of TAXONOMY_KEYS) {
      this.taxonomyById.set(taxonomyId(key), key);
      this.taxonomyByLinkType.set(TAXONOMIES[key].linkType, key);
    }
    const codes: [TaxonomyKey, string[]][] = [
      ['serviceTypes', ctx.taxonomy.serviceTypes.map((t) => t.code)],
      ['targetGroups', ctx.taxonomy.targetGroups.nodes.map((t) => t.code)],
      ['needs', ctx.taxonomy.needs.nodes.map((t) => t.code)],
      ['rules', [...Object.keys(ROUTE_OF_TERM), ...ruleCodes()]],
    ];
    for (const [key, list] of codes) {
      list.forEach((code) => this.byId.set(termId(key, code), { key, code }));
    }
  }
}

function ruleCodes(): RuleCode[] {
  return [
    'accepts-children',
    'max-boy-age',
    'anonymous',
    'wheelchair-accessible',
    'demonstration-data',
  ];
}

const indexes = new WeakMap<MappingContext, TermIndex>();
function termIndex(ctx: MappingContext): TermIndex {
  let index = indexes.get(ctx);
  if (!index) {
    index = new TermIndex(ctx);
    indexes.set(ctx, index);
  }
  return index;
}

/**
 * An attribute's term as ours: by its term id, else by its code within our taxonomy named by
 * the term's `taxonomy_id` or the attribute's `link_type`. Null: not one of ours.
 */
function ourTerm(
  ctx: MappingContext,
  a: Json,
): { key: TaxonomyKey; code: string } | { unknown: string } {
  const index = termIndex(ctx);
  const id = str(a.taxonomy_term_id)?.toLowerCase();
  const byId = id ? index.byId.get(id) : undefined;
  if (byId) {
    return byId;
  }
  const term = obj(a.taxonomy_term);
  const code = str(term.code);
  const key =
    index.taxonomyById.get(str(term.taxonomy_id)?.toLowerCase() ?? '') ??
    index.taxonomyByLinkType.get(str(a.link_type) ?? '');
  if (code && key && (key === 'rules' ? index.byId.has(termId(key, code)) : ctx.term(key, code))) {
    return { key, code };
  }
  return { unknown: code ?? id ?? str(term.name) ?? 'with no id or code' };
}

const BOOLEAN: Record<string, boolean> = { true: true, false: false };

function flatten(errors: ValidationError[], prefix = ''): { property: string; text: string }[] {
  return errors.flatMap((e) => {
    const property = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((text) => ({ property, text }));
    return [...own, ...flatten(e.children ?? [], property)];
  });
}

/**
 * One HSDS service (already valid against the standard's schema) as one of our listings: every
 * term must be one of ours (by id or code), the areas our places, the values within our rules
 * (the API's own validation of a new listing). Every problem is named with its HSDS field.
 */
export function listingFromService(
  ctx: MappingContext,
  doc: unknown,
  options: { publicAddresses: boolean },
): MappedRecord {
  const s = obj(doc);
  const problems: string[] = [];
  const types: string[] = [];
  const groups: string[] = [];
  const needs: string[] = [];
  const routes: string[] = [];
  const rules = new Map<string, string | null>();
  list(s.attributes).forEach((a, i) => {
    const t = ourTerm(ctx, a);
    if ('unknown' in t) {
      problems.push(`attributes[${i}].taxonomy_term: unknown term ${t.unknown}`);
      return;
    }
    const bucket = { serviceTypes: types, targetGroups: groups, needs } as const;
    if (t.key === 'rules') {
      const route = ROUTE_OF_TERM[t.code as RuleCode];
      if (route) {
        routes.push(route);
      } else {
        rules.set(t.code, str(a.value));
      }
    } else if (!bucket[t.key].includes(t.code)) {
      bucket[t.key].push(t.code);
    }
  });
  if (types.length !== 1) {
    problems.push(`attributes: needs exactly one service type term (found ${types.length})`);
  }
  const flag = (code: RuleCode): boolean | null => {
    const v = rules.get(code);
    if (v === undefined) {
      return null;
    }
    const b = v === null ? undefined : BOOLEAN[v];
    if (b === undefined) {
      problems.push(`attributes (${code}).value: must be true or false`);
      return null;
    }
    return b;
  };
  const boyAge = rules.get('max-boy-age');
  const maxBoyAge =
    boyAge === undefined ? null : /^\d{1,3}$/.test(boyAge ?? '') ? Number(boyAge) : NaN;
  if (Number.isNaN(maxBoyAge)) {
    problems.push('attributes (max-boy-age).value: must be a whole number of years');
  }

  let home: string | null = null;
  const coverage = {
    national: false,
    regionCodes: [] as string[],
    municipalityCodes: [] as string[],
  };
  list(s.service_areas).forEach((area, i) => {
    const uri = str(area.uri) ?? '';
    const municipality = /^urn:henvis:municipality:(\d{3})$/.exec(uri)?.[1];
    const region = /^urn:henvis:region:(\d{4})$/.exec(uri)?.[1];
    const isHome = area.description === HOME_AREA;
    if (isHome && municipality && home === null) {
      home = municipality;
    } else if (uri === AREA_URI.country) {
      coverage.national = true;
    } else if (region && !isHome) {
      coverage.regionCodes.push(region);
    } else if (municipality && area.description !== HOME_AREA) {
      coverage.municipalityCodes.push(municipality);
    } else {
      problems.push(`service_areas[${i}].uri: not a place of this profile (${uri || 'none'})`);
    }
  });
  if (home === null) {
    problems.push(`service_areas: no area described as "${HOME_AREA}" with a municipality uri`);
  }

  const sals = list(s.service_at_locations);
  if (sals.length > 1) {
    problems.push('service_at_locations: at most one place per service');
  }
  const addresses = list(obj(sals[0]?.location).addresses).filter(
    (a) => a.address_type === 'physical',
  );
  const address = addresses[0] ?? null;
  if (sals.length === 1 && !address) {
    problems.push('service_at_locations[0].location.addresses: no physical address');
  }

  let open24h = false;
  const texts: string[] = [];
  for (const sch of list(s.schedules)) {
    const days = (str(sch.byday) ?? '').split(',').map((d) => d.trim());
    const allDays = ALL_DAYS.split(',').every((d) => days.includes(d));
    const aroundTheClock =
      sch.freq === 'WEEKLY' &&
      allDays &&
      sch.opens_at === AROUND_THE_CLOCK.opens_at &&
      (sch.closes_at === AROUND_THE_CLOCK.closes_at || sch.closes_at === '24:00');
    if (aroundTheClock) {
      open24h = true;
    } else if (str(sch.opens_at)) {
      texts.push(`${str(sch.byday) ?? ''} ${str(sch.opens_at)}–${str(sch.closes_at) ?? ''}`.trim());
    } else if (str(sch.description)) {
      texts.push(String(sch.description));
    }
  }

  const phones = list(s.phones);
  if (phones.length > 1) {
    problems.push('phones: at most one public phone per service');
  }

  const capacity = list(s.capacities).find((c) => {
    const unit = obj(c.unit);
    return c.unit_id === PLACES_UNIT.id || unit.identifier === 'places' || unit.name === 'places';
  });
  const capacities = list(s.capacities);
  if (capacities.length > 0 && !capacity) {
    problems.push('capacities: no capacity in the unit "places"');
  }
  const free = num(capacity?.available);
  const total = num(capacity?.maximum);
  for (const [field, v] of [
    ['available', free],
    ['maximum', total],
  ] as const) {
    if (v !== null && (!Number.isInteger(v) || v < 0 || v > 10_000)) {
      problems.push(`capacities[0].${field}: must be a whole number from 0 to 10000`);
    }
  }
  if (free !== null && total !== null && free > total) {
    problems.push('capacities[0].available: must not be greater than maximum');
  }

  const typeCode = types[0] ?? '';
  const input: ListingInput = {
    id: str(s.id)?.toLowerCase(),
    name: raw(s.name),
    description: str(s.description),
    website: str(s.url),
    organisationId: 'import',
    typeCode,
    targetGroupCodes: groups,
    needCodes: needs,
    coverage,
    municipalityCode: home ?? '',
    address: address
      ? {
          street: raw(address.address_1),
          postalCode: raw(address.postal_code),
          city: raw(address.city),
        }
      : null,
    addressConfidential: address ? SHELTER_TYPES.has(typeCode) && !options.publicAddresses : false,
    phone: str(phones[0]?.number),
    professionalPhone: null,
    email: str(s.email),
    openingHours: texts.length > 0 ? texts.join('; ') : null,
    open24h,
    minAge: num(s.minimum_age),
    maxAge: num(s.maximum_age),
    acceptsChildren: flag('accepts-children') ?? false,
    maxBoyAge: Number.isNaN(maxBoyAge) ? null : maxBoyAge,
    languages: list(s.languages)
      .map((l) => str(l.code))
      .filter((c): c is string => c !== null),
    wheelchairAccessible: flag('wheelchair-accessible'),
    anonymous: flag('anonymous') ?? false,
    referralRoutes: routes,
  };
  const errors = flatten(
    validateSync(plainToInstance(CreateServiceInput, input), {
      whitelist: true,
      forbidNonWhitelisted: true,
      validationError: { target: false, value: false },
    }),
  );
  for (const e of errors) {
    const top = e.property.split('.')[0];
    problems.push(`${FIELD_OF[top] ?? e.property}: ${e.text}`);
  }
  if (problems.length > 0) {
    return { listing: null, problems };
  }
  const assured = str(s.assured_date);
  // a file carries no onward referrals: the stored ones are kept
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { continuesToIds, ifFullTryIds, ...state } = stateFromCreate(input);
  return {
    listing: {
      state,
      hasAddress: address !== null,
      capacity:
        free !== null
          ? { freePlaces: free, totalPlaces: total, reportedAt: str(capacity?.updated) }
          : null,
      verifiedAt: assured && /^\d{4}-\d{2}-\d{2}$/.test(assured) ? `${assured}T00:00:00Z` : null,
      demo: rules.has('demonstration-data'),
    },
    problems: [],
  };
}
