import { Service } from '../catalogue/models/service.model';
import { helpers, prng } from '../../test/support/synthetic-network';
import { geo, listing, NOW, tax } from '../../test/support/referral-fixtures';
import { ReferralInput } from './dto/referral.input';
import {
  compareOptions,
  DirectEvaluations,
  selectReferral,
} from '../../test/support/reference-evaluator';
import { candidateCodes, needsBeyondArea } from './candidates';
import { RankingContext, referralCriteria } from './criteria';
import { Evaluated } from './evaluation';
import { Evaluations, Evaluator } from './evaluations';
import { firstInOrder } from './first-in-order';
import { Availability, CoverageMatch, Language } from './models/referral.model';
import { compareNames, sortOptions } from './order';
import { renderPlan, selectPlan } from './referral-plan';
import { optionRenderer, renderReferral } from './rendering';

/*
 * The request's evaluations (each row assessed once, rankings ordered only as far as asked,
 * options ordered on keys read once) answer exactly as the straightforward evaluator does.
 */

const ctx = (language: Language): RankingContext => ({
  taxonomy: tax,
  geography: geo,
  now: NOW,
  availabilityFreshHours: 48,
  language,
});

function network(seed: number, count: number): Service[] {
  const random = prng(seed);
  const { pick, some, chance } = helpers(random);
  const groups = tax.targetGroups.nodes.map((g) => g.code);
  const needs = tax.needs.nodes.map((n) => n.code);
  const municipalities = geo.municipalities.map((m) => m.code);
  const regions = [...new Set(geo.municipalities.map((m) => m.regionCode))];
  const ids = Array.from({ length: count }, (_, i) => `s${String(i).padStart(4, '0')}`);
  return ids.map((id) => {
    const hours = Math.floor(random() * 100);
    return listing(id, {
      name: `${pick(['Krisecenter', 'Rådgivning', 'Æblehaven', 'Øst', 'Ålholm'])} ${pick(['A', 'B', 'C'])}`,
      municipalityCode: pick(municipalities),
      targetGroupCodes: some(groups, 1, 3).sort(),
      needCodes: some(needs, 1, 4).sort(),
      coverage: {
        national: chance(0.05),
        regionCodes: chance(0.15) ? [pick(regions)] : [],
        municipalityCodes: chance(0.2) ? some(municipalities, 1, 3).sort() : [],
      },
      eligibility: {
        minAge: chance(0.3) ? 18 : null,
        maxAge: chance(0.1) ? 30 : null,
        acceptsChildren: chance(0.5),
        maxBoyAge: chance(0.3) ? 12 : null,
      },
      languages: some(['da', 'en', 'ar', 'tr'], 1, 3).sort(),
      wheelchairAccessible: chance(0.3) ? null : chance(0.5),
      capacity: chance(0.5)
        ? {
            totalPlaces: 6,
            freePlaces: chance(0.4) ? 0 : Math.floor(random() * 4),
            reportedAt: new Date(NOW.getTime() - hours * 3_600_000),
          }
        : null,
      continuesToIds: chance(0.2) ? some(ids, 1, 2) : [],
      ifFullTryIds: chance(0.3) ? some(ids, 1, 2) : [],
    });
  });
}

describe('Evaluations give what DirectEvaluations give', () => {
  const services = network(7, 400);
  const byId = new Map(services.map((s) => [s.id, s]));
  const random = prng(11);
  const { pick, some, chance } = helpers(random);
  const groups = tax.targetGroups.nodes.map((g) => g.code);
  const needs = tax.needs.nodes.map((n) => n.code);

  it('for 150 random requests: needs beyond the area, the referral and the plan', () => {
    for (let i = 0; i < 150; i++) {
      const like = pick(services);
      const children = chance(0.3) ? some([1, 3, 6, 9, 12, 14, 16], 1, 3) : [];
      const input = Object.assign(new ReferralInput(), {
        targetGroupCodes: [...new Set([pick(like.targetGroupCodes), ...some(groups, 0, 1)])],
        needCodes: [...new Set([pick(like.needCodes), ...some(needs, 0, 2)])],
        ...(chance(0.85) ? { municipalityCode: pick(geo.municipalities).code } : {}),
        age: chance(0.5) ? 10 + Math.floor(random() * 60) : undefined,
        accompanyingChildren: children,
        accompanyingBoys: chance(0.5) ? some(children, 0, children.length) : undefined,
        languages: chance(0.3) ? some(['da', 'en', 'ar'], 1, 2) : undefined,
        wheelchair: chance(0.2),
        selfReferralOnly: chance(0.15),
        limit: 1 + Math.floor(random() * 12),
      });
      const c = ctx(i % 2 === 0 ? Language.DA : Language.EN);
      const criteria = referralCriteria(input, tax, geo);
      const codes = candidateCodes(criteria, c);
      const groupSet = new Set(codes.targetGroupCodes);
      const needSet = new Set(codes.needCodes);
      const candidates = services.filter(
        (s) =>
          s.targetGroupCodes.some((g) => groupSet.has(g)) &&
          s.needCodes.some((n) => needSet.has(n)),
      );
      const answer = (evaluations: () => Evaluator) => {
        const selection = selectReferral(candidates, criteria, c, evaluations());
        const plan = selectPlan(candidates, criteria, selection, c, evaluations());
        return {
          beyond: needsBeyondArea(candidates, criteria, c, evaluations()),
          referral: renderReferral(selection, byId, criteria, c),
          plan: renderPlan(plan, optionRenderer(byId, criteria, c), criteria, c),
        };
      };
      expect({ i, ...answer(() => new Evaluations()) }).toEqual({
        i,
        ...answer(() => new DirectEvaluations()),
      });
    }
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
