import { Language } from './models/referral.model';
import { confirmationDue } from './confirmation';

describe('confirmationDue', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const ctx = (language: Language, listingConfirmDays?: number) => ({
    now,
    language,
    listingConfirmDays,
  });
  const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3_600_000);

  it('names the date of a confirmation older than the window, in the answer’s language', () => {
    const old = new Date('2026-03-02T10:00:00Z');
    expect(confirmationDue(old, ctx(Language.DA, 180))).toBe('2. marts 2026');
    expect(confirmationDue(old, ctx(Language.EN, 180))).toBe('2 March 2026');
  });

  it('says nothing within the window, on its last day, or for a listing never confirmed', () => {
    expect(confirmationDue(daysAgo(179), ctx(Language.DA, 180))).toBeNull();
    expect(confirmationDue(daysAgo(180), ctx(Language.DA, 180))).toBeNull();
    expect(confirmationDue(daysAgo(181), ctx(Language.DA, 180))).not.toBeNull();
    expect(confirmationDue(null, ctx(Language.DA, 180))).toBeNull();
  });

  it('follows the configured window, and says nothing without one', () => {
    expect(confirmationDue(daysAgo(31), ctx(Language.DA, 30))).not.toBeNull();
    expect(confirmationDue(daysAgo(400), ctx(Language.DA))).toBeNull();
  });
});
