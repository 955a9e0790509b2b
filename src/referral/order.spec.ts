import { Evaluated } from './evaluation';
import { Availability, CoverageMatch } from './models/referral.model';
import { scoreOf } from './order';
import { compareOptions } from '../../test/support/reference-evaluator';
import { listing } from '../../test/support/referral-fixtures';

const svc = listing;

describe('compareOptions and scoreOf', () => {
  const ev = (id: string, over: Partial<Evaluated> = {}): Evaluated => ({
    service: svc(id, { name: over.service?.name ?? 'Same' }),
    groupCodes: ['women'],
    servedVia: ['women'],
    needs: [{ code: 'social-counselling', partlyVia: null }],
    coverage: CoverageMatch.REGION,
    distanceKm: 10,
    availability: Availability.UNKNOWN,
    placesMatter: true,
    languages: [],
    ...over,
  });
  const order = (list: Evaluated[]) => [...list].sort(compareOptions).map((e) => e.service.id);

  it('does not rank a service down for having no places to report', () => {
    const noPlaces = ev('team', { placesMatter: false, coverage: CoverageMatch.REGION });
    const shelter = ev('shelter', {
      availability: Availability.AVAILABLE,
      coverage: CoverageMatch.NATIONAL,
    });
    const unknownStay = ev('stay', { coverage: CoverageMatch.MUNICIPALITY });
    expect(order([unknownStay, shelter, noPlaces])).toEqual(['team', 'shelter', 'stay']);
    // equal in every other key, a confirmed free place comes first
    const localTeam = ev('a-team', { placesMatter: false });
    const localShelter = ev('b-shelter', { availability: Availability.AVAILABLE });
    expect(order([localTeam, localShelter])).toEqual(['b-shelter', 'a-team']);
  });

  it('ranks by needs met, availability, coverage, language, distance, name, id', () => {
    const two = [
      { code: 'social-counselling', partlyVia: null },
      { code: 'divorce', partlyVia: null },
    ];
    const list = [
      ev('id-b'),
      ev('id-a'),
      ev('named', { service: svc('named', { name: 'Abc' }) }),
      ev('near', { distanceKm: 2 }),
      ev('lang', { languages: ['ar'], distanceKm: 90 }),
      ev('muni', { coverage: CoverageMatch.MUNICIPALITY, distanceKm: 99 }),
      ev('national', { coverage: CoverageMatch.NATIONAL, distanceKm: 0 }),
      ev('stale', { availability: Availability.STALE, distanceKm: 1 }),
      ev('full', { availability: Availability.FULL, coverage: CoverageMatch.MUNICIPALITY }),
      ev('free', { availability: Availability.AVAILABLE, coverage: CoverageMatch.OUTSIDE_AREA }),
      ev('two', { needs: two, availability: Availability.FULL }),
    ];
    const expected = [
      'two',
      'free',
      'muni',
      'lang',
      'stale',
      'near',
      'named',
      'id-a',
      'id-b',
      'national',
      'full',
    ];
    expect(order(list)).toEqual(expected);
    expect(order([...list].reverse())).toEqual(expected);
    // the score orders the same way down to distance
    const scores = expected.map((id) =>
      scoreOf(list.find((e) => e.service.id === id) as Evaluated),
    );
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
});
