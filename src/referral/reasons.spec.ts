import { ReferralRoute } from '../catalogue/models/service.model';
import { ReferralCriteria } from './criteria';
import { Evaluated } from './evaluation';
import { Availability, CoverageMatch, Language } from './models/referral.model';
import { joinList, lowerFirst } from './phrases';
import { nextStepsFor, reasonsFor } from './reasons';
import { buildReferral } from '../../test/support/reference-evaluator';
import { criteriaIn, listing, NOW, rankingContext } from '../../test/support/referral-fixtures';

// The canonical reference data from the seed, so the rules are tested on the real hierarchies.
const HOURS_AGO = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const svc = listing;
const criteria = (over: Partial<ReferralCriteria> = {}): ReferralCriteria =>
  criteriaIn('461', over);
const ctx = rankingContext;

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
      'Ligger i Svendborg',
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
      'Located in Svendborg',
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
      fit: 0,
      stay: false,
      rape: false,
      away: false,
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
