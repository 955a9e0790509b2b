import { candidateCodes } from './candidates';
import { expandGroups, matchGroups } from './groups';
import { listing, rankingContext, tax } from '../../test/support/referral-fixtures';

// The canonical reference data from the seed, so the rules are tested on the real hierarchies.
const svc = listing;
const ctx = rankingContext;

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
