import { ReferralCriteria } from './criteria';
import { guidanceCodes } from './guidance';
import { criteriaIn, tax } from '../../test/support/referral-fixtures';

// The canonical reference data from the seed, so the rules are tested on the real hierarchies.
const criteria = (over: Partial<ReferralCriteria> = {}): ReferralCriteria =>
  criteriaIn('461', over);

describe('guidanceCodes', () => {
  it.each([
    [{ needCodes: ['emergency-stay'] }, ['DANGER_CALL_112', 'SHELTER_PLACES_1888']],
    [
      { targetGroupCodes: ['perpetrators'], needCodes: ['perpetrator-housing'] },
      ['DANGER_CALL_112'],
    ],
    [{ needCodes: ['police-protection'] }, ['DANGER_CALL_112']],
    [
      { needCodes: ['acute-examination-after-rape'] },
      ['RAPE_ACUTE_EXAMINATION', 'VICTIMS_COUNSEL'],
    ],
    [
      { targetGroupCodes: ['men'], needCodes: ['acute-examination-after-rape'] },
      ['RAPE_ACUTE_EXAMINATION', 'VICTIMS_COUNSEL'],
    ],
    [{ needCodes: ['legal-advice'] }, ['VICTIMS_COUNSEL']],
    [{ targetGroupCodes: ['perpetrators'], needCodes: ['legal-advice'] }, []],
    [{ childrenAtHome: [2, 7] }, ['DUTY_TO_NOTIFY']],
    [{ targetGroupCodes: ['pregnant-women'] }, ['DUTY_TO_NOTIFY_UNBORN']],
    [{ needCodes: ['pregnancy-care'] }, ['DUTY_TO_NOTIFY_UNBORN']],
    [
      { targetGroupCodes: ['pregnant-women'], accompanyingChildren: [3] },
      ['DUTY_TO_NOTIFY', 'DUTY_TO_NOTIFY_UNBORN'],
    ],
    [{ targetGroupCodes: ['children'], needCodes: ['child-investigation'] }, ['DUTY_TO_NOTIFY']],
    [{ accompanyingChildren: [3] }, ['DUTY_TO_NOTIFY']],
    [{ age: 16 }, ['DUTY_TO_NOTIFY']],
    [{ place: null }, ['NO_PLACE_GIVEN']],
    [{ needCodes: ['divorce'] }, []],
  ] as [Partial<ReferralCriteria>, string[]][])('%j → %j', (over, expected) => {
    expect(guidanceCodes(criteria(over), tax)).toEqual(expected);
  });
});
