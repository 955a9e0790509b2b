import { AuditState } from '../../audit/audit-diff';
import { AppError } from '../../common/app-error';
import { Geography } from '../../geography/geography';
import { Taxonomy } from '../../taxonomy/taxonomy';
import { CreateServiceInput, UpdateServiceInput } from './dto/service.input';

/**
 * Where a listing is offered besides where it is located: the whole country, or regions and
 * municipalities (codes). The same shape as `CoverageInput`; the codes are COVERS relationships,
 * `national` a property of the node, written together.
 */
export interface ListingCoverage {
  national: boolean;
  regionCodes: string[];
  municipalityCodes: string[];
}

/**
 * Everything an organisation edits on a listing, as stored: node properties plus the codes of
 * its relationships. The audit compares two of these; confidential values (the address of a
 * secret shelter, the professional line) appear here and therefore in the audit, which only
 * ADMIN and the owning organisation may read.
 */
export interface ListingState {
  name: string;
  description: string | null;
  typeCode: string;
  targetGroupCodes: string[];
  needCodes: string[];
  coverage: ListingCoverage;
  municipalityCode: string;
  addressStreet: string | null;
  addressPostalCode: string | null;
  addressCity: string | null;
  addressConfidential: boolean;
  phone: string | null;
  professionalPhone: string | null;
  email: string | null;
  website: string | null;
  openingHours: string | null;
  open24h: boolean;
  minAge: number | null;
  maxAge: number | null;
  acceptsChildren: boolean;
  maxBoyAge: number | null;
  languages: string[];
  wheelchairAccessible: boolean | null;
  anonymous: boolean;
  referralRoutes: string[];
  /** Declared onward referrals (ids of other services, in order): CONTINUES_TO and IF_FULL_TRY. */
  continuesToIds: string[];
  ifFullTryIds: string[];
}

/** Every field of a listing, in the order the audit lists them. */
export const LISTING_FIELDS: readonly (keyof ListingState)[] = [
  'name',
  'description',
  'typeCode',
  'targetGroupCodes',
  'needCodes',
  'coverage',
  'municipalityCode',
  'addressStreet',
  'addressPostalCode',
  'addressCity',
  'addressConfidential',
  'phone',
  'professionalPhone',
  'email',
  'website',
  'openingHours',
  'open24h',
  'minAge',
  'maxAge',
  'acceptsChildren',
  'maxBoyAge',
  'languages',
  'wheelchairAccessible',
  'anonymous',
  'referralRoutes',
  'continuesToIds',
  'ifFullTryIds',
];

/** The fields stored as relationships rather than properties (coverage: with its `national`). */
export const RELATION_FIELDS = [
  'typeCode',
  'targetGroupCodes',
  'needCodes',
  'coverage',
  'municipalityCode',
  'continuesToIds',
  'ifFullTryIds',
] as const;
type RelationField = (typeof RELATION_FIELDS)[number];
export type ListingProperties = Omit<ListingState, RelationField>;
export type ListingRelations = Pick<ListingState, RelationField>;

const coverageOf = (input: ListingCoverage): ListingCoverage => ({
  national: input.national,
  regionCodes: input.regionCodes,
  municipalityCodes: input.municipalityCodes,
});

const trimOrNull = (v: string | null | undefined): string | null => {
  const t = v?.trim();
  return t ? t : null;
};

/**
 * A new listing as plain data: the fields of `CreateServiceInput`, with the referral routes as
 * the strings a JSON file holds. The API's validated input is one; a seed file's entry is one too
 * (plus what only demonstration data sets), so both become a listing through `stateFromCreate`.
 */
export type ListingInput = Omit<CreateServiceInput, 'referralRoutes'> & {
  referralRoutes: string[];
};

/** A new listing from a validated create input, with defaults for what was left out. */
export function stateFromCreate(input: ListingInput): ListingState {
  return {
    name: input.name.trim(),
    description: trimOrNull(input.description),
    typeCode: input.typeCode,
    targetGroupCodes: input.targetGroupCodes,
    needCodes: input.needCodes,
    coverage: coverageOf(input.coverage),
    municipalityCode: input.municipalityCode,
    addressStreet: trimOrNull(input.address?.street),
    addressPostalCode: input.address?.postalCode ?? null,
    addressCity: trimOrNull(input.address?.city),
    addressConfidential: input.addressConfidential ?? false,
    phone: trimOrNull(input.phone),
    professionalPhone: trimOrNull(input.professionalPhone),
    email: trimOrNull(input.email),
    website: trimOrNull(input.website),
    openingHours: trimOrNull(input.openingHours),
    open24h: input.open24h ?? false,
    minAge: input.minAge ?? null,
    maxAge: input.maxAge ?? null,
    acceptsChildren: input.acceptsChildren ?? false,
    maxBoyAge: input.maxBoyAge ?? null,
    languages: input.languages ?? [],
    wheelchairAccessible: input.wheelchairAccessible ?? null,
    anonymous: input.anonymous ?? false,
    referralRoutes: input.referralRoutes,
    continuesToIds: [],
    ifFullTryIds: [],
  };
}

/** The fields an update sets (omitted fields are kept; null clears an optional one). */
export function changesFromUpdate(input: UpdateServiceInput): Partial<ListingState> {
  const out: Partial<ListingState> = {};
  const set = <K extends keyof ListingState>(key: K, value: ListingState[K] | undefined): void => {
    if (value !== undefined) {
      out[key] = value;
    }
  };
  if (input.name !== undefined && input.name !== null) {
    set('name', input.name.trim());
  }
  if (input.description !== undefined) {
    set('description', trimOrNull(input.description));
  }
  set('typeCode', input.typeCode ?? undefined);
  set('targetGroupCodes', input.targetGroupCodes ?? undefined);
  set('needCodes', input.needCodes ?? undefined);
  if (input.coverage) {
    set('coverage', coverageOf(input.coverage));
  }
  set('municipalityCode', input.municipalityCode ?? undefined);
  if (input.address !== undefined) {
    set('addressStreet', trimOrNull(input.address?.street));
    set('addressPostalCode', input.address?.postalCode ?? null);
    set('addressCity', trimOrNull(input.address?.city));
  }
  const optionalText = ['phone', 'professionalPhone', 'email', 'website', 'openingHours'] as const;
  for (const key of optionalText) {
    if (input[key] !== undefined) {
      set(key, trimOrNull(input[key]));
    }
  }
  const flags = ['addressConfidential', 'open24h', 'acceptsChildren', 'anonymous'] as const;
  for (const key of flags) {
    if (input[key] !== undefined) {
      set(key, input[key] ?? false);
    }
  }
  const numbers = ['minAge', 'maxAge', 'maxBoyAge'] as const;
  for (const key of numbers) {
    if (input[key] !== undefined) {
      set(key, input[key] ?? null);
    }
  }
  if (input.languages !== undefined) {
    set('languages', input.languages ?? []);
  }
  if (input.wheelchairAccessible !== undefined) {
    set('wheelchairAccessible', input.wheelchairAccessible ?? null);
  }
  set('referralRoutes', input.referralRoutes ?? undefined);
  if (input.continuesToIds !== undefined) {
    set('continuesToIds', input.continuesToIds ?? []);
  }
  if (input.ifFullTryIds !== undefined) {
    set('ifFullTryIds', input.ifFullTryIds ?? []);
  }
  return out;
}

/** Null for a field that cannot be cleared: the validator rejects it, this names it clearly. */
export function assertRequiredNotNull(input: UpdateServiceInput): void {
  const required = [
    'name',
    'typeCode',
    'targetGroupCodes',
    'needCodes',
    'coverage',
    'municipalityCode',
    'referralRoutes',
  ] as const;
  const nulls = required.filter((key) => input[key] === null);
  if (nulls.length > 0) {
    throw AppError.badInput(`These fields cannot be cleared: ${nulls.join(', ')}.`, {
      argument: 'input',
    });
  }
}

function assertCodes(unknown: string[], what: string, argument: string): void {
  if (unknown.length > 0) {
    throw AppError.badInput(`Unknown ${what} code(s) in ${argument}: ${unknown.join(', ')}`, {
      argument,
      unknownCodes: unknown,
    });
  }
}

/** Every code the change sets must exist (all unknown codes of a field are named together). */
export function assertKnownCodes(
  change: Partial<ListingState>,
  tax: Taxonomy,
  geo: Geography,
): void {
  if (change.typeCode !== undefined) {
    tax.assertKnown('serviceTypes', [change.typeCode], 'input.typeCode');
  }
  tax.assertKnown('targetGroups', change.targetGroupCodes, 'input.targetGroupCodes');
  tax.assertKnown('needs', change.needCodes, 'input.needCodes');
  assertCodes(
    (change.coverage?.regionCodes ?? []).filter((c) => !geo.region(c)),
    'region',
    'input.coverage.regionCodes',
  );
  assertCodes(
    (change.coverage?.municipalityCodes ?? []).filter((c) => !geo.municipality(c)),
    'municipality',
    'input.coverage.municipalityCodes',
  );
  geo.assertMunicipality(change.municipalityCode, 'input.municipalityCode');
}

/**
 * Rules across fields, checked on the listing as it would be saved, for the fields the change
 * touches (an old listing is not blocked by a rule about fields nobody is editing).
 */
export function assertListingRules(state: ListingState, change: Partial<ListingState>): void {
  const touched = (...keys: (keyof ListingState)[]): boolean =>
    keys.some((k) => change[k] !== undefined);
  if (
    touched('minAge', 'maxAge') &&
    state.minAge !== null &&
    state.maxAge !== null &&
    state.minAge > state.maxAge
  ) {
    throw AppError.badInput('minAge must not be greater than maxAge.', {
      argument: 'input.minAge',
    });
  }
  if (
    touched('coverage') &&
    !state.coverage.national &&
    state.coverage.regionCodes.length === 0 &&
    state.coverage.municipalityCodes.length === 0
  ) {
    throw AppError.badInput(
      'coverage must be national or name at least one region or municipality.',
      { argument: 'input.coverage' },
    );
  }
}

/** free ≤ total, both ≥ 0 (the validator checks the ranges). */
export function assertPlaces(freePlaces: number, totalPlaces: number): void {
  if (freePlaces > totalPlaces) {
    throw AppError.badInput('freePlaces must not be greater than totalPlaces.', {
      argument: 'freePlaces',
    });
  }
}

/** Lists whose order is part of their meaning (the order to try them): compared in order. */
const ORDERED_FIELDS = new Set<keyof ListingState>(['continuesToIds', 'ifFullTryIds']);

function sameValue(key: keyof ListingState, a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const x: unknown[] = a;
    const y: unknown[] = b;
    const [p, q] = ORDERED_FIELDS.has(key) ? [x, y] : [[...x].sort(), [...y].sort()];
    return p.length === q.length && p.every((v, i) => v === q[i]);
  }
  if (isCoverage(a) && isCoverage(b)) {
    return (
      a.national === b.national &&
      sameValue(key, a.regionCodes, b.regionCodes) &&
      sameValue(key, a.municipalityCodes, b.municipalityCodes)
    );
  }
  return a === b;
}

function isCoverage(v: unknown): v is ListingCoverage {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'national' in v;
}

/**
 * The fields of the change that differ from the current state (other lists compare as sets), as
 * they are to be written; empty when the change changes nothing.
 */
export function changedFields(
  current: ListingState,
  change: Partial<ListingState>,
): Partial<ListingState> {
  const out: Partial<ListingState> = {};
  const keep = <K extends keyof ListingState>(key: K): void => {
    if (change[key] !== undefined && !sameValue(key, current[key], change[key])) {
      out[key] = change[key];
    }
  };
  LISTING_FIELDS.forEach(keep);
  return out;
}

/**
 * A state (or the part of it a change writes) as the audit records it: lists compare as sets,
 * except the declared onward referrals, whose order is the order to try them: rendered as text
 * in order, so a reordering shows as a change. Coverage is audited per part, named by its path in
 * the input (`coverage.regionCodes`).
 */
export function auditState(state: Partial<ListingState>): AuditState {
  const out: AuditState = {};
  for (const key of Object.keys(state) as (keyof ListingState)[]) {
    if (key === 'coverage') {
      const coverage = state.coverage;
      if (coverage) {
        out['coverage.national'] = coverage.national;
        out['coverage.regionCodes'] = coverage.regionCodes;
        out['coverage.municipalityCodes'] = coverage.municipalityCodes;
      }
    } else {
      const value = state[key];
      if (value !== undefined) {
        out[key] = value;
      }
    }
  }
  for (const key of ORDERED_FIELDS) {
    const list = state[key];
    if (Array.isArray(list)) {
      out[key] = list.length > 0 ? list.join(', ') : null;
    }
  }
  return out;
}

/** Node properties and relationship codes apart (the write repository stores them differently). */
export function splitState(state: Partial<ListingState>): {
  properties: Partial<ListingProperties>;
  relations: Partial<ListingRelations>;
} {
  const properties: Record<string, unknown> = {};
  const relations: Record<string, unknown> = {};
  const relationSet = new Set<string>(RELATION_FIELDS);
  for (const [key, value] of Object.entries(state)) {
    (relationSet.has(key) ? relations : properties)[key] = value;
  }
  return {
    properties: properties,
    relations: relations,
  };
}
