import { RankingContext } from './criteria';
import { Language } from './models/referral.model';

const DAY_MS = 24 * 3_600_000;

/**
 * The date a listing was last confirmed, in the answer's language, when that was longer ago than
 * LISTING_CONFIRM_DAYS (null otherwise, and for a listing never confirmed: its organisation's
 * freshness list covers those, by creation date).
 */
export function confirmationDue(
  verifiedAt: Date | null,
  ctx: Pick<RankingContext, 'now' | 'language' | 'listingConfirmDays'>,
): string | null {
  const days = ctx.listingConfirmDays;
  if (!verifiedAt || days === undefined) {
    return null;
  }
  if (ctx.now.getTime() - verifiedAt.getTime() <= days * DAY_MS) {
    return null;
  }
  return verifiedAt.toLocaleDateString(ctx.language === Language.EN ? 'en-GB' : 'da-DK', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Copenhagen',
  });
}
