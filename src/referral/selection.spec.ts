import { candidateCodes } from './candidates';
import { ReferralCriteria } from './criteria';
import { CoverageMatch } from './models/referral.model';
import { selectCoveringNeeds } from './selection';
import { buildReferral } from '../../test/support/reference-evaluator';
import {
  criteriaIn,
  listing,
  placeIn,
  rankingContext,
  tax,
} from '../../test/support/referral-fixtures';

// The canonical reference data from the seed, so the rules are tested on the real hierarchies.
const svc = listing;
const criteria = (over: Partial<ReferralCriteria> = {}): ReferralCriteria =>
  criteriaIn('461', over);
const ctx = rankingContext;

describe('buildReferral', () => {
  const national = { national: true, regionCodes: [], municipalityCodes: [] };
  const rape = (id: string, municipalityCode: string) =>
    svc(id, { name: id, municipalityCode, needCodes: ['acute-examination-after-rape'] });

  it('uses outside services only for needs the area does not meet, nearest first, and lists them', () => {
    const c = criteria({ needCodes: ['social-counselling', 'acute-examination-after-rape'] });
    const candidates = [
      svc('local', { name: 'local' }),
      svc('far-counselling', { name: 'far-counselling', municipalityCode: '851' }),
      rape('aalborg', '851'),
      rape('aarhus', '751'),
    ];
    const r = buildReferral(candidates, c, ctx());
    expect(r.options.map((o) => [o.service.id, o.rank, o.coverage])).toEqual([
      ['local', 1, CoverageMatch.MUNICIPALITY],
      ['aarhus', 2, CoverageMatch.OUTSIDE_AREA],
      ['aalborg', 3, CoverageMatch.OUTSIDE_AREA],
    ]);
    expect(r.unmetNeeds.map((u) => [u.need.code, u.nearest?.service.id])).toEqual([
      ['acute-examination-after-rape', 'aarhus'],
    ]);
    expect(r.unmetNeeds[0].nearest?.distanceKm).toBe(r.options[1].distanceKm);
    expect(r.options[1].reasons[1]).toBe(
      'Uden for området: intet i området hjælper med akut undersøgelse efter voldtægt',
    );
    expect(r.byNeed.map((b) => [b.need.code, b.options.map((o) => o.service.id)])).toEqual([
      ['social-counselling', ['local']],
      ['acute-examination-after-rape', ['aarhus', 'aalborg']],
    ]);
    expect(r.guidance.map((g) => g.code)).toEqual(['RAPE_ACUTE_EXAMINATION', 'VICTIMS_COUNSEL']);
  });

  it('without a place returns only national services and says so', () => {
    const c = criteria({ place: null, needCodes: ['social-counselling', 'divorce'] });
    const r = buildReferral([svc('local'), svc('hotline', { coverage: national })], c, ctx());
    expect(r.options.map((o) => [o.service.id, o.distanceKm])).toEqual([['hotline', null]]);
    expect(r.unmetNeeds.map((u) => [u.need.code, u.nearest])).toEqual([['divorce', null]]);
    expect(r.guidance.map((g) => g.code)).toEqual(['NO_PLACE_GIVEN']);
  });

  it('drops ineligible and unmatched candidates and honours the limit in options and byNeed', () => {
    const many = Array.from({ length: 5 }, (_, i) => svc(`s${i}`, { name: `S${i}` }));
    const c = criteria({ limit: 3, age: 16 });
    const r = buildReferral(
      [
        ...many,
        svc('adult', {
          eligibility: { minAge: 18, maxAge: null, acceptsChildren: false, maxBoyAge: null },
        }),
        svc('men-only', { targetGroupCodes: ['men'] }),
      ],
      c,
      ctx(),
    );
    expect(r.options.map((o) => o.service.id)).toEqual(['s0', 's1', 's2']);
    expect(r.byNeed[0].options.map((o) => o.rank)).toEqual([1, 2, 3]);
  });
});

describe('selectCoveringNeeds', () => {
  const meets = (item: string, need: string): boolean => item.startsWith(need);
  const ranked = ['stay-1', 'stay-2', 'stay-3', 'stay-4', 'care-1', 'care-2'];
  const none = (): boolean => false;

  it('is the plain top of the list when every need is already in it', () => {
    expect(selectCoveringNeeds(ranked, ['stay', 'care'], 5, meets, none)).toEqual([
      'stay-1',
      'stay-2',
      'stay-3',
      'stay-4',
      'care-1',
    ]);
  });

  it('keeps the best option of a need that the cut would hide, in rank order', () => {
    expect(selectCoveringNeeds(ranked, ['stay', 'care'], 3, meets, none)).toEqual([
      'stay-1',
      'stay-2',
      'care-1',
    ]);
    expect(selectCoveringNeeds(ranked, ['care', 'stay'], 1, meets, none)).toEqual(['care-1']);
  });

  it('keeps the best local option of each need (a full shelter in her town), in rank order', () => {
    const local = (item: string): boolean => item === 'stay-4';
    expect(selectCoveringNeeds(ranked, ['stay', 'care'], 3, meets, local)).toEqual([
      'stay-1',
      'stay-4',
      'care-1',
    ]);
  });

  it('ignores needs nothing meets', () => {
    expect(selectCoveringNeeds(ranked, ['legal', 'stay'], 2, meets, none)).toEqual([
      'stay-1',
      'stay-2',
    ]);
  });
});

describe('the referral chain (follow-ups)', () => {
  const rapeCentre = svc('rape', {
    needCodes: ['acute-examination-after-rape', 'psychological-treatment'],
    municipalityCode: '851',
    coverage: { national: false, regionCodes: ['1081'], municipalityCodes: [] },
  });
  const legalNear = svc('legal-near', {
    name: 'Retshjælp Nord',
    needCodes: ['divorce'],
    municipalityCode: '851',
  });
  const legalFar = svc('legal-far', {
    name: 'Retshjælp Syd',
    needCodes: ['legal-advice'],
    municipalityCode: '461',
  });
  const legalNational = svc('legal-national', {
    name: 'Retshjælp Danmark',
    needCodes: ['legal-advice'],
    coverage: { national: true, regionCodes: [], municipalityCodes: [] },
  });

  it('comes from the taxonomy, leaving out what the request already covers', () => {
    expect(tax.followUps(['acute-examination-after-rape'])).toEqual([
      { code: 'psychological-treatment', after: ['acute-examination-after-rape'] },
      { code: 'legal-advice', after: ['acute-examination-after-rape'] },
    ]);
    expect(tax.followUps(['acute-examination-after-rape', 'health'])).toEqual([
      { code: 'legal-advice', after: ['acute-examination-after-rape'] },
    ]);
    expect(tax.followUps(['emergency-stay', 'stay-with-children']).map((f) => f.code)).toEqual([
      'housing',
      'work-and-education',
      'authority-contact',
      'child-psychological-treatment',
      'family-treatment',
    ]);
    // Danish lessons only for a person who speaks another language
    expect(tax.followUps(['emergency-stay'], { otherLanguage: true }).map((f) => f.code)).toEqual([
      'housing',
      'work-and-education',
      'danish-language',
      'authority-contact',
    ]);
    expect(tax.followUps(['divorce'])).toEqual([]);
  });

  it('is followed further by a plan, each need once, never back into the request', () => {
    expect(tax.chain(['perpetrator-housing'], { otherLanguage: false }, 3)).toEqual([
      { code: 'perpetrator-treatment', after: ['perpetrator-housing'] },
      { code: 'family-treatment', after: ['perpetrator-treatment'] },
    ]);
    expect(tax.chain(['perpetrator-treatment'], { otherLanguage: false }, 3)).toEqual([
      { code: 'family-treatment', after: ['perpetrator-treatment'] },
    ]);
    expect(tax.chain(['child-investigation'], { otherLanguage: false }, 3)).toEqual([
      { code: 'child-psychological-treatment', after: ['child-investigation'] },
      { code: 'family-treatment', after: ['child-investigation'] },
    ]);
  });

  it('gives every need and service type a phase of the action plans', () => {
    expect(tax.needs.get('child-investigation')?.phase).toBe('DETECTION');
    expect(tax.needs.get('perpetrator-treatment')?.phase).toBe('SUPPORT');
    expect(tax.needs.get('danish-language')?.phase).toBe('AFTERCARE');
    expect(tax.serviceTypeByCode.get('hotline')?.phase).toBe('DETECTION');
    expect(tax.serviceTypeByCode.get('womens-shelter')?.phase).toBe('SUPPORT');
  });

  it('is offered after the main options, in the area first, and never mixed into them', () => {
    const c = criteria({
      targetGroupCodes: ['men'],
      needCodes: ['acute-examination-after-rape', 'psychological-treatment'],
      place: placeIn('851'),
    });
    const r = buildReferral([rapeCentre, legalNear, legalFar, legalNational], c, ctx());
    expect(r.options.map((o) => o.service.id)).toEqual(['rape']);
    expect(
      r.followUps.map((f) => ({
        need: f.need.code,
        after: f.after.map((n) => n.code),
        options: f.options.map((o) => [o.rank, o.service.id, o.coverage]),
      })),
    ).toEqual([
      {
        need: 'legal-advice',
        after: ['acute-examination-after-rape'],
        options: [
          [1, 'legal-near', CoverageMatch.MUNICIPALITY],
          [2, 'legal-national', CoverageMatch.NATIONAL],
        ],
      },
    ]);
    // the candidate query also looks for what comes next
    expect(candidateCodes(c, ctx()).needCodes).toContain('legal-advice');
  });

  it('falls back to the nearest service outside the area', () => {
    const c = criteria({
      targetGroupCodes: ['men'],
      needCodes: ['acute-examination-after-rape'],
      place: placeIn('851'),
    });
    const r = buildReferral([rapeCentre, legalFar], c, ctx());
    const legal = r.followUps.find((f) => f.need.code === 'legal-advice');
    expect(legal?.options.map((o) => [o.service.id, o.coverage])).toEqual([
      ['legal-far', CoverageMatch.OUTSIDE_AREA],
    ]);
  });
});
