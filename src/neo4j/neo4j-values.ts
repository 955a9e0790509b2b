import { isDateTime, isPoint } from 'neo4j-driver';

/** Converts a Neo4j DateTime (or ISO string) to a JS Date; null stays null. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (isDateTime(value)) {
    return new Date((value as { toString(): string }).toString());
  }
  if (typeof value === 'string') {
    return new Date(value);
  }
  throw new TypeError('not a date-time value');
}

export interface LatLon {
  latitude: number;
  longitude: number;
}

/** Converts a WGS-84 Neo4j point to latitude/longitude. */
export function toLatLon(value: unknown): LatLon | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (isPoint(value)) {
    const p = value as { x: number; y: number };
    return { latitude: p.y, longitude: p.x };
  }
  throw new TypeError('not a point value');
}
