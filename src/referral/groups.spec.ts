import { candidateCodes } from './candidates';
import { expandGroups, matchGroups } from './groups';
import { listing, rankingContext, tax } from '../../test/support/referral-fixtures';

// The canonical reference data from the seed, so the rules are tested on the real hierarchies.
const svc = listing;
const ctx = rankingContext;

describe('expandGroups: perpetrators and victims never meet', () => {
  it('expands a victims group broader, never to perpetrators nor to a narrower situation', () => {
    const e = expandGroups(tax, ['women']);
    expect(e).toMatchObject({
      perpetratorRequest: false,
      requested: ['women'],
      codes: ['victims', 'women'],
      byRequested: [['victims', 'women']],
      otherGender: ['men'],
      sameGender: ['women', 'ethnic-minority-women', 'pregnant-women', 'victims'],
    });
    // a request for everyone exposed still reaches the services for women, men, children …
    expect(expandGroups(tax, ['victims']).codes).toEqual([
      'children',
      'families',
      'lgbt',
      'men',
      'stalking-victims',
      'victims',
      'women',
      'young-people',
    ]);
    expect(expandGroups(tax, ['pregnant-women']).codes).toEqual([
      'pregnant-women',
      'victims',
      'women',
    ]);
  });

  it('never matches a service for the other gender through a group both share', () => {
    const mensShelter = svc('m', { targetGroupCodes: ['men', 'lgbt'] });
    const rapeCentre = svc('r', { targetGroupCodes: ['women', 'men', 'young-people'] });
    const woman = expandGroups(tax, ['women', 'lgbt']);
    expect(matchGroups(mensShelter, woman).groupCodes).toEqual([]);
    expect(matchGroups(mensShelter, expandGroups(tax, ['lgbt'])).groupCodes).toEqual(['lgbt']);
    expect(matchGroups(rapeCentre, woman).groupCodes).toEqual(['women']);
  });

  it('a perpetrator request matches only perpetrator groups, whatever else is given', () => {
    expect(expandGroups(tax, ['men', 'perpetrators'])).toMatchObject({
      perpetratorRequest: true,
      requested: ['perpetrators'],
      codes: ['perpetrators'],
      otherGender: [],
      open: [],
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
    expect(matchGroups(both, victims)).toEqual({
      groupCodes: ['men'],
      servedVia: ['victims'],
      open: false,
    });
    expect(matchGroups(both, perpetrators)).toEqual({
      groupCodes: ['perpetrators'],
      servedVia: ['perpetrators'],
      open: false,
    });
    expect(matchGroups(programme, victims).groupCodes).toEqual([]);
    expect(matchGroups(svc('v'), perpetrators).groupCodes).toEqual([]);
  });
});
