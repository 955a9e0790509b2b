import { ApiError } from './api';
import type {
  CreateServiceInput,
  PartnerServiceQuery,
  ReferralRoute,
  UpdateServiceInput,
} from './generated/graphql';
import type { PartnerTexts } from './partner-texts';

/**
 * The partner form's state, its checks and the input it sends. The checks are the server's own
 * rules (src/directory/dto/service.input.ts, listing-state.ts), said in Danish before anything is
 * sent; what the server still refuses is mapped back to the same fields by `serverErrors`.
 */

export type PartnerService = NonNullable<PartnerServiceQuery['service']>;

export interface Picked {
  id: string;
  name: string;
}

export interface ListingForm {
  name: string;
  description: string;
  typeCode: string;
  targetGroupCodes: string[];
  needCodes: string[];
  /** The municipality where the service is, by code (picked by name). */
  municipalityCode: string;
  street: string;
  postalCode: string;
  city: string;
  addressConfidential: boolean;
  national: boolean;
  regionCodes: string[];
  municipalityCodes: string[];
  phone: string;
  professionalPhone: string;
  email: string;
  website: string;
  openingHours: string;
  open24h: boolean;
  anonymous: boolean;
  acceptsChildren: boolean;
  referralRoutes: string[];
  minAge: string;
  maxAge: string;
  maxBoyAge: string;
  languages: string[];
  wheelchair: 'yes' | 'no' | 'unknown';
  continuesTo: Picked[];
  ifFullTry: Picked[];
}

/** Where a message is shown: one per field (or group of fields) of the form. */
export type FieldKey =
  | 'name'
  | 'description'
  | 'typeCode'
  | 'targetGroupCodes'
  | 'needCodes'
  | 'municipalityCode'
  | 'address'
  | 'coverage'
  | 'phone'
  | 'professionalPhone'
  | 'email'
  | 'website'
  | 'openingHours'
  | 'referralRoutes'
  | 'minAge'
  | 'maxAge'
  | 'maxBoyAge'
  | 'languages'
  | 'continuesToIds'
  | 'ifFullTryIds'
  | 'form';

/** The order fields appear in, so the first one with a problem gets the focus. */
export const FIELD_ORDER: FieldKey[] = [
  'name',
  'typeCode',
  'description',
  'targetGroupCodes',
  'minAge',
  'maxAge',
  'maxBoyAge',
  'needCodes',
  'municipalityCode',
  'address',
  'coverage',
  'phone',
  'professionalPhone',
  'email',
  'website',
  'openingHours',
  'referralRoutes',
  'languages',
  'continuesToIds',
  'ifFullTryIds',
];

export type FieldErrors = Partial<Record<FieldKey, string>>;

export const ROUTES: ReferralRoute[] = ['SELF', 'PROFESSIONAL', 'MUNICIPALITY', 'POLICE'];
export const MAX_ONWARD = 10;

export function emptyForm(): ListingForm {
  return {
    name: '',
    description: '',
    typeCode: '',
    targetGroupCodes: [],
    needCodes: [],
    municipalityCode: '',
    street: '',
    postalCode: '',
    city: '',
    addressConfidential: false,
    national: false,
    regionCodes: [],
    municipalityCodes: [],
    phone: '',
    professionalPhone: '',
    email: '',
    website: '',
    openingHours: '',
    open24h: false,
    anonymous: false,
    acceptsChildren: false,
    referralRoutes: [],
    minAge: '',
    maxAge: '',
    maxBoyAge: '',
    languages: [],
    wheelchair: 'unknown',
    continuesTo: [],
    ifFullTry: [],
  };
}

export function formOf(s: PartnerService): ListingForm {
  const num = (n: number | null) => (n === null ? '' : String(n));
  return {
    name: s.name,
    description: s.description ?? '',
    typeCode: s.type.code,
    targetGroupCodes: s.targetGroups.map((g) => g.code),
    needCodes: s.needs.map((n) => n.code),
    municipalityCode: s.municipality?.code ?? '',
    street: s.address?.street ?? '',
    postalCode: s.address?.postalCode ?? '',
    city: s.address?.city ?? '',
    addressConfidential: s.addressConfidential,
    national: s.coverage.national,
    regionCodes: s.coverage.regions.map((r) => r.code),
    municipalityCodes: s.coverage.municipalities.map((m) => m.code),
    phone: s.contact.phone ?? '',
    professionalPhone: s.contact.professionalPhone ?? '',
    email: s.contact.email ?? '',
    website: s.contact.website ?? '',
    openingHours: s.openingHours ?? '',
    open24h: s.open24h,
    anonymous: s.anonymous,
    acceptsChildren: s.eligibility.acceptsChildren,
    referralRoutes: [...s.referralRoutes],
    minAge: num(s.eligibility.minAge),
    maxAge: num(s.eligibility.maxAge),
    maxBoyAge: num(s.eligibility.maxBoyAge),
    languages: [...s.languages],
    wheelchair: s.wheelchairAccessible === null ? 'unknown' : s.wheelchairAccessible ? 'yes' : 'no',
    continuesTo: s.continuesTo.map(({ id, name }) => ({ id, name })),
    ifFullTry: s.ifFullTry.map(({ id, name }) => ({ id, name })),
  };
}

/** +45 and 8 digits (single spaces allowed), or a short number: the server's isDanishPhone. */
export function isDanishPhone(value: string): boolean {
  const trimmed = value.trim();
  if (/ {2}/.test(trimmed)) {
    return false;
  }
  return /^\+45 ?(\d ?){7}\d$/.test(trimmed) || /^\d{3,4}$/.test(trimmed);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const URL_PATTERN = /^https?:\/\/[^\s/$.?#][^\s]*\.[^\s]+$/i;

const wholeNumber = (text: string, max: number): number | null =>
  /^\d{1,5}$/.test(text.trim()) && Number(text.trim()) <= max ? Number(text.trim()) : null;

/** Which groups of fields differ between two forms (what a save would send). */
export type Group =
  | 'name'
  | 'description'
  | 'typeCode'
  | 'targetGroupCodes'
  | 'needCodes'
  | 'municipalityCode'
  | 'address'
  | 'addressConfidential'
  | 'coverage'
  | 'phone'
  | 'professionalPhone'
  | 'email'
  | 'website'
  | 'openingHours'
  | 'open24h'
  | 'anonymous'
  | 'acceptsChildren'
  | 'referralRoutes'
  | 'minAge'
  | 'maxAge'
  | 'maxBoyAge'
  | 'languages'
  | 'wheelchair'
  | 'continuesTo'
  | 'ifFullTry';

/** The form fields each group is made of. */
const GROUP_FIELDS: Record<Group, (keyof ListingForm)[]> = {
  name: ['name'],
  description: ['description'],
  typeCode: ['typeCode'],
  targetGroupCodes: ['targetGroupCodes'],
  needCodes: ['needCodes'],
  municipalityCode: ['municipalityCode'],
  address: ['street', 'postalCode', 'city'],
  addressConfidential: ['addressConfidential'],
  coverage: ['national', 'regionCodes', 'municipalityCodes'],
  phone: ['phone'],
  professionalPhone: ['professionalPhone'],
  email: ['email'],
  website: ['website'],
  openingHours: ['openingHours'],
  open24h: ['open24h'],
  anonymous: ['anonymous'],
  acceptsChildren: ['acceptsChildren'],
  referralRoutes: ['referralRoutes'],
  minAge: ['minAge'],
  maxAge: ['maxAge'],
  maxBoyAge: ['maxBoyAge'],
  languages: ['languages'],
  wheelchair: ['wheelchair'],
  continuesTo: ['continuesTo'],
  ifFullTry: ['ifFullTry'],
};

/** Sets compare as sets, onward lists in order (their order is the order to try them). */
function same(key: keyof ListingForm, a: ListingForm, b: ListingForm): boolean {
  const x = a[key];
  const y = b[key];
  if (Array.isArray(x) && Array.isArray(y)) {
    if (key === 'continuesTo' || key === 'ifFullTry') {
      return (
        JSON.stringify((x as Picked[]).map((p) => p.id)) ===
        JSON.stringify((y as Picked[]).map((p) => p.id))
      );
    }
    return (
      JSON.stringify([...(x as string[])].sort()) === JSON.stringify([...(y as string[])].sort())
    );
  }
  return typeof x === 'string' && typeof y === 'string' ? x.trim() === y.trim() : x === y;
}

export function changedGroups(before: ListingForm, after: ListingForm): Group[] {
  return (Object.keys(GROUP_FIELDS) as Group[]).filter((group) =>
    GROUP_FIELDS[group].some((key) => !same(key, before, after)),
  );
}

/** The newest version with the person's own changes (against what they started from) on top. */
export function overlay(newest: ListingForm, base: ListingForm, mine: ListingForm): ListingForm {
  const out: ListingForm = { ...newest };
  for (const group of changedGroups(base, mine)) {
    for (const key of GROUP_FIELDS[group]) {
      (out as unknown as Record<string, unknown>)[key] = mine[key];
    }
  }
  return out;
}

/** The Danish checks, in the server's rules, for the groups that would be sent. */
export function check(form: ListingForm, p: PartnerTexts, groups?: Group[]): FieldErrors {
  const errors: FieldErrors = {};
  const on = (g: Group) => !groups || groups.includes(g);
  const label = (key: string) => p.fields[key] ?? key;
  if (on('name')) {
    if (form.name.trim() === '') {
      errors.name = p.rules.required(label('name'));
    } else if (form.name.trim().length > 200) {
      errors.name = p.rules.tooLong(label('name'), 200);
    }
  }
  if (on('description') && form.description.trim().length > 2000) {
    errors.description = p.rules.tooLong(label('description'), 2000);
  }
  if (on('typeCode') && form.typeCode === '') {
    errors.typeCode = p.rules.required(label('typeCode'));
  }
  if (on('targetGroupCodes') && form.targetGroupCodes.length === 0) {
    errors.targetGroupCodes = p.rules.pickOne(label('targetGroupCodes'));
  }
  if (on('needCodes') && form.needCodes.length === 0) {
    errors.needCodes = p.rules.pickOne(label('needCodes'));
  }
  if (on('municipalityCode') && form.municipalityCode === '') {
    errors.municipalityCode = p.rules.municipality;
  }
  if (on('address')) {
    const parts = [form.street, form.postalCode, form.city].map((v) => v.trim());
    const filled = parts.filter((v) => v !== '').length;
    if (filled > 0 && filled < 3) {
      errors.address = p.rules.addressWhole;
    } else if (filled === 3 && !/^\d{4}$/.test(parts[1])) {
      errors.address = p.rules.postalCode;
    } else if (parts[0].length > 200) {
      errors.address = p.rules.tooLong(label('street'), 200);
    } else if (parts[2].length > 100) {
      errors.address = p.rules.tooLong(label('city'), 100);
    }
  }
  if (
    on('coverage') &&
    !form.national &&
    form.regionCodes.length === 0 &&
    form.municipalityCodes.length === 0
  ) {
    errors.coverage = p.rules.coverage;
  }
  for (const key of ['phone', 'professionalPhone'] as const) {
    if (on(key) && form[key].trim() !== '' && !isDanishPhone(form[key])) {
      errors[key] = p.rules.phone;
    }
  }
  if (on('email') && form.email.trim() !== '') {
    if (!EMAIL.test(form.email.trim())) {
      errors.email = p.rules.email;
    } else if (form.email.trim().length > 254) {
      errors.email = p.rules.tooLong(label('email'), 254);
    }
  }
  if (on('website') && form.website.trim() !== '') {
    if (!URL_PATTERN.test(form.website.trim())) {
      errors.website = p.rules.website;
    } else if (form.website.trim().length > 500) {
      errors.website = p.rules.tooLong(label('website'), 500);
    }
  }
  if (on('openingHours') && form.openingHours.trim().length > 500) {
    errors.openingHours = p.rules.tooLong(label('openingHours'), 500);
  }
  if (on('referralRoutes') && form.referralRoutes.length === 0) {
    errors.referralRoutes = p.rules.pickOne(label('referralRoutes'));
  }
  for (const key of ['minAge', 'maxAge', 'maxBoyAge'] as const) {
    if (on(key) && form[key].trim() !== '' && wholeNumber(form[key], 120) === null) {
      errors[key] = p.rules.age;
    }
  }
  if (
    (on('minAge') || on('maxAge')) &&
    !errors.minAge &&
    !errors.maxAge &&
    form.minAge.trim() !== '' &&
    form.maxAge.trim() !== '' &&
    Number(form.minAge) > Number(form.maxAge)
  ) {
    errors.minAge = p.rules.ageOrder;
  }
  for (const [group, key] of [
    ['continuesTo', 'continuesToIds'],
    ['ifFullTry', 'ifFullTryIds'],
  ] as const) {
    if (on(group) && form[group].length > MAX_ONWARD) {
      errors[key] = p.rules.tooMany(label(key), MAX_ONWARD);
    }
  }
  return errors;
}

const text = (v: string) => (v.trim() === '' ? null : v.trim());
const age = (v: string) => (v.trim() === '' ? null : Number(v.trim()));

/** Only what changed is sent: an untouched field is never rewritten (or re-validated). */
export function toUpdate(before: ListingForm, after: ListingForm): UpdateServiceInput {
  const input: UpdateServiceInput = {};
  for (const group of changedGroups(before, after)) {
    switch (group) {
      case 'name':
        input.name = after.name.trim();
        break;
      case 'address':
        input.address = text(after.street)
          ? {
              street: after.street.trim(),
              postalCode: after.postalCode.trim(),
              city: after.city.trim(),
            }
          : null;
        break;
      case 'coverage':
        input.coverage = {
          national: after.national,
          regionCodes: after.regionCodes,
          municipalityCodes: after.municipalityCodes,
        };
        break;
      case 'wheelchair':
        input.wheelchairAccessible =
          after.wheelchair === 'unknown' ? null : after.wheelchair === 'yes';
        break;
      case 'continuesTo':
        input.continuesToIds = after.continuesTo.map((s) => s.id);
        break;
      case 'ifFullTry':
        input.ifFullTryIds = after.ifFullTry.map((s) => s.id);
        break;
      case 'minAge':
      case 'maxAge':
      case 'maxBoyAge':
        input[group] = age(after[group]);
        break;
      case 'description':
      case 'phone':
      case 'professionalPhone':
      case 'email':
      case 'website':
      case 'openingHours':
        input[group] = text(after[group]);
        break;
      case 'referralRoutes':
        input.referralRoutes = after.referralRoutes as ReferralRoute[];
        break;
      case 'typeCode':
      case 'municipalityCode':
        input[group] = after[group];
        break;
      case 'targetGroupCodes':
      case 'needCodes':
      case 'languages':
        input[group] = after[group];
        break;
      case 'addressConfidential':
      case 'open24h':
      case 'anonymous':
      case 'acceptsChildren':
        input[group] = after[group];
        break;
    }
  }
  return input;
}

/** A new listing: everything the form holds (onward referrals are set by a save afterwards). */
export function toCreate(form: ListingForm, organisationId: string): CreateServiceInput {
  const all = toUpdate(emptyForm(), form);
  return {
    organisationId,
    name: form.name.trim(),
    typeCode: form.typeCode,
    targetGroupCodes: form.targetGroupCodes,
    needCodes: form.needCodes,
    municipalityCode: form.municipalityCode,
    referralRoutes: form.referralRoutes as ReferralRoute[],
    coverage: {
      national: form.national,
      regionCodes: form.regionCodes,
      municipalityCodes: form.municipalityCodes,
    },
    description: all.description,
    address: all.address,
    addressConfidential: form.addressConfidential,
    phone: all.phone,
    professionalPhone: all.professionalPhone,
    email: all.email,
    website: all.website,
    openingHours: all.openingHours,
    open24h: form.open24h,
    anonymous: form.anonymous,
    acceptsChildren: form.acceptsChildren,
    minAge: all.minAge,
    maxAge: all.maxAge,
    maxBoyAge: all.maxBoyAge,
    languages: form.languages,
    wheelchairAccessible: form.wheelchair === 'unknown' ? null : form.wheelchair === 'yes',
  };
}

/** The form field an input path names (`input.coverage.regionCodes`, `address.postalCode`). */
function fieldOfPath(path: string): FieldKey | null {
  const parts = path.replace(/^input\./, '').split('.');
  const first = parts[0];
  if (first === 'coverage') {
    return 'coverage';
  }
  if (first === 'address' || first === 'addressConfidential') {
    return 'address';
  }
  if (first === 'wheelchairAccessible') {
    return 'form';
  }
  return FIELD_ORDER.find((f) => f === first) ?? null;
}

/** The Danish sentence for a field the server refused (its own message is English). */
function sentenceFor(field: FieldKey, problem: string, error: ApiError, p: PartnerTexts): string {
  const label = (key: string) => p.fields[key] ?? key;
  const argument = typeof error.extensions.argument === 'string' ? error.extensions.argument : '';
  if (Array.isArray(error.extensions.unknownIds)) {
    return p.rules.onwardGone;
  }
  if (/refer onward to itself/.test(problem)) {
    return p.rules.onwardSelf;
  }
  if (Array.isArray(error.extensions.unknownCodes) || /^Unknown .* code/.test(problem)) {
    return p.rules.unknownCode(label(field));
  }
  if (argument === 'input.minAge' || /minAge must not be greater/.test(problem)) {
    return p.rules.ageOrder;
  }
  if (/postalCode/.test(problem)) {
    return p.rules.postalCode;
  }
  if (/must not be greater than totalPlaces/.test(problem)) {
    return p.rules.freeOverTotal;
  }
  if (/must be shorter than or equal to (\d+)/.test(problem)) {
    const max = Number(/(\d+) characters/.exec(problem)?.[1] ?? '0');
    return p.rules.tooLong(label(field), max);
  }
  if (/must contain no more than (\d+)/.test(problem)) {
    const max = Number(/no more than (\d+)/.exec(problem)?.[1] ?? '0');
    return p.rules.tooMany(label(field), max);
  }
  const byField: Partial<Record<FieldKey, string>> = {
    phone: p.rules.phone,
    professionalPhone: p.rules.phone,
    email: p.rules.email,
    website: p.rules.website,
    minAge: p.rules.age,
    maxAge: p.rules.age,
    maxBoyAge: p.rules.age,
    coverage: p.rules.coverage,
    municipalityCode: p.rules.municipality,
    targetGroupCodes: p.rules.pickOne(label('targetGroupCodes')),
    needCodes: p.rules.pickOne(label('needCodes')),
    referralRoutes: p.rules.pickOne(label('referralRoutes')),
    name: p.rules.required(label('name')),
    address: p.rules.addressWhole,
  };
  return byField[field] ?? p.rules.invalid(label(field));
}

/**
 * A BAD_USER_INPUT answer as Danish sentences next to the fields it names: the validator's
 * `problems` start with the property (`phone must be …`), the API's own checks name an
 * `argument` (`input.minAge`). Anything that names no field is said for the whole form.
 */
export function serverErrors(error: ApiError, p: PartnerTexts): FieldErrors {
  const errors: FieldErrors = {};
  const problems = Array.isArray(error.extensions.problems)
    ? error.extensions.problems.filter((x): x is string => typeof x === 'string')
    : [];
  const say = (field: FieldKey | null, problem: string) => {
    const key = field ?? 'form';
    if (!errors[key]) {
      errors[key] =
        key === 'form'
          ? /cannot be cleared/.test(problem)
            ? p.rules.cannotClear
            : p.unknownError
          : sentenceFor(key, problem, error, p);
    }
  };
  if (problems.length > 0) {
    for (const problem of problems) {
      say(fieldOfPath(problem.split(' ')[0]), problem);
    }
    return errors;
  }
  const argument = typeof error.extensions.argument === 'string' ? error.extensions.argument : '';
  say(argument ? fieldOfPath(argument) : null, error.message);
  return errors;
}

/** Any error as one Danish sentence (for the places report, the confirm button, the keys). */
export function describe(error: unknown, p: PartnerTexts): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'UNAUTHENTICATED':
        return p.unauthenticated;
      case 'FORBIDDEN':
        return error.extensions.reason === 'TOO_MANY_FLAGS' ? p.tooManyFlags : p.forbidden;
      case 'NOT_FOUND':
        return p.notFound;
      case 'NETWORK':
        return p.network;
      case 'STALE_VERSION':
        return p.staleTitle;
      case 'BAD_USER_INPUT': {
        const errors = serverErrors(error, p);
        const first = FIELD_ORDER.find((f) => errors[f]);
        return (first ? errors[first] : errors.form) ?? p.unknownError;
      }
    }
  }
  return p.unknownError;
}
