import { Service } from '../catalogue/models/service.model';
import { ReferralCriteria } from './criteria';
import { DirectEvaluations, selectReferral } from '../../test/support/reference-evaluator';
import { criteriaIn, listing, NOW, rankingContext } from '../../test/support/referral-fixtures';
import { declaredToLoad, selectPlan, stepCriteria } from './referral-plan';

const svc = (id: string, over: Partial<Service> = {}): Service =>
  listing(id, {
    municipalityCode: '851',
    coverage: { national: false, regionCodes: [], municipalityCodes: ['851'] },
    ...over,
  });

const criteria = (over: Partial<ReferralCriteria> = {}): ReferralCriteria =>
  criteriaIn('851', { needCodes: ['acute-examination-after-rape'], ...over });
const ctx = rankingContext();

const steps = (candidates: Service[], c: ReferralCriteria) =>
  selectPlan(
    candidates,
    c,
    selectReferral(candidates, c, ctx),
    ctx,
    new DirectEvaluations(),
  ).phases.map((p) => [
    p.phase,
    p.steps.map((s) => [s.code, s.options.map((o) => o.option.service.id)]),
  ]);

describe('selectPlan', () => {
  const rape = svc('rape', { needCodes: ['acute-examination-after-rape'] });
  const psych = svc('psych', { needCodes: ['psychological-treatment'] });
  const legal = svc('legal', { needCodes: ['legal-advice'] });

  it('follows the chain, each step with its options', () => {
    expect(steps([rape, psych, legal], criteria())).toEqual([
      [
        'SUPPORT',
        [
          ['psychological-treatment', ['psych']],
          ['legal-advice', ['legal']],
        ],
      ],
    ]);
  });

  it('follows declared onward referrals once each: a cycle ends', () => {
    const a = { ...rape, continuesToIds: ['b'] };
    const b = svc('b', { needCodes: ['network-support'], continuesToIds: ['a2', 'rape'] });
    const a2 = svc('a2', { needCodes: ['divorce'], continuesToIds: ['b'] });
    expect(steps([a, b, a2, psych, legal], criteria())).toEqual([
      [
        'SUPPORT',
        [
          ['psychological-treatment', ['psych']],
          ['legal-advice', ['a2', 'legal']],
          ['network-support', ['b']],
        ],
      ],
    ]);
  });

  it('judges a service for children by the children who come along, not the person’s age', () => {
    const stayWithChildren = svc('shelter', {
      needCodes: ['emergency-stay', 'stay-with-children'],
      targetGroupCodes: ['women'],
      eligibility: { minAge: 18, maxAge: null, acceptsChildren: true, maxBoyAge: null },
    });
    const childPsych = svc('child-psych', {
      targetGroupCodes: ['children'],
      needCodes: ['child-psychological-treatment'],
      eligibility: { minAge: 3, maxAge: 17, acceptsChildren: false, maxBoyAge: null },
    });
    const teen = svc('teen-psych', {
      targetGroupCodes: ['children'],
      needCodes: ['child-psychological-treatment'],
      eligibility: { minAge: 13, maxAge: 17, acceptsChildren: false, maxBoyAge: null },
    });
    const c = criteria({
      needCodes: ['emergency-stay', 'stay-with-children'],
      age: 35,
      accompanyingChildren: [6],
    });
    const plan = steps([stayWithChildren, childPsych, teen], c);
    expect(plan[0]).toEqual([
      'SUPPORT',
      [
        ['child-psychological-treatment', ['child-psych']],
        ['family-treatment', []], // a step nothing meets is still said
      ],
    ]);
  });

  it('widens the steps to the household when children come along, never for a perpetrator', () => {
    expect(stepCriteria(criteria({ accompanyingChildren: [3] }), ctx).targetGroupCodes).toEqual([
      'women',
      'children',
      'families',
    ]);
    expect(
      stepCriteria(criteria({ targetGroupCodes: ['perpetrators'], age: 16 }), ctx).targetGroupCodes,
    ).toEqual(['perpetrators']);
    expect(stepCriteria(criteria(), ctx).targetGroupCodes).toEqual(['women']);
  });
});

describe('declaredToLoad', () => {
  it('asks only for targets the area does not hold: if-full ones of full services, and continuations for a plan', () => {
    const full = svc('full', {
      capacity: { totalPlaces: 2, freePlaces: 0, reportedAt: NOW },
      ifFullTryIds: ['far', 'near'],
      continuesToIds: ['next'],
    });
    const near = svc('near', { ifFullTryIds: ['unused'] });
    expect(declaredToLoad([full, near], false, ctx)).toEqual({
      declaredIds: ['far'],
      followFromIds: [],
    });
    expect(declaredToLoad([full, near], true, ctx)).toEqual({
      declaredIds: ['far', 'next'],
      followFromIds: ['next'],
    });
  });
});
