import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { LatLon } from '../neo4j/neo4j-values';

/** A position as GeoJSON writes it: [longitude, latitude]. */
type Position = [number, number];
/** A ring of positions, closed (first equals last). */
type Ring = Position[];

export const DENMARK_OUTLINE_FILE = join(projectRoot(), 'seed', 'data', 'denmark-outline.geojson');

interface OutlineFile {
  features: {
    properties?: { coastMarginKm?: number };
    geometry: { type: string; coordinates: unknown };
  }[];
}

/**
 * A part of the outline: its rings (outer first, then holes), the edges of its coast (every edge
 * but those of the land border: the margin applies at sea only) and its box, margin included.
 */
interface Part {
  rings: Ring[];
  coast: [Position, Position][];
  box: { minLon: number; maxLon: number; minLat: number; maxLat: number };
}

export interface Outline {
  parts: Part[];
  marginKm: number;
}

const KM_PER_DEGREE_LAT = 110.574;
const kmPerDegreeLon = (latitude: number): number => 111.32 * Math.cos((latitude * Math.PI) / 180);

/**
 * Reads seed/data/denmark-outline.geojson (built by seed/tools/build-denmark-outline.js): the
 * MultiPolygon of the country, the land border with Germany as a LineString, and the margin at
 * sea in the MultiPolygon's `coastMarginKm`.
 */
export function readOutline(file: string = DENMARK_OUTLINE_FILE): Outline {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as OutlineFile;
  const country = parsed.features.find((f) => f.geometry.type === 'MultiPolygon');
  if (!country) {
    throw new Error(`${file}: no MultiPolygon`);
  }
  const marginKm = country.properties?.coastMarginKm ?? 0;
  const border = parsed.features
    .filter((f) => f.geometry.type === 'LineString')
    .flatMap((f) => f.geometry.coordinates as Position[]);
  const key = (a: Position, b: Position): string => `${a.join(',')}|${b.join(',')}`;
  const borderEdges = new Set<string>();
  for (let i = 0; i + 1 < border.length; i++) {
    borderEdges.add(key(border[i], border[i + 1]));
    borderEdges.add(key(border[i + 1], border[i]));
  }
  const parts: Part[] = [];
  for (const rings of country.geometry.coordinates as Ring[][]) {
    const outer = rings[0];
    const lats = outer.map(([, lat]) => lat);
    const lons = outer.map(([lon]) => lon);
    const dLat = marginKm / KM_PER_DEGREE_LAT;
    const dLon = marginKm / kmPerDegreeLon(Math.max(...lats.map(Math.abs)));
    const coast: [Position, Position][] = [];
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        if (!borderEdges.has(key(ring[i], ring[i + 1]))) {
          coast.push([ring[i], ring[i + 1]]);
        }
      }
    }
    parts.push({
      rings,
      coast,
      box: {
        minLon: Math.min(...lons) - dLon,
        maxLon: Math.max(...lons) + dLon,
        minLat: Math.min(...lats) - dLat,
        maxLat: Math.max(...lats) + dLat,
      },
    });
  }
  if (parts.length === 0) {
    throw new Error(`${file}: no polygon`);
  }
  return { parts, marginKm };
}

/** Ray casting (even-odd): is the point inside the ring? Points on an edge may go either way. */
export function insideRing(p: LatLon, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p.latitude !== yj > p.latitude) {
      const x = xi + ((p.latitude - yi) * (xj - xi)) / (yj - yi);
      if (p.longitude < x) {
        inside = !inside;
      }
    }
  }
  return inside;
}

/** Kilometres from p to the segment a–b (a plane tangent at p's latitude: fine over a few km). */
function kmToSegment(p: LatLon, a: Position, b: Position): number {
  const kx = kmPerDegreeLon(p.latitude);
  const ax = (a[0] - p.longitude) * kx;
  const ay = (a[1] - p.latitude) * KM_PER_DEGREE_LAT;
  const bx = (b[0] - p.longitude) * kx;
  const by = (b[1] - p.latitude) * KM_PER_DEGREE_LAT;
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / length2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** Inside the outline, or at sea within its margin of the coast. */
export function insideOutline(p: LatLon, outline: Outline): boolean {
  const near = outline.parts.filter(
    ({ box }) =>
      p.latitude >= box.minLat &&
      p.latitude <= box.maxLat &&
      p.longitude >= box.minLon &&
      p.longitude <= box.maxLon,
  );
  if (near.length === 0) {
    return false;
  }
  for (const { rings } of near) {
    // Even-odd over the outer ring and its holes (the Isefjord is one).
    if (rings.filter((ring) => insideRing(p, ring)).length % 2 === 1) {
      return true;
    }
  }
  return near.some(({ coast }) => coast.some(([a, b]) => kmToSegment(p, a, b) <= outline.marginKm));
}

let outline: Outline | undefined;

/**
 * Whether a position lies in Denmark (without Greenland and the Faroe Islands): inside the outline
 * in seed/data/denmark-outline.geojson (Eurostat GISCO's 1:10 million boundary; see the README
 * there), or at sea within its margin (2 km) of the coast, never across the land border. Read once;
 * a box per part keeps a position far from Denmark to a few comparisons.
 */
export function insideDenmark(p: LatLon): boolean {
  if (!Number.isFinite(p.latitude) || !Number.isFinite(p.longitude)) {
    return false;
  }
  outline ??= readOutline();
  return insideOutline(p, outline);
}
