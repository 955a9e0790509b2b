import { Availability, CoverageMatch } from './models/referral.model';
import { availabilityOf, coverageOf } from './place';
import { geo, listing, NOW, placeIn } from '../../test/support/referral-fixtures';

const HOURS_AGO = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const svc = listing;

describe('coverageOf', () => {
  const odense = placeIn('461');
  it.each([
    ['located in the municipality', svc('a'), CoverageMatch.MUNICIPALITY],
    [
      'covering the municipality',
      svc('b', {
        municipalityCode: '851',
        coverage: { national: false, regionCodes: [], municipalityCodes: ['461'] },
      }),
      CoverageMatch.MUNICIPALITY,
    ],
    [
      'covering the region',
      svc('c', {
        municipalityCode: '851',
        coverage: { national: true, regionCodes: ['1083'], municipalityCodes: [] },
      }),
      CoverageMatch.REGION,
    ],
    [
      'located elsewhere in the region',
      svc('d', { municipalityCode: '479' }),
      CoverageMatch.REGION,
    ],
    [
      'national',
      svc('e', {
        municipalityCode: '851',
        coverage: { national: true, regionCodes: [], municipalityCodes: [] },
      }),
      CoverageMatch.NATIONAL,
    ],
    ['outside', svc('f', { municipalityCode: '851' }), CoverageMatch.OUTSIDE_AREA],
  ])('%s', (_label, service, expected) => {
    expect(coverageOf(service, odense, geo)).toBe(expected);
  });

  it('without a place only national counts', () => {
    expect(coverageOf(svc('a'), null, geo)).toBe(CoverageMatch.OUTSIDE_AREA);
    expect(
      coverageOf(
        svc('n', { coverage: { national: true, regionCodes: [], municipalityCodes: [] } }),
        null,
        geo,
      ),
    ).toBe(CoverageMatch.NATIONAL);
  });
});

describe('availabilityOf', () => {
  const cap = (freePlaces: number | null, reportedAt: Date | null) =>
    svc('x', { capacity: { totalPlaces: 10, freePlaces, reportedAt } });
  it.each([
    ['no capacity', svc('x'), Availability.UNKNOWN],
    ['free places not given', cap(null, HOURS_AGO(1)), Availability.UNKNOWN],
    ['fresh with room', cap(2, HOURS_AGO(1)), Availability.AVAILABLE],
    ['fresh and full', cap(0, HOURS_AGO(23)), Availability.FULL],
    ['old with room', cap(2, HOURS_AGO(25)), Availability.STALE],
    ['old and full', cap(0, HOURS_AGO(48)), Availability.STALE],
    ['undated', cap(3, null), Availability.STALE],
  ])('%s', (_label, service, expected) => {
    expect(availabilityOf(service, NOW, 24, true)).toBe(expected);
  });

  it('says nothing of places for a service that neither offers a stay nor reports places', () => {
    expect(availabilityOf(svc('x'), NOW, 24, false)).toBe(Availability.NO_PLACES);
    expect(availabilityOf(cap(2, HOURS_AGO(1)), NOW, 24, false)).toBe(Availability.AVAILABLE);
  });
});
