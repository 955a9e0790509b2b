import { Service } from '../catalogue/models/service.model';
import { helpers, prng } from '../../test/support/synthetic-network';
import { geo, listing, NOW, tax } from '../../test/support/referral-fixtures';
import { ReferralInput } from './dto/referral.input';
import { DirectEvaluations, selectReferral } from '../../test/support/reference-evaluator';
import { candidateCodes, needsBeyondArea } from './candidates';
import { RankingContext, referralCriteria } from './criteria';
import { Evaluations, Evaluator } from './evaluations';
import { Language } from './models/referral.model';
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
        ...(chance(0.25)
          ? { keepAwayFrom: some(geo.municipalities, 1, 2).map((m) => m.code) }
          : {}),
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
