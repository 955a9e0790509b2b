import { ReferralRoute, Service } from '../catalogue/models/service.model';
import { ReferralCriteria } from './criteria';
import { exclusionOf } from './eligibility';
import { criteriaIn, listing, tax } from '../../test/support/referral-fixtures';

// The canonical reference data from the seed, so the rules are tested on the real hierarchies.
const svc = listing;
const criteria = (over: Partial<ReferralCriteria> = {}): ReferralCriteria =>
  criteriaIn('461', over);
const stay = (over: Partial<Service['eligibility']> = {}): Partial<Service> => ({
  needCodes: ['emergency-stay'],
  eligibility: { minAge: null, maxAge: null, acceptsChildren: true, maxBoyAge: null, ...over },
});

describe('exclusionOf', () => {
  it('never offers a service made for perpetrators to a victim who did not ask for one', () => {
    const programme = svc('dmv', {
      targetGroupCodes: ['perpetrators', 'families'],
      needCodes: ['perpetrator-treatment', 'family-treatment'],
    });
    const family = { targetGroupCodes: ['women', 'families'], needCodes: ['family-treatment'] };
    expect(exclusionOf(programme, criteria(family), tax)).toBe('PERPETRATORS');
    expect(
      exclusionOf(programme, criteria({ ...family, needCodes: ['perpetrator-treatment'] }), tax),
    ).toBeNull();
    expect(
      exclusionOf(
        programme,
        criteria({ targetGroupCodes: ['perpetrators'], needCodes: ['family-treatment'] }),
        tax,
      ),
    ).toBeNull();
    // an intervention centre (victims and perpetrators alike) is not made for perpetrators
    const centre = svc('ic', { targetGroupCodes: ['victims', 'perpetrators'] });
    expect(exclusionOf(centre, criteria(family), tax)).toBeNull();
  });

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
