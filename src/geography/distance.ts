import { LatLon } from '../neo4j/neo4j-values';

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in km (haversine); good enough to rank places within Denmark. */
export function distanceKm(a: LatLon, b: LatLon): number {
  const rad = (d: number): number => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A generous box around Denmark (Bornholm and Skagen included, Greenland and the Faroes not). */
export const DENMARK_BOUNDS = { minLat: 54.4, maxLat: 57.9, minLon: 7.8, maxLon: 15.3 };

export function insideDenmark(p: LatLon): boolean {
  return (
    p.latitude >= DENMARK_BOUNDS.minLat &&
    p.latitude <= DENMARK_BOUNDS.maxLat &&
    p.longitude >= DENMARK_BOUNDS.minLon &&
    p.longitude <= DENMARK_BOUNDS.maxLon
  );
}
