import { Service } from '../catalogue/models/service.model';
import { Evaluated } from './evaluation';
import { firstInOrder } from './first-in-order';
import { Availability, CoverageMatch } from './models/referral.model';
import { compareNames, scoreOf, sortOptions } from './order';
import { compareOptions } from '../../test/support/reference-evaluator';
import { listing } from '../../test/support/referral-fixtures';
import { helpers, prng } from '../../test/support/synthetic-network';

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
    fit: 0,
    stay: true,
    rape: false,
    away: false,
    languages: [],
    ...over,
  });
  const order = (list: Evaluated[]) => [...list].sort(compareOptions).map((e) => e.service.id);

  it('puts a service near a place to keep away from after all others, even one meeting more', () => {
    const near = ev('near', { needs: [...ev('x').needs, { code: 'housing', partlyVia: null }] });
    expect(
      order([{ ...near, away: true }, ev('far', { coverage: CoverageMatch.NATIONAL })]),
    ).toEqual(['far', 'near']);
  });

  it('puts the service made for the need before one that also offers it (fit)', () => {
    const shelter = ev('shelter', { fit: 1, coverage: CoverageMatch.MUNICIPALITY });
    const counselling = ev('counselling', { coverage: CoverageMatch.NATIONAL });
    expect(order([shelter, counselling])).toEqual(['counselling', 'shelter']);
    expect(sortOptions([shelter, counselling]).map((e) => e.service.id)).toEqual([
      'counselling',
      'shelter',
    ]);
  });

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

describe('ordering', () => {
  const random = prng(3);
  const { pick, chance } = helpers(random);
  const options = (n: number): Evaluated<Service>[] =>
    Array.from({ length: n }, (_, i) => ({
      service: listing(`x${i}`, { name: pick(['Aa', 'Å', 'Æble', 'Øst', 'aa']) }),
      groupCodes: [],
      servedVia: [],
      needs: Array.from({ length: 1 + Math.floor(random() * 2) }, () => ({
        code: 'safety',
        partlyVia: null,
      })),
      coverage: pick(Object.values(CoverageMatch)),
      distanceKm: chance(0.2) ? null : pick([0, 5.5, 12, 80]),
      availability: pick(Object.values(Availability)),
      placesMatter: chance(0.5),
      fit: pick([0, 0, 1, 2]),
      stay: chance(0.5),
      rape: chance(0.2),
      away: chance(0.2),
      languages: chance(0.3) ? ['en'] : [],
    }));

  it('sortOptions orders as compareOptions', () => {
    for (let round = 0; round < 20; round++) {
      const list = options(60);
      expect(sortOptions(list).map((e) => e.service.id)).toEqual(
        [...list].sort(compareOptions).map((e) => e.service.id),
      );
    }
  });

  it('firstInOrder gives the first n kept, as filter, sort and slice do', () => {
    for (let round = 0; round < 20; round++) {
      const list = options(50);
      const keep = (e: Evaluated<Service>) => e.availability !== Availability.FULL;
      for (const n of [0, 1, 3, 10, 100]) {
        expect(firstInOrder(list, n, keep, compareOptions)).toEqual(
          list.filter(keep).sort(compareOptions).slice(0, n),
        );
      }
    }
  });

  it('compareNames orders as localeCompare(other, "da"), then by id, as names keep coming', () => {
    const sign = (x: number): number => Math.sign(x);
    const names = ['a', 'b', 'Aa', 'aa', 'Å', 'å', 'Æble', 'æble', 'Øst', 'øst', 'O', 'Z', ''];
    // each one just after 'a' and before the one before: no number is left between them soon
    for (let i = 80; i > 0; i--) {
      names.push(`a${'z'.repeat(i)}`);
    }
    for (let i = 0; i < 200; i++) {
      names.push(
        Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
          pick(['a', 'A', 'aa', 'å', 'Å', 'æ', 'ø', 'z', ' ', '-', '1']),
        ).join(''),
      );
    }
    const row = (name: string, id: string) => listing(id, { name });
    // met in this order first
    names.forEach((n) => compareNames(row(n, 'x1'), row('a', 'x1')));
    for (let i = 0; i < 3000; i++) {
      const a = row(pick(names), pick(['x1', 'x2']));
      const b = row(pick(names), pick(['x1', 'x2']));
      const expected =
        sign(a.name.localeCompare(b.name, 'da')) || sign(a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      expect([a.name, a.id, b.name, b.id, sign(compareNames(a, b))]).toEqual([
        a.name,
        a.id,
        b.name,
        b.id,
        expected,
      ]);
    }
  });
});
