import { RankingRow } from '../catalogue/service-row';
import { distanceKm } from '../geography/distance';
import { Geography } from '../geography/geography';
import { Availability, CoverageMatch } from './models/referral.model';
import { ReferralPlace } from './criteria';

/** The rule of place and time: where a service is from the person, and its free places now. */

/** The service's relation to the person's place (without a place: national or outside). */
export function coverageOf(
  service: RankingRow,
  place: ReferralPlace | null,
  geo: Geography,
): CoverageMatch {
  if (place) {
    const m = place.municipality.code;
    const r = place.region.code;
    if (service.municipalityCode === m || service.coverage.municipalityCodes.includes(m)) {
      return CoverageMatch.MUNICIPALITY;
    }
    const inRegion = (c: string): boolean => geo.municipality(c)?.regionCode === r;
    if (
      service.coverage.regionCodes.includes(r) ||
      (service.municipalityCode ? inRegion(service.municipalityCode) : false) ||
      service.coverage.municipalityCodes.some(inRegion)
    ) {
      return CoverageMatch.REGION;
    }
  }
  return service.coverage.national ? CoverageMatch.NATIONAL : CoverageMatch.OUTSIDE_AREA;
}

/** Km (one decimal) from the person's place to the service's municipality. */
export function distanceOf(
  service: RankingRow,
  place: ReferralPlace | null,
  geo: Geography,
): number | null {
  const located = service.municipalityCode ? geo.municipality(service.municipalityCode) : null;
  if (!place || !located) {
    return null;
  }
  return Math.round(distanceKm(place.origin, located.location) * 10) / 10;
}

/**
 * Free places as reported: no report is UNKNOWN; a report older than the window (or undated) is
 * STALE whatever it said, since only a fresh report can promise a place or rule one out.
 */
export function availabilityOf(service: RankingRow, now: Date, freshHours: number): Availability {
  const capacity = service.capacity;
  if (!capacity || capacity.freePlaces === null) {
    return Availability.UNKNOWN;
  }
  const reportedAt = capacity.reportedAt;
  if (!reportedAt || now.getTime() - reportedAt.getTime() > freshHours * 3_600_000) {
    return Availability.STALE;
  }
  return capacity.freePlaces > 0 ? Availability.AVAILABLE : Availability.FULL;
}
