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

  it('judges a child’s step by the children who come along, not the person’s age', () => {
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

  it('matches a child’s step on the children, at home or coming along, never on the mother', () => {
    const forWomen = svc('women-child-psych', {
      targetGroupCodes: ['women'],
      needCodes: ['child-psychological-treatment'],
    });
    const small = svc('small-children', {
      targetGroupCodes: ['children'],
      needCodes: ['child-psychological-treatment'],
      eligibility: { minAge: 0, maxAge: 5, acceptsChildren: false, maxBoyAge: null },
    });
    const c = criteria({ needCodes: ['social-counselling'], age: 30, childrenAtHome: [2] });
    const plan = selectPlan(
      [forWomen, small],
      c,
      selectReferral([forWomen, small], c, ctx),
      ctx,
      new DirectEvaluations(),
    );
    expect(
      plan.phases.map((p) =>
        p.steps.map((s) => [s.code, s.notes, s.options.map((o) => o.option.service.id)]),
      ),
    ).toEqual([[['child-psychological-treatment', ['CHILDREN_AT_HOME'], ['small-children']]]]);
    // a child of 9 at home is past that service's limit
    expect(steps([forWomen, small], { ...c, childrenAtHome: [9] })).toEqual([
      ['SUPPORT', [['child-psychological-treatment', []]]],
    ]);
  });

  it('never offers a service made for perpetrators in a victim’s plan, and says family treatment comes after safety', () => {
    const programme = svc('programme', {
      typeCode: 'perpetrator-programme',
      targetGroupCodes: ['perpetrators', 'families'],
      needCodes: ['perpetrator-treatment', 'family-treatment'],
    });
    const family = svc('family', {
      targetGroupCodes: ['families'],
      needCodes: ['family-treatment'],
    });
    const c = criteria({ needCodes: ['stay-with-children'], accompanyingChildren: [4] });
    const plan = selectPlan(
      [programme, family],
      c,
      selectReferral([programme, family], c, ctx),
      ctx,
      new DirectEvaluations(),
    );
    const step = plan.phases[0].steps.find((x) => x.code === 'family-treatment');
    expect(step?.options.map((o) => o.option.service.id)).toEqual(['family']);
    expect(step?.notes).toEqual(['AFTER_SAFETY']);
  });

  it('answers aftercare where the person lives: listed local services, then the municipality, never a shelter across the country', () => {
    const farShelter = svc('far-shelter', {
      municipalityCode: '101',
      coverage: { national: true, regionCodes: [], municipalityCodes: [] },
      targetGroupCodes: ['women'],
      needCodes: ['emergency-stay', 'work-and-education', 'danish-language'],
    });
    const localLessons = svc('local-lessons', { needCodes: ['danish-language'] });
    const c = criteria({ needCodes: ['emergency-stay'], languages: ['ar'] });
    const plan = selectPlan(
      [farShelter, localLessons],
      c,
      selectReferral([farShelter, localLessons], c, ctx),
      ctx,
      new DirectEvaluations(),
    );
    expect(
      plan.phases
        .flatMap((p) => p.steps)
        .map((x) => [x.code, x.options.map((o) => o.option.service.id), x.municipal]),
    ).toEqual([
      ['housing', [], 'HOUSING_ALLOCATION'],
      ['work-and-education', [], 'JOB_CENTRE'],
      ['danish-language', ['local-lessons'], 'LANGUAGE_CENTRE'],
      ['authority-contact', [], 'CITIZEN_SERVICE'],
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
