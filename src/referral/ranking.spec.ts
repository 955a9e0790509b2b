import { ReferralRoute, Service } from '../catalogue/models/service.model';
import {
  availabilityOf,
  compareOptions,
  coverageOf,
  Evaluated,
  exclusionOf,
  expandGroups,
  guidanceCodes,
  matchGroups,
  matchNeeds,
  ReferralCriteria,
  scoreOf,
} from './matching';
import { Availability, CoverageMatch, Language } from './models/referral.model';
import { buildReferral, candidateCodes, selectCoveringNeeds } from './ranking';
import { joinList, lowerFirst, nextStepsFor, reasonsFor } from './referral-texts';
import {
  criteriaIn,
  geo,
  listing,
  NOW,
  placeIn,
  rankingContext,
  tax,
} from '../../test/support/referral-fixtures';

// The canonical reference data from the seed, so the rules are tested on the real hierarchies.
const HOURS_AGO = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const svc = listing;

const criteria = (over: Partial<ReferralCriteria> = {}): ReferralCriteria =>
  criteriaIn('461', over);
const ctx = rankingContext;

const stay = (over: Partial<Service['eligibility']> = {}): Partial<Service> => ({
  needCodes: ['emergency-stay'],
  eligibility: { minAge: null, maxAge: null, acceptsChildren: true, maxBoyAge: null, ...over },
});

describe('expandGroups: perpetrators and victims never meet', () => {
  it('expands a victims group narrower and broader, never to perpetrators', () => {
    const e = expandGroups(tax, ['women']);
    expect(e).toEqual({
      perpetratorRequest: false,
      requested: ['women'],
      codes: ['ethnic-minority-women', 'pregnant-women', 'victims', 'women'],
    });
  });

  it('a perpetrator request matches only perpetrator groups, whatever else is given', () => {
    expect(expandGroups(tax, ['men', 'perpetrators'])).toEqual({
      perpetratorRequest: true,
      requested: ['perpetrators'],
      codes: ['perpetrators'],
    });
    expect(
      candidateCodes(
        { targetGroupCodes: ['perpetrators'], needCodes: ['legal-advice'], languages: [] },
        ctx(),
      ),
    ).toEqual({
      targetGroupCodes: ['perpetrators'],
      needCodes: ['custody-and-contact', 'divorce', 'legal-advice', 'residence-status'],
    });
  });

  it('a service for victims and perpetrators matches both; a perpetrator programme only one', () => {
    const both = svc('ic', { targetGroupCodes: ['perpetrators', 'victims'] });
    const programme = svc('pp', { targetGroupCodes: ['perpetrators'] });
    const victims = expandGroups(tax, ['men']);
    const perpetrators = expandGroups(tax, ['perpetrators']);
    expect(matchGroups(both, victims, tax)).toEqual({
      groupCodes: ['men'],
      servedVia: ['victims'],
    });
    expect(matchGroups(both, perpetrators, tax)).toEqual({
      groupCodes: ['perpetrators'],
      servedVia: ['perpetrators'],
    });
    expect(matchGroups(programme, victims, tax).groupCodes).toEqual([]);
    expect(matchGroups(svc('v'), perpetrators, tax).groupCodes).toEqual([]);
  });
});

describe('matchNeeds', () => {
  it('a broader need meets a narrower request fully; a narrower one meets a broad request partly', () => {
    expect(
      matchNeeds(svc('a', { needCodes: ['legal-advice'] }), ['custody-and-contact'], tax),
    ).toEqual([{ code: 'custody-and-contact', partlyVia: null }]);
    expect(
      matchNeeds(svc('b', { needCodes: ['divorce', 'residence-status'] }), ['legal-advice'], tax),
    ).toEqual([{ code: 'legal-advice', partlyVia: ['divorce', 'residence-status'] }]);
    expect(matchNeeds(svc('c', { needCodes: ['divorce'] }), ['residence-status'], tax)).toEqual([]);
  });
});

describe('exclusionOf', () => {
  it('excludes by age limits', () => {
    const adult = svc('a', {
      eligibility: { minAge: 18, maxAge: null, acceptsChildren: false, maxBoyAge: null },
    });
    expect(exclusionOf(adult, criteria({ age: 16 }), tax)).toBe('AGE');
    expect(exclusionOf(adult, criteria({ age: 18 }), tax)).toBeNull();
    expect(exclusionOf(adult, criteria(), tax)).toBeNull();
    const youth = svc('y', {
      eligibility: { minAge: 15, maxAge: 18, acceptsChildren: false, maxBoyAge: null },
    });
    expect(exclusionOf(youth, criteria({ age: 19 }), tax)).toBe('AGE');
  });

  it('checks children only for a stay, and boys only when their ages are given', () => {
    const kids = criteria({ accompanyingChildren: [4, 15] });
    expect(exclusionOf(svc('s', stay({ acceptsChildren: false })), kids, tax)).toBe('CHILDREN');
    expect(exclusionOf(svc('c'), kids, tax)).toBeNull();
    const limited = svc('l', stay({ maxBoyAge: 12 }));
    expect(exclusionOf(limited, kids, tax)).toBeNull();
    expect(
      exclusionOf(
        limited,
        criteria({ accompanyingChildren: [4, 15], accompanyingBoys: [15] }),
        tax,
      ),
    ).toBe('BOYS');
    expect(
      exclusionOf(limited, criteria({ accompanyingChildren: [4, 15], accompanyingBoys: [4] }), tax),
    ).toBeNull();
  });

  it('excludes no step-free access for a wheelchair (unknown is kept) and non-self routes when asked', () => {
    const w = criteria({ wheelchair: true });
    expect(exclusionOf(svc('n', { wheelchairAccessible: false }), w, tax)).toBe('WHEELCHAIR');
    expect(exclusionOf(svc('u', { wheelchairAccessible: null }), w, tax)).toBeNull();
    const municipal = svc('m', {
      referralRoutes: [ReferralRoute.MUNICIPALITY],
      selfReferral: false,
    });
    expect(exclusionOf(municipal, criteria({ selfReferralOnly: true }), tax)).toBe('SELF_REFERRAL');
    expect(exclusionOf(municipal, criteria(), tax)).toBeNull();
  });
});

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
    expect(availabilityOf(service, NOW, 24)).toBe(expected);
  });
});

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

describe('guidanceCodes', () => {
  it.each([
    [{ needCodes: ['emergency-stay'] }, ['DANGER_CALL_112', 'SHELTER_PLACES_1888']],
    [
      { targetGroupCodes: ['perpetrators'], needCodes: ['perpetrator-housing'] },
      ['DANGER_CALL_112'],
    ],
    [{ needCodes: ['police-protection'] }, ['DANGER_CALL_112']],
    [{ needCodes: ['acute-examination-after-rape'] }, ['RAPE_ACUTE_EXAMINATION']],
    [{ targetGroupCodes: ['children'], needCodes: ['child-investigation'] }, ['DUTY_TO_NOTIFY']],
    [{ accompanyingChildren: [3] }, ['DUTY_TO_NOTIFY']],
    [{ age: 16 }, ['DUTY_TO_NOTIFY']],
    [{ place: null }, ['NO_PLACE_GIVEN']],
    [{ needCodes: ['divorce'] }, []],
  ] as [Partial<ReferralCriteria>, string[]][])('%j → %j', (over, expected) => {
    expect(guidanceCodes(criteria(over), tax)).toEqual(expected);
  });
});

describe('texts', () => {
  it('joins and lower-cases like a sentence', () => {
    expect(joinList(['a', 'b', 'c'], 'og')).toBe('a, b og c');
    expect(lowerFirst('Kvinder')).toBe('kvinder');
    expect(lowerFirst('LGBT+ og personer')).toBe('LGBT+ og personer');
  });

  const shelter = svc('shelter', {
    name: 'Krisecenter',
    municipalityCode: '479',
    targetGroupCodes: ['women'],
    needCodes: ['emergency-stay'],
    open24h: true,
    languages: ['ar', 'da'],
    contact: { phone: '+45 11 22 33 44', email: null, website: null },
    capacity: { totalPlaces: 8, freePlaces: 2, reportedAt: HOURS_AGO(2) },
    addressConfidential: true,
    eligibility: { minAge: 18, maxAge: null, acceptsChildren: true, maxBoyAge: 12 },
    wheelchairAccessible: null,
  });

  it('says why, in Danish and English, from the data', () => {
    const c = criteria({
      needCodes: ['emergency-stay'],
      languages: ['ar'],
      age: 30,
      accompanyingChildren: [14],
      wheelchair: true,
    });
    const [option] = buildReferral([shelter], c, ctx()).options;
    expect(option.reasons).toEqual([
      'Tager imod kvinder',
      'Hjælper med akut ophold',
      '2 ledige pladser',
      'Døgnåben',
      'I Region Syddanmark',
      'Taler arabisk',
      '40 km fra Odense',
      'Fra 18 år',
      'Børn kan komme med',
      'Drenge kun til og med 12 år: spørg, hvis en ældre dreng kommer med',
      'Trinfri adgang ukendt',
    ]);
    expect(option.nextSteps).toEqual([
      'Personen kan selv ringe på +45 11 22 33 44 (døgnet rundt)',
      'Adressen er hemmelig: aftal ankomsten pr. telefon',
    ]);
    const [en] = buildReferral([shelter], c, ctx(Language.EN)).options;
    expect(en.reasons).toEqual([
      'Serves women',
      'Helps with emergency stay',
      '2 free places',
      'Open day and night',
      'In Region of Southern Denmark',
      'Speaks Arabic',
      '40 km from Odense',
      'Ages 18 and over',
      'Children can come along',
      'Boys only up to age 12: ask if an older boy comes along',
      'Step-free access unknown',
    ]);
  });

  it('says partly, and gives the municipality route for a children’s house', () => {
    const house = svc('house', {
      targetGroupCodes: ['children'],
      needCodes: ['child-investigation'],
      referralRoutes: [ReferralRoute.MUNICIPALITY],
      selfReferral: false,
      contact: { phone: '+45 99 99 99 99', email: null, website: null },
    });
    const c = criteria({ targetGroupCodes: ['children'], needCodes: ['child-investigation'] });
    const [option] = buildReferral([house], c, ctx()).options;
    expect(option.nextSteps).toEqual([
      'Kommunen henviser: kontakt familiens kommune (børne- og ungerådgivningen)',
    ]);
    const e: Evaluated = {
      service: svc('legal', {
        needCodes: ['divorce'],
        referralRoutes: [ReferralRoute.PROFESSIONAL],
      }),
      groupCodes: ['women'],
      servedVia: ['victims'],
      needs: [{ code: 'legal-advice', partlyVia: ['divorce'] }],
      coverage: CoverageMatch.NATIONAL,
      distanceKm: null,
      availability: Availability.STALE,
      placesMatter: false,
      languages: [],
    };
    const c2 = criteria({ place: null });
    expect(reasonsFor(e, c2, ctx(Language.EN))).toEqual([
      'Serves victims of violence',
      'Partly helps with legal advice: divorce',
      'Places last reported over 24 hours ago: call first',
      'Nationwide',
    ]);
    expect(nextStepsFor(e, c2, ctx(Language.EN))).toEqual([
      'You refer as a professional',
      'Call first to ask whether a place is free',
    ]);
  });
});

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
    expect(r.guidance.map((g) => g.code)).toEqual(['RAPE_ACUTE_EXAMINATION']);
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

  it('is the plain top of the list when every need is already in it', () => {
    expect(selectCoveringNeeds(ranked, ['stay', 'care'], 5, meets)).toEqual([
      'stay-1',
      'stay-2',
      'stay-3',
      'stay-4',
      'care-1',
    ]);
  });

  it('keeps the best option of a need that the cut would hide, in rank order', () => {
    expect(selectCoveringNeeds(ranked, ['stay', 'care'], 3, meets)).toEqual([
      'stay-1',
      'stay-2',
      'care-1',
    ]);
    expect(selectCoveringNeeds(ranked, ['care', 'stay'], 1, meets)).toEqual(['care-1']);
  });

  it('ignores needs nothing meets', () => {
    expect(selectCoveringNeeds(ranked, ['legal', 'stay'], 2, meets)).toEqual(['stay-1', 'stay-2']);
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
