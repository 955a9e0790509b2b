import { matchNeeds } from './needs';
import { listing, tax } from '../../test/support/referral-fixtures';

// The canonical reference data from the seed, so the rules are tested on the real hierarchies.
const svc = listing;

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
