import { availabilityOfPlaces } from '../catalogue/models/availability.model';
import { RankingRow } from '../catalogue/service-row';
import { distanceKm } from '../geography/distance';
import { Geography } from '../geography/geography';
import { Availability, CoverageMatch } from './models/referral.model';
import { DEFAULT_KEEP_AWAY_KM, RankingContext, ReferralCriteria, ReferralPlace } from './criteria';

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
 * Free places as reported (see `availabilityOfPlaces`, which search hits share); NO_PLACES for a
 * service that neither offers a stay nor reports places, so nothing is said about places.
 */
export function availabilityOf(
  service: RankingRow,
  now: Date,
  freshHours: number,
  stay: boolean,
): Availability {
  return !stay && service.capacity === null
    ? Availability.NO_PLACES
    : availabilityOfPlaces(service.capacity, now, freshHours);
}

/**
 * Whether the service is located in a municipality the person must keep away from, or within
 * KEEP_AWAY_KM of one (town hall to town hall). A service with no location is not.
 */
export function keptAway(
  service: RankingRow,
  criteria: Pick<ReferralCriteria, 'keepAwayFrom'>,
  ctx: Pick<RankingContext, 'geography' | 'keepAwayKm'>,
): boolean {
  if (criteria.keepAwayFrom.length === 0 || !service.municipalityCode) {
    return false;
  }
  const located = ctx.geography.municipality(service.municipalityCode);
  if (!located) {
    return false;
  }
  const km = ctx.keepAwayKm ?? DEFAULT_KEEP_AWAY_KM;
  return criteria.keepAwayFrom.some(
    (m) => m.code === located.code || distanceKm(m.location, located.location) <= km,
  );
}
