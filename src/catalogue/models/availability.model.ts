import { registerEnumType } from '@nestjs/graphql';

/** Free places as a referral and a search hit report them, from the organisation's last report. */
export enum Availability {
  AVAILABLE = 'AVAILABLE',
  UNKNOWN = 'UNKNOWN',
  STALE = 'STALE',
  FULL = 'FULL',
  /** A referral's service that has no places at all (counselling, a rape centre, legal aid). */
  NO_PLACES = 'NO_PLACES',
}
registerEnumType(Availability, {
  name: 'Availability',
  description: 'Free places, as last reported by the organisation.',
  valuesMap: {
    AVAILABLE: { description: 'Free places in a recent report.' },
    UNKNOWN: { description: 'The service does not report places.' },
    STALE: { description: 'The last report is older than the freshness window: call first.' },
    FULL: { description: 'No free places in a recent report.' },
    NO_PLACES: {
      description:
        'The service has no places to report (counselling, a rape centre, legal aid): no availability to show. Only in a referral.',
    },
  },
});

/** The part of a service's capacity availability depends on. */
export interface ReportedPlaces {
  freePlaces: number | null;
  reportedAt: Date | null;
}

/**
 * Free places as reported: no report is UNKNOWN; a report older than the window (or undated) is
 * STALE whatever it said, since only a fresh report can promise a place or rule one out.
 */
export function availabilityOfPlaces(
  capacity: ReportedPlaces | null | undefined,
  now: Date,
  freshHours: number,
): Availability {
  if (!capacity || capacity.freePlaces === null) {
    return Availability.UNKNOWN;
  }
  const reportedAt = capacity.reportedAt;
  if (!reportedAt || now.getTime() - reportedAt.getTime() > freshHours * 3_600_000) {
    return Availability.STALE;
  }
  return capacity.freePlaces > 0 ? Availability.AVAILABLE : Availability.FULL;
}
