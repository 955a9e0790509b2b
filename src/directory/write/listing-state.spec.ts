import { diffStates } from '../../audit/audit-diff';
import { AppError, ErrorCode } from '../../common/app-error';
import {
  assertListingRules,
  assertPlaces,
  auditState,
  changedFields,
  ListingState,
  splitState,
} from './listing-state';

const base: ListingState = {
  name: 'Krisecenter',
  description: null,
  typeCode: 'shelter',
  targetGroupCodes: ['women', 'victims'],
  needCodes: ['shelter'],
  coverage: { national: false, regionCodes: ['1084'], municipalityCodes: [] },
  municipalityCode: '101',
  addressStreet: null,
  addressPostalCode: null,
  addressCity: null,
  addressConfidential: true,
  phone: null,
  professionalPhone: null,
  email: null,
  website: null,
  openingHours: null,
  open24h: true,
  minAge: 18,
  maxAge: null,
  acceptsChildren: true,
  maxBoyAge: 12,
  languages: ['da'],
  wheelchairAccessible: null,
  anonymous: false,
  referralRoutes: ['SELF'],
  continuesToIds: ['a', 'b'],
  ifFullTryIds: [],
};

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? `${error.code} ${error.message}` : 'not an AppError';
  }
  return undefined;
}

describe('changedFields', () => {
  it('keeps only the fields that differ, lists compared as sets', () => {
    expect(
      changedFields(base, {
        name: 'Krisecenter',
        targetGroupCodes: ['victims', 'women'],
        minAge: 16,
        phone: null,
      }),
    ).toEqual({ minAge: 16 });
  });

  it('compares onward referrals in order: a reordering is a change', () => {
    expect(changedFields(base, { continuesToIds: ['b', 'a'] })).toEqual({
      continuesToIds: ['b', 'a'],
    });
    expect(changedFields(base, { continuesToIds: ['a', 'b'] })).toEqual({});
  });

  it('compares coverage as one value, its codes as sets, and writes it whole', () => {
    expect(
      changedFields(base, {
        coverage: { national: false, regionCodes: ['1084'], municipalityCodes: [] },
      }),
    ).toEqual({});
    expect(
      changedFields(base, {
        coverage: { national: false, regionCodes: ['1084'], municipalityCodes: ['147'] },
      }),
    ).toEqual({ coverage: { national: false, regionCodes: ['1084'], municipalityCodes: ['147'] } });
  });

  it('writes a cleared value as null', () => {
    expect(changedFields(base, { maxBoyAge: null, languages: [] })).toEqual({
      maxBoyAge: null,
      languages: [],
    });
  });
});

describe('auditState', () => {
  it('renders onward referrals as text in order, other lists as they are', () => {
    expect(
      auditState({ continuesToIds: ['b', 'a'], ifFullTryIds: [], languages: ['da', 'ar'] }),
    ).toEqual({ continuesToIds: 'b, a', ifFullTryIds: null, languages: ['da', 'ar'] });
  });

  it('audits exactly what an update writes: the changed fields, from the stored state', () => {
    const changed = changedFields(base, {
      name: 'Krisecenter',
      targetGroupCodes: ['victims', 'women'],
      continuesToIds: ['b', 'a'],
      minAge: null,
    });
    expect(diffStates(auditState(base), auditState(changed))).toEqual([
      { field: 'minAge', from: '18', to: null },
      { field: 'continuesToIds', from: 'a, b', to: 'b, a' },
    ]);
  });
});

describe('splitState', () => {
  it('puts relationship codes apart from node properties', () => {
    expect(
      splitState({
        name: 'x',
        typeCode: 'shelter',
        coverage: { national: false, regionCodes: ['1084'], municipalityCodes: [] },
        open24h: false,
      }),
    ).toEqual({
      properties: { name: 'x', open24h: false },
      relations: {
        typeCode: 'shelter',
        coverage: { national: false, regionCodes: ['1084'], municipalityCodes: [] },
      },
    });
  });
});

describe('assertListingRules', () => {
  it('rejects minAge above maxAge when either is touched', () => {
    const next = { ...base, maxAge: 17 };
    expect(codeOf(() => assertListingRules(next, { maxAge: 17 }))).toBe(
      `${ErrorCode.BAD_USER_INPUT} minAge must not be greater than maxAge.`,
    );
    // An old listing is not blocked by a rule about fields nobody is editing.
    expect(codeOf(() => assertListingRules(next, { name: 'y' }))).toBeUndefined();
  });

  it('requires some coverage when coverage is touched', () => {
    const none = { national: false, regionCodes: [], municipalityCodes: [] };
    const next = { ...base, coverage: none };
    expect(codeOf(() => assertListingRules(next, { coverage: none }))).toBe(
      `${ErrorCode.BAD_USER_INPUT} coverage must be national or name at least one region or municipality.`,
    );
    const national = { ...none, national: true };
    expect(
      codeOf(() => assertListingRules({ ...next, coverage: national }, { coverage: national })),
    ).toBeUndefined();
  });
});

describe('assertPlaces', () => {
  it('allows free up to total', () => {
    expect(codeOf(() => assertPlaces(3, 3))).toBeUndefined();
    expect(codeOf(() => assertPlaces(4, 3))).toBe(
      `${ErrorCode.BAD_USER_INPUT} freePlaces must not be greater than totalPlaces.`,
    );
  });
});
